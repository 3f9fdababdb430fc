package org.skaben.game;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alert_state, alert_current and alert_counter tables, as the game's Java reads and writes them. Why not
 * {@code sql:} steps: {@link Alert}'s in-memory view (every CUP reads it) reloads from here; a change of state
 * and counter is one transaction of two statements, taken inside the alert's lock by the game's actions; and a
 * scene restore replaces the states in one transaction. The operator API's plain reads and its state
 * definitions are {@code sql:} steps of api/AlertRoutes.
 */
public class AlertRepository {

    private static final String STATE_COLUMNS = "id, name, in_game, threshold, sort_order, counter_increase, "
            + "counter_decrease, auto_change, auto_level, auto_timeout";
    private static final RowMapper<AlertState> STATE = (rs, n) -> new AlertState(rs.getInt("id"), rs.getString("name"),
            rs.getBoolean("in_game"), rs.getInt("threshold"), rs.getInt("sort_order"), rs.getInt("counter_increase"),
            rs.getInt("counter_decrease"), rs.getString("auto_change"), rs.getInt("auto_level"), rs.getInt("auto_timeout"));

    /** One row of the counter's history. */
    public record CounterEntry(long id, int value, int stateId, long changedAt, String reason, String source) {
    }

    private static final RowMapper<CounterEntry> ENTRY = (rs, n) -> new CounterEntry(rs.getLong("id"),
            rs.getInt("counter"), rs.getInt("state_id"), rs.getLong("changed_at"), rs.getString("reason"),
            rs.getString("source"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public AlertRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public List<AlertState> states() {
        return jdbc.query("SELECT " + STATE_COLUMNS + " FROM alert_state ORDER BY sort_order, id", STATE);
    }

    public int currentStateId() {
        return jdbc.queryForObject("SELECT state_id FROM alert_current WHERE id = 1", Integer.class);
    }

    public CounterEntry latestCounter() {
        return jdbc.query("SELECT id, counter, state_id, changed_at, reason, source FROM alert_counter "
                + "ORDER BY id DESC LIMIT 1", ENTRY).stream().findFirst()
                .orElse(new CounterEntry(0, 0, currentStateId(), 0, null, null));
    }

    /** The current state and the newest counter entry, as one instance of several found them under the lock. */
    public record Latest(int stateId, CounterEntry counter) {
    }

    /**
     * Several instances: reads the current state and counter while holding the row lock of alert_current (FOR
     * UPDATE: a change on another instance waits until this one is committed), and records the change decided
     * from them in the same transaction.
     */
    public Optional<AlertChange> changeLocked(Function<Latest, Optional<AlertChange>> decide, long at) {
        return tx.execute(status -> {
            int stateId = jdbc.queryForObject("SELECT state_id FROM alert_current WHERE id = 1 FOR UPDATE",
                    Integer.class);
            Optional<AlertChange> change = decide.apply(new Latest(stateId, latestCounter()));
            change.ifPresent(c -> record(c, at));
            return change;
        });
    }

    /** The new current state and counter value, both or neither. */
    public void record(AlertChange change, long at) {
        tx.executeWithoutResult(status -> {
            if (change.stateSwitched()) {
                jdbc.update("UPDATE alert_current SET state_id = ? WHERE id = 1", change.current().id());
            }
            jdbc.update("INSERT INTO alert_counter (counter, state_id, changed_at, reason, source) VALUES (?, ?, ?, ?, ?)",
                    change.counterAfter(), change.current().id(), at, cut(change.reason()), change.source());
        });
    }

    /**
     * Puts these states in place of all others, with this one current (a scene restored). The simple configs
     * per state go with the old states (ON DELETE CASCADE): the caller writes the scene's own afterwards, in
     * the same transaction.
     */
    public void replaceStates(List<AlertState> states, int currentStateId) {
        tx.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM alert_current");
            jdbc.update("DELETE FROM alert_state");
            states.forEach(this::save);
            jdbc.update("INSERT INTO alert_current (id, state_id) VALUES (1, ?)", currentStateId);
        });
    }

    /** A new counter value in the history, set without a state machine's decision (a scene restored). */
    public void recordCounter(int counter, int stateId, long at, String reason, String source) {
        jdbc.update("INSERT INTO alert_counter (counter, state_id, changed_at, reason, source) VALUES (?, ?, ?, ?, ?)",
                counter, stateId, at, cut(reason), source);
    }

    /** Inserts or updates a state (matched by id). */
    private void save(AlertState s) {
        Object[] values = {s.name(), s.inGame(), s.threshold(), s.order(), s.counterIncrease(), s.counterDecrease(),
                s.autoChange(), s.autoLevel(), s.autoTimeoutSeconds(), s.id()};
        int rows = jdbc.update("UPDATE alert_state SET name = ?, in_game = ?, threshold = ?, sort_order = ?, "
                + "counter_increase = ?, counter_decrease = ?, auto_change = ?, auto_level = ?, auto_timeout = ? "
                + "WHERE id = ?", values);
        if (rows == 0) {
            jdbc.update("INSERT INTO alert_state (name, in_game, threshold, sort_order, counter_increase, "
                    + "counter_decrease, auto_change, auto_level, auto_timeout, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values);
        }
    }

    private static String cut(String reason) {
        return reason == null || reason.length() <= 400 ? reason : reason.substring(0, 397) + "...";
    }
}
