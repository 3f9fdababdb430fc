package org.skaben.game;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.skaben.device.Json;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The simple_config table as Java reads and writes it: {@link SimpleConfigs}' reload reads it all, and a scene
 * restore writes it inside its one transaction (why these are not {@code sql:} steps). The operator API reads
 * and writes single configs through {@code sql:} steps of api/SimpleConfigRoutes.
 */
public class SimpleConfigRepository {

    private final JdbcTemplate jdbc;

    public SimpleConfigRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** type -> state id -> config. */
    public Map<String, Map<Integer, Map<String, Object>>> findAll() {
        Map<String, Map<Integer, Map<String, Object>>> all = new HashMap<>();
        jdbc.query("SELECT device_type, state_id, config FROM simple_config", rs -> {
            all.computeIfAbsent(rs.getString("device_type"), k -> new HashMap<>())
                    .put(rs.getInt("state_id"), Json.readObject(rs.getString("config")));
        });
        return all;
    }

    /** A scene's config, inside the restore's transaction. */
    public void save(String type, int stateId, Map<String, Object> config) {
        String json = Json.write(config);
        if (jdbc.update("UPDATE simple_config SET config = ? WHERE device_type = ? AND state_id = ?", json, type, stateId) == 0) {
            jdbc.update("INSERT INTO simple_config (device_type, state_id, config) VALUES (?, ?, ?)", type, stateId, json);
        }
    }

    public void deleteAll() {
        jdbc.update("DELETE FROM simple_config");
    }
}
