package org.skaben.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.skaben.journal.JournalRepository;

/**
 * The journal as the operator API reads it (EventRoutes): the query's filters checked before its {@code sql:}
 * step, and the rows it read as the API answers them.
 */
public class EventApi {

    private static final Pattern KIND = Pattern.compile("[a-z-]{1,32}");

    /** How many entries match. */
    public record EventCount(long count) {
    }

    /**
     * A journal query, checked: the filters (null: any), since (epoch millis, 0: always), how many, and after (an
     * entry's id: the entries after it, oldest first; null: the newest first).
     */
    public record Query(String uid, String kind, long since, int limit, Long after) {

        /** Which fixed statement serves it: each filter has its own, so it can use its index. */
        public String filter() {
            return uid != null && kind != null ? "by-device-and-kind" : uid != null ? "by-device"
                    : kind != null ? "by-kind" : "all";
        }
    }

    /** GET /api/events: newest first; with {@code after}, the entries after that id, oldest first (the console's polling). */
    public Query query(String device, String kind, String since, String limit, String after) {
        Long afterId = null;
        if (after != null && !after.isBlank()) {
            if (!after.matches("\\d{1,18}")) {
                throw new ApiException(400, "after must be a journal entry's id");
            }
            afterId = Long.parseLong(after);
        }
        return new Query(device(device), kind(kind), sinceMillis(since), Fields.limit(limit), afterId);
    }

    /** GET /api/events/count: the filters alone. */
    public Query countQuery(String device, String kind, String since) {
        return new Query(device(device), kind(kind), sinceMillis(since), 0, null);
    }

    /** The rows of sql/events*.sql, each as the live journal shows it too. */
    public List<Map<String, Object>> entries(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> JournalRepository.view(((Number) r.get("id")).longValue(),
                ((Number) r.get("occurred_at")).longValue(), (String) r.get("kind"), (String) r.get("source"),
                (String) r.get("device_type"), (String) r.get("uid"), (String) r.get("topic"),
                (String) r.get("detail"))).toList();
    }

    public EventCount count(Number matching) {
        return new EventCount(matching.longValue());
    }

    static String device(String device) {
        return device == null || device.isBlank() ? null : Fields.uid(device);
    }

    static String kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        if (!KIND.matcher(kind).matches()) {
            throw new ApiException(400, "kind is a word such as sup, info, cup, refused");
        }
        return kind;
    }

    private static long sinceMillis(String since) {
        if (since == null || since.isBlank()) {
            return 0;
        }
        if (since.matches("\\d{1,12}")) {
            return Long.parseLong(since) * 1000;
        }
        try {
            return Instant.parse(since).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "since must be an ISO-8601 instant or Unix seconds");
        }
    }
}
