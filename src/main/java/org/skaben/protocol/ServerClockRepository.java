package org.skaben.protocol;

import java.sql.Timestamp;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server_clock table: its one row holds the mark of {@link ServerClock}. Not an {@code sql:} step: no route
 * writes the mark; the clock reads it once at start and renews it from its own thread when server time nears it.
 * Shared by several instances, a write only ever raises the mark (each instance publishes what it handed out).
 */
public class ServerClockRepository implements ServerClock.Mark {

    private final JdbcTemplate jdbc;
    private final boolean shared;

    public ServerClockRepository(DataSource dataSource) {
        this(dataSource, false);
    }

    public ServerClockRepository(DataSource dataSource, boolean shared) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.shared = shared;
    }

    @Override
    public long read() {
        return jdbc.queryForObject("SELECT high_water FROM server_clock WHERE id = 1", Long.class);
    }

    @Override
    public void write(long seconds) {
        jdbc.update(shared ? "UPDATE server_clock SET high_water = GREATEST(high_water, ?) WHERE id = 1"
                : "UPDATE server_clock SET high_water = ? WHERE id = 1", seconds);
    }

    /** The database's clock, in Unix milliseconds (what every instance's clock is checked against). */
    public long databaseMillis() {
        return jdbc.queryForObject("SELECT CURRENT_TIMESTAMP FROM server_clock WHERE id = 1", Timestamp.class)
                .getTime();
    }
}
