package org.skaben.device;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The device table, for the {@link DeviceRegistry} only (it holds every device in memory and writes through
 * here under its lock: see there why these are not {@code sql:} steps). Each change writes only the columns it
 * changes. Last-seen times are written in batches by the last-seen-flush route instead.
 */
public class DeviceRepository {

    private static final String COLUMNS =
            "uid, device_type, config, reported_state, config_hash, last_seen, manual_override, registered_at";
    private static final RowMapper<Device> ROW = (rs, n) -> new Device(
            rs.getString("uid"), rs.getString("device_type"),
            Json.readObject(rs.getString("config")), Json.readObject(rs.getString("reported_state")),
            rs.getString("config_hash"), (Long) rs.getObject("last_seen", Long.class), rs.getBoolean("manual_override"),
            rs.getLong("registered_at"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public DeviceRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public List<Device> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM device ORDER BY device_type, uid", ROW);
    }

    /** One device as the table holds it now (another server instance registered or changed it). */
    public java.util.Optional<Device> find(String uid) {
        return jdbc.query("SELECT " + COLUMNS + " FROM device WHERE uid = ?", ROW, uid).stream().findFirst();
    }

    public void insert(Device d) {
        jdbc.update("INSERT INTO device (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                d.uid(), d.type(), Json.write(d.config()), Json.write(d.reportedState()), d.hash(), d.lastSeen(),
                d.override(), d.registeredAt());
    }

    /** Several instances: inserts the device unless another instance registered its uid first; true when this did. */
    public boolean insertIfAbsent(Device d) {
        return jdbc.update("INSERT INTO device (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (uid) DO NOTHING",
                d.uid(), d.type(), Json.write(d.config()), Json.write(d.reportedState()), d.hash(), d.lastSeen(),
                d.override(), d.registeredAt()) == 1;
    }

    /**
     * Several instances: the device's row as the database holds it, locked (FOR UPDATE) until {@code write} has
     * written the change made of it, in one transaction; empty when no such device is registered. A change on
     * another instance waits, then starts from this one's result.
     */
    public java.util.Optional<Device> changeLocked(String uid, UnaryOperator<Device> change, Consumer<Device> write) {
        return tx.execute(status -> jdbc.query("SELECT " + COLUMNS + " FROM device WHERE uid = ? FOR UPDATE", ROW, uid)
                .stream().findFirst().map(row -> {
                    Device next = change.apply(row);
                    write.accept(next);
                    return next;
                }));
    }

    /** A SUP applied: the state it reported and the config it changed. */
    public void updateReported(Device d) {
        one(d, jdbc.update("UPDATE device SET reported_state = ?, config = ?, config_hash = ? WHERE uid = ?",
                Json.write(d.reportedState()), Json.write(d.config()), d.hash(), d.uid()));
    }

    /** A config changed by a rule or a game master. */
    public void updateConfig(Device d) {
        one(d, jdbc.update("UPDATE device SET config = ?, config_hash = ? WHERE uid = ?",
                Json.write(d.config()), d.hash(), d.uid()));
    }

    /** A game master took the device over or gave it back. */
    public void updateOverride(Device d) {
        one(d, jdbc.update("UPDATE device SET manual_override = ? WHERE uid = ?", d.override(), d.uid()));
    }

    private static void one(Device d, int rows) {
        if (rows != 1) {
            throw new IllegalStateException("device " + d.uid() + " is not in the database");
        }
    }

    /** The whole row but the last-seen time (a scene restored, under the registry's table lock). */
    public void update(Device d) {
        int rows = jdbc.update("UPDATE device SET config = ?, reported_state = ?, config_hash = ?, manual_override = ? "
                + "WHERE uid = ?", Json.write(d.config()), Json.write(d.reportedState()), d.hash(), d.override(), d.uid());
        if (rows != 1) {
            throw new IllegalStateException("device " + d.uid() + " is not in the database");
        }
    }

    /** Its permissions go with it (ON DELETE CASCADE); its journal rows stay. */
    public void delete(String uid) {
        jdbc.update("DELETE FROM device WHERE uid = ?", uid);
    }

    /**
     * Runs the work in one transaction: a device deleted or replaced together with the rows of other tables
     * that name it (each written by its own repository, on the same data source), all or nothing.
     */
    public void inTransaction(Runnable work) {
        tx.executeWithoutResult(status -> work.run());
    }
}
