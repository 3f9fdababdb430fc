package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.cup.OutgoingMessage;
import org.skaben.device.DeviceRegistry;

/** The dead letters' rows as the API shows them, and the checks of a replay. */
class DeadLetterApiTest {

    private final DeadLetterApi api = new DeadLetterApi();

    private static Map<String, Object> row(String topic, String payload, Long replayedAt) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 7L);
        row.put("occurred_at", 0L);
        row.put("topic", topic);
        row.put("payload", payload);
        row.put("error", "IllegalStateException: boom");
        row.put("replayed_at", replayedAt);
        return row;
    }

    @Test
    void aRowIsShownWithItsTimesAsInstants() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 7L);
        expected.put("time", "1970-01-01T00:00:00Z");
        expected.put("topic", "ask/lock/aa/sup");
        expected.put("payload", "{}");
        expected.put("error", "IllegalStateException: boom");
        expected.put("replayed_at", null);
        assertEquals(List.of(expected), api.letters(List.of(row("ask/lock/aa/sup", "{}", null))));
        assertEquals("1970-01-01T00:00:01Z", api.letters(List.of(row("t", "{}", 1000L))).get(0).get("replayed_at"));
    }

    @Test
    void aReplayNeedsALetterWithATopicAndAJsonObject() {
        assertEquals(new OutgoingMessage("ask/lock/aa/sup", Map.of("timestamp", 1)),
                api.replay("7", List.of(row("ask/lock/aa/sup", "{\"timestamp\": 1}", null))));
        assertThrows(DeviceRegistry.NotFound.class, () -> api.replay("7", List.of()));
        assertEquals(409, assertThrows(ApiException.class, () -> api.replay("7", List.of(row(null, "{}", null)))).status());
        assertEquals(409, assertThrows(ApiException.class, () -> api.replay("7", List.of(row("t", "[1]", null)))).status());
        assertEquals(400, assertThrows(ApiException.class, () -> api.id("abc")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> api.limit("0")).status());
        assertEquals(100, api.limit(null));
    }
}
