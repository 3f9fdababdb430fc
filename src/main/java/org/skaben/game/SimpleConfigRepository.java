package org.skaben.game;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.skaben.device.Json;
import org.springframework.jdbc.core.JdbcTemplate;

/** The simple_config table: a simple type's config per alert state. */
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

    public void save(String type, int stateId, Map<String, Object> config) {
        String json = Json.write(config);
        if (jdbc.update("UPDATE simple_config SET config = ? WHERE device_type = ? AND state_id = ?", json, type, stateId) == 0) {
            jdbc.update("INSERT INTO simple_config (device_type, state_id, config) VALUES (?, ?, ?)", type, stateId, json);
        }
    }

    public boolean delete(String type, int stateId) {
        return jdbc.update("DELETE FROM simple_config WHERE device_type = ? AND state_id = ?", type, stateId) > 0;
    }

    public void deleteAll() {
        jdbc.update("DELETE FROM simple_config");
    }
}
