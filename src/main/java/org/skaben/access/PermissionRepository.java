package org.skaben.access;

import java.util.List;
import javax.sql.DataSource;
import org.skaben.device.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The permission table (the alert state ids kept as a JSON array), for what stays Java (see {@link AccessBook}):
 * the access view's reload, a scene restored and a lock replaced (each inside one transaction over several
 * tables). The operator API reads and writes permissions through sql: steps (api/AccessRoutes).
 */
public class PermissionRepository {

    private static final String COLUMNS = "id, code, lock_uid, states";
    private static final RowMapper<Permission> ROW = (rs, n) -> new Permission(rs.getLong("id"), rs.getString("code"),
            rs.getString("lock_uid"), states(rs.getString("states")));

    private final JdbcTemplate jdbc;

    public PermissionRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public List<Permission> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM permission ORDER BY id", ROW);
    }

    public long insert(String code, String lockUid, List<Integer> stateIds) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO permission (code, lock_uid, states) VALUES (?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, code);
            ps.setString(2, lockUid);
            ps.setString(3, Json.write(stateIds));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    public void deleteAll() {
        jdbc.update("DELETE FROM permission");
    }

    /** A lock replaced by another: its permissions become the new lock's. Returns how many. */
    public int moveLock(String fromUid, String toUid) {
        return jdbc.update("UPDATE permission SET lock_uid = ? WHERE lock_uid = ?", toUid, fromUid);
    }

    public int countForLock(String lockUid) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM permission WHERE lock_uid = ?", Integer.class, lockUid);
    }

    private static List<Integer> states(String json) {
        try {
            return List.of(Json.MAPPER.readValue(json, Integer[].class));
        } catch (Exception e) {
            throw new IllegalStateException("permission states are not a JSON array of ids: " + json, e);
        }
    }
}
