package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/** A packet that fails for a reason other than bad input is retried, kept as a dead letter, and can be replayed. */
class DeadLetterTest extends SkabenAppTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void aFailedSupIsDeadLetteredAndAppliedWhenReplayed() throws Exception {
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        lock.await("cup");
        Map<String, Object> row = db().queryForMap("SELECT * FROM device WHERE uid = ?", lock.uid());
        // the database loses the device behind the server's back: saving the SUP fails every time
        db().update("DELETE FROM device WHERE uid = ?", lock.uid());

        lock.send("sup", "{\"timestamp\": 1, \"task_id\": \"dl1\", \"datahold\": {\"closed\": false}}");
        String topic = "ask/lock/" + lock.uid() + "/sup";
        Long id = eventually(() -> db().queryForObject("SELECT id FROM dead_letter WHERE topic = ?", Long.class, topic));
        assertTrue(String.valueOf(eventually(() -> journal(lock.uid(), "error")).get(0).get("detail"))
                .contains("is not in the database"));
        List<Map<String, Object>> letters = Json.MAPPER.readValue(http("GET", "/api/dead-letters", null).body(), List.class);
        Map<String, Object> letter = letters.stream().filter(l -> topic.equals(l.get("topic"))).findFirst().orElseThrow();
        assertEquals(Map.of("timestamp", 1, "task_id", "dl1", "datahold", Map.of("closed", false)),
                Json.readObject((String) letter.get("payload")));
        assertTrue(journal(lock.uid(), "sup").isEmpty(), "nothing was applied");

        db().update("INSERT INTO device (uid, device_type, config, reported_state, config_hash, last_seen, "
                + "manual_override, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row.get("UID"), row.get("DEVICE_TYPE"),
                row.get("CONFIG"), row.get("REPORTED_STATE"), row.get("CONFIG_HASH"), row.get("LAST_SEEN"),
                row.get("MANUAL_OVERRIDE"), row.get("REGISTERED_AT"));
        var replay = http("POST", "/api/dead-letters/" + id + "/replay", null);
        assertEquals(200, replay.statusCode(), replay.body());
        eventually(() -> journal(lock.uid(), "sup"));
        assertTrue(db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, lock.uid())
                .contains("\"closed\":false"));
        assertNotNull(db().queryForObject("SELECT replayed_at FROM dead_letter WHERE id = ?", Long.class, id));
        assertEquals("operator", db().queryForObject("SELECT source FROM event WHERE kind = 'replay' AND detail = ?",
                String.class, "dead letter " + id + " replayed to " + topic));
    }

    @Test
    void unknownOrMalformedLettersAreRefused() throws Exception {
        assertEquals(404, http("POST", "/api/dead-letters/999999/replay", null).statusCode());
        assertEquals(400, http("POST", "/api/dead-letters/abc/replay", null).statusCode());
        assertEquals(400, http("GET", "/api/dead-letters?limit=0", null).statusCode());
    }
}
