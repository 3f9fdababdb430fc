package org.skaben.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the event table, newest first. Rows are written by the journal route (sql/journal-insert.sql);
 * every filter is a bound parameter.
 */
public class JournalRepository {

    private static final String QUERY = """
            SELECT id, occurred_at, kind, source, device_type, uid, topic, detail FROM event
            WHERE (CAST(? AS VARCHAR(12)) IS NULL OR uid = ?)
              AND (CAST(? AS VARCHAR(32)) IS NULL OR kind = ?)
              AND occurred_at >= ?
            ORDER BY occurred_at DESC, id DESC
            LIMIT ?""";

    private final JdbcTemplate jdbc;

    public JournalRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public List<Map<String, Object>> find(String uid, String kind, long sinceMillis, int limit) {
        return jdbc.query(QUERY, (rs, n) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getLong("id"));
            row.put("time", Instant.ofEpochMilli(rs.getLong("occurred_at")).toString());
            row.put("kind", rs.getString("kind"));
            row.put("source", rs.getString("source"));
            row.put("type", rs.getString("device_type"));
            row.put("uid", rs.getString("uid"));
            row.put("topic", rs.getString("topic"));
            row.put("detail", rs.getString("detail"));
            return row;
        }, uid, uid, kind, kind, sinceMillis, limit);
    }
}
