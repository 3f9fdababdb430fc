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
    // after an id: oldest first, for a reader catching up (the live journal's replay, the polling fallback)
    private static final String AFTER = " FROM event WHERE id > ? AND occurred_at >= ?";
    private static final String AFTER_BY_DEVICE = " FROM event WHERE id > ? AND uid = ? AND occurred_at >= ?";
    private static final String AFTER_BY_KIND = " FROM event WHERE id > ? AND kind = ? AND occurred_at >= ?";
    private static final String AFTER_BY_DEVICE_AND_KIND =
            " FROM event WHERE id > ? AND uid = ? AND kind = ? AND occurred_at >= ?";
    private static final String OLDEST_FIRST = " ORDER BY id LIMIT ?";
    private static final String INSERT_SQL =
            "INSERT INTO event (occurred_at, kind, source, device_type, uid, topic, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final int MAX_TOPIC = 65535;
    private static final int MAX_DETAIL = 100000;
    private static final String NEWEST_FIRST = " ORDER BY occurred_at DESC, id DESC LIMIT ?";

    private final JdbcTemplate jdbc;
    private final JournalWriter writer;
    private final JournalFeed feed;
    private final JournalWriter.Statement insert;

    public JournalRepository(DataSource dataSource, JournalWriter writer) {
        this(dataSource, writer, new JournalFeed());
    }

    /** The feed hears of every entry once it is committed, with its id. */
    public JournalRepository(DataSource dataSource, JournalWriter writer, JournalFeed feed) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.writer = writer;
        this.feed = feed;
        this.insert = new JournalWriter.Statement("event", INSERT_SQL, this::committed);
    }

    /** On the writer's thread, in commit order: the entry as GET /api/events shows it, for whoever listens. */
    private void committed(long id, Object[] v) {
        if (feed.fedByWriter() && feed.heard()) {
            feed.publish(new JournalFeed.Entry(id, (String) v[4], (String) v[1],
                    view(id, (Long) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4], (String) v[5],
                            (String) v[6])));
        }
    }

    /** One journal entry as the operator API shows it (GET /api/events and the live journal alike). */
    private static Map<String, Object> view(long id, long occurredAt, String kind, String source, String type,
                                            String uid, String topic, String detail) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("time", Instant.ofEpochMilli(occurredAt).toString());
        row.put("kind", kind);
        row.put("source", source);
        row.put("type", type);
        row.put("uid", uid);
        row.put("topic", topic);
        row.put("detail", detail);
        return row;
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
        return writer.append(insert, System.currentTimeMillis(), kind, source, type, uid, cut(topic, MAX_TOPIC),
                cut(detail, MAX_DETAIL));
    }

    /**
     * Journals what the server itself did (a rule, a game master's change) and returns once it is stored, so
     * that whoever reads the journal next sees it.
     */
    public void note(String kind, String source, String type, String uid, String detail) {
        writer.appendAndWait(insert, System.currentTimeMillis(), kind, source, type, uid, null, cut(detail, MAX_DETAIL));
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
        return jdbc.query("SELECT " + COLUMNS + f.where + NEWEST_FIRST, JournalRepository::view, args);
    }

    /** The entries after an id, oldest first: what a reader that saw up to that id has missed. */
    public List<Map<String, Object>> after(long afterId, String uid, String kind, long sinceMillis, int limit) {
        String where;
        Object[] args;
        if (uid != null && kind != null) {
            where = AFTER_BY_DEVICE_AND_KIND;
            args = new Object[] {afterId, uid, kind, sinceMillis, limit};
        } else if (uid != null) {
            where = AFTER_BY_DEVICE;
            args = new Object[] {afterId, uid, sinceMillis, limit};
        } else if (kind != null) {
            where = AFTER_BY_KIND;
            args = new Object[] {afterId, kind, sinceMillis, limit};
        } else {
            where = AFTER;
            args = new Object[] {afterId, sinceMillis, limit};
        }
        return jdbc.query("SELECT " + COLUMNS + where + OLDEST_FIRST, JournalRepository::view, args);
    }

    /** The ids after {@code afterId}, lowest first: how far the table goes, without reading the rows. */
    public List<Long> idsAfter(long afterId, int limit) {
        return jdbc.queryForList("SELECT id FROM event WHERE id > ? ORDER BY id LIMIT ?", Long.class, afterId, limit);
    }

    /** The highest id in the journal (0: none). */
    public long lastId() {
        Long id = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM event", Long.class);
        return id == null ? 0 : id;
    }

    private static Map<String, Object> view(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return view(rs.getLong("id"), rs.getLong("occurred_at"), rs.getString("kind"), rs.getString("source"),
                rs.getString("device_type"), rs.getString("uid"), rs.getString("topic"), rs.getString("detail"));
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
