package org.skaben.protocol;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server_clock table: its one row holds the mark of {@link ServerClock}. Not an {@code sql:} step: no route
 * writes the mark; the clock reads it once at start and renews it from its own thread when server time nears it.
 */
public class ServerClockRepository implements ServerClock.Mark {

    private final JdbcTemplate jdbc;

    public ServerClockRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public long read() {
        return jdbc.queryForObject("SELECT high_water FROM server_clock WHERE id = 1", Long.class);
    }

    @Override
    public void write(long seconds) {
        jdbc.update("UPDATE server_clock SET high_water = ? WHERE id = 1", seconds);
    }
}
