package org.skaben.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event table: the journal a game master reads. The journal route writes a row per event from the
 * exchange's skaben* headers; the operator API reads it newest first. Every value is a bound parameter.
 */
public class JournalRepository {

    private static final String COLUMNS = "id, occurred_at, kind, source, device_type, uid, topic, detail";
    // one fixed statement per combination of filters, so each can use its index (an "x IS NULL OR" cannot)
    private static final String BY_TIME = " FROM event WHERE occurred_at >= ?";
    private static final String BY_DEVICE = " FROM event WHERE uid = ? AND occurred_at >= ?";
    private static final String BY_KIND = " FROM event WHERE kind = ? AND occurred_at >= ?";
    private static final String BY_DEVICE_AND_KIND = " FROM event WHERE uid = ? AND kind = ? AND occurred_at >= ?";
    private static final JournalWriter.Statement INSERT = new JournalWriter.Statement("event",
            "INSERT INTO event (occurred_at, kind, source, device_type, uid, topic, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
    private static final int MAX_TOPIC = 65535;
    private static final int MAX_DETAIL = 100000;
    private static final String NEWEST_FIRST = " ORDER BY occurred_at DESC, id DESC LIMIT ?";

    private final JdbcTemplate jdbc;
    private final JournalWriter writer;

    public JournalRepository(DataSource dataSource, JournalWriter writer) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.writer = writer;
    }

    /**
     * Queues one event for the journal; the future completes when it is stored. What the route has not set
     * stays empty.
     */
    public CompletableFuture<Void> record(String kind, String source, String type, String uid, String topic,
                                          String detail) {
        if (kind == null) {
            throw new IllegalArgumentException("a journal entry needs a kind (header skabenKind)");
        }
        return writer.append(INSERT, System.currentTimeMillis(), kind, source, type, uid, cut(topic, MAX_TOPIC),
                cut(detail, MAX_DETAIL));
    }

    /**
     * Journals what the server itself did (a rule, a game master's change) and returns once it is stored, so
     * that whoever reads the journal next sees it.
     */
    public void note(String kind, String source, String type, String uid, String detail) {
        writer.appendAndWait(INSERT, System.currentTimeMillis(), kind, source, type, uid, null, cut(detail, MAX_DETAIL));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    public long count(String uid, String kind, long sinceMillis) {
        Filter f = Filter.of(uid, kind, sinceMillis);
        Long n = jdbc.queryForObject("SELECT COUNT(*)" + f.where, Long.class, f.args);
        return n == null ? 0 : n;
    }

    public List<Map<String, Object>> find(String uid, String kind, long sinceMillis, int limit) {
        Filter f = Filter.of(uid, kind, sinceMillis);
        Object[] args = java.util.Arrays.copyOf(f.args, f.args.length + 1);
        args[f.args.length] = limit;
        return jdbc.query("SELECT " + COLUMNS + f.where + NEWEST_FIRST, (rs, n) -> {
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
        }, args);
    }

    private record Filter(String where, Object[] args) {
        static Filter of(String uid, String kind, long since) {
            if (uid != null && kind != null) {
                return new Filter(BY_DEVICE_AND_KIND, new Object[] {uid, kind, since});
            }
            if (uid != null) {
                return new Filter(BY_DEVICE, new Object[] {uid, since});
            }
            if (kind != null) {
                return new Filter(BY_KIND, new Object[] {kind, since});
            }
            return new Filter(BY_TIME, new Object[] {since});
        }
    }
}
