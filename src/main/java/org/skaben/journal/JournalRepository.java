package org.skaben.journal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The event table: the journal a game master reads. The journal route writes a row per event from the
 * exchange's skaben* headers, through the {@link JournalWriter}'s group commits (why that is not an
 * {@code sql:} step: see there); the operator API reads it with {@code sql:} steps (api/EventRoutes). Every
 * value is a bound parameter.
 */
public class JournalRepository {

    private static final String INSERT_SQL =
            "INSERT INTO event (occurred_at, kind, source, device_type, uid, topic, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final int MAX_TOPIC = 65535;
    private static final int MAX_DETAIL = 100000;

    private final JournalWriter writer;
    private final JournalFeed feed;
    private final JournalWriter.Statement insert;

    public JournalRepository(JournalWriter writer) {
        this(writer, new JournalFeed());
    }

    /** The feed hears of every entry once it is committed, with its id. */
    public JournalRepository(JournalWriter writer, JournalFeed feed) {
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
    public static Map<String, Object> view(long id, long occurredAt, String kind, String source, String type,
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
}
