package org.skaben.health;

import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Readiness, as the original server checked it: the game can run only when the current alert state, the
 * counter and the device types exist in the database. Not an {@code sql:} step: camel-health runs it as
 * one of its checks (behind GET /health/ready), not a route.
 */
public class GameHealthCheck extends AbstractHealthCheck {

    private final JdbcTemplate jdbc;

    public GameHealthCheck(DataSource dataSource) {
        super("skaben", "game");
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            String missing = count("SELECT COUNT(*) FROM alert_current c JOIN alert_state s ON s.id = c.state_id") == 0
                    ? "there is no current alert state"
                    : count("SELECT COUNT(*) FROM alert_counter") == 0 ? "the alert counter has no value"
                    : count("SELECT COUNT(*) FROM device_type") == 0 ? "there are no device types" : null;
            if (missing == null) {
                builder.up();
            } else {
                builder.message(missing).down();
            }
        } catch (Exception e) {
            builder.message("the game's tables cannot be read: " + e.getMessage()).error(e).down();
        }
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
