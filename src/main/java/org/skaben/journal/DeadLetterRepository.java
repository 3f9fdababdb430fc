package org.skaben.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Reads the dead_letter table (written by the dead-letter route) and marks letters replayed. */
public class DeadLetterRepository {

    private static final RowMapper<Map<String, Object>> ROW = (rs, n) -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.getLong("id"));
        row.put("time", Instant.ofEpochMilli(rs.getLong("occurred_at")).toString());
        row.put("topic", rs.getString("topic"));
        row.put("payload", rs.getString("payload"));
        row.put("error", rs.getString("error"));
        long replayed = rs.getLong("replayed_at");
        row.put("replayed_at", rs.wasNull() ? null : Instant.ofEpochMilli(replayed).toString());
        return row;
    };
    private static final String COLUMNS = "id, occurred_at, topic, payload, error, replayed_at";

    private final JdbcTemplate jdbc;

    public DeadLetterRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public List<Map<String, Object>> newestFirst(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter ORDER BY id DESC LIMIT ?", ROW, limit);
    }

    public Optional<Map<String, Object>> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?", ROW, id).stream().findFirst();
    }

    public void markReplayed(long id) {
        jdbc.update("UPDATE dead_letter SET replayed_at = ? WHERE id = ?", System.currentTimeMillis(), id);
    }
}
