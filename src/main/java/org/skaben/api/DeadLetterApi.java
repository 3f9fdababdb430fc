package org.skaben.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skaben.cup.OutgoingMessage;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.Json;

/**
 * The dead letters a game master can read and send through the server again: the rows DeadLetterRoutes'
 * {@code sql:} steps read, as the API answers them, and the checks of a replay.
 */
public class DeadLetterApi {

    /** What a replay published, and where. */
    public record Replayed(String replayed, String topic) {
    }

    /** ?limit= of the list. */
    public int limit(String limit) {
        return Fields.limit(limit);
    }

    /** The letter's id in the path. */
    public long id(String id) {
        return Fields.id(id);
    }

    /** The rows of sql/dead-letters.sql, newest first. */
    public List<Map<String, Object>> letters(List<Map<String, Object>> rows) {
        return rows.stream().map(DeadLetterApi::letter).toList();
    }

    /**
     * The packet to replay, from the row sql/dead-letter.sql read (none: 404): the letter's topic and payload,
     * published again as the device sent them.
     */
    public OutgoingMessage replay(String id, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            throw new DeviceRegistry.NotFound("dead letter " + id + " does not exist");
        }
        Map<String, Object> letter = rows.get(0);
        if (letter.get("topic") == null || letter.get("payload") == null) {
            throw new ApiException(409, "dead letter " + id + " has no topic or payload to replay");
        }
        try {
            return new OutgoingMessage((String) letter.get("topic"), Json.readObject((String) letter.get("payload")));
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, "dead letter " + id + " holds no JSON object to replay");
        }
    }

    private static Map<String, Object> letter(Map<String, Object> r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", ((Number) r.get("id")).longValue());
        row.put("time", instant(r.get("occurred_at")));
        row.put("topic", r.get("topic"));
        row.put("payload", r.get("payload"));
        row.put("error", r.get("error"));
        row.put("replayed_at", r.get("replayed_at") == null ? null : instant(r.get("replayed_at")));
        return row;
    }

    private static String instant(Object millis) {
        return Instant.ofEpochMilli(((Number) millis).longValue()).toString();
    }
}
