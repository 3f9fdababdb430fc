package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * protocol.md section 5: each bad packet is refused with a journaled reason, the next good packet is processed,
 * and nothing else changes.
 */
class BadInputTest extends SkabenAppTestSupport {

    private TestDevice lock;
    private int goodPackets;

    @BeforeEach
    void registerALock() throws Exception {
        if (lock != null) {
            return;
        }
        lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        lock.await("cup");
    }

    /** Sends a bad packet, then a good one; returns the refusal's reason once the good one was processed. */
    private String refusal(String topic, byte[] payload) throws Exception {
        String config = db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, lock.uid());
        int devices = db().queryForObject("SELECT COUNT(*) FROM device", Integer.class);
        int refusedBefore = refused(topic).size();
        lock.sendRaw(topic, payload);
        String marker = "good-" + (++goodPackets);
        lock.send("info", "{\"timestamp\": " + now() + ", \"datahold\": {\"type\": \"console\", \"content\": \"" + marker + "\"}}");
        eventually(() -> journal(lock.uid(), "info").stream().anyMatch(r -> String.valueOf(r.get("detail")).contains(marker)));
        // a topic naming another device (or none) goes to that device's ingress lane, beside the good packet's,
        // and may be refused after the good packet is stored: its refusal is awaited as well
        List<Map<String, Object>> rows = eventually(() -> {
            List<Map<String, Object>> found = refused(topic);
            return found.size() > refusedBefore ? found : null;
        });
        assertEquals(refusedBefore + 1, rows.size(), "journaled as refused once: " + rows);
        assertEquals(config, db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, lock.uid()),
                "the device's config is unchanged");
        assertEquals(devices, db().queryForObject("SELECT COUNT(*) FROM device", Integer.class), "no device was added");
        assertTrue(context.getRouteController().getRouteStatus("mqtt-ingress").isStarted());
        return String.valueOf(rows.get(0).get("detail"));
    }

    private List<Map<String, Object>> refused(String topic) {
        return journalByTopic(topic).stream().filter(r -> "refused".equals(r.get("kind"))).toList();
    }

    private String refusal(String topic, String payload) throws Exception {
        return refusal(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private String info() {
        return "ask/lock/" + lock.uid() + "/info";
    }

    /** issue 11.2: a refused body is journaled under the device its topic names, so the API shows it per device. */
    @Test
    void aRefusedBodyKeepsItsDevice() throws Exception {
        refusal(info(), "hello");
        refusal(info(), "{\"timestamp\": 1, \"datahold\": " + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}");
        refusal(info(), "{\"timestamp\": 1, \"datahold\": {\"x\": \"" + "a".repeat(70_000) + "\"}}");
        refusal("ask/lock/" + lock.uid() + "/sup", "{\"timestamp\": 1, \"datahold\": {\"closed\": 0}}");
        List<Map<String, Object>> rows = db().queryForList(
                "SELECT device_type AS type, uid, detail FROM event WHERE kind = 'refused' AND topic IN (?, ?)", info(),
                "ask/lock/" + lock.uid() + "/sup");
        assertTrue(rows.size() >= 4, "refusals of this device: " + rows);
        rows.forEach(r -> {
            assertEquals("lock", r.get("type"), "type from the topic: " + r);
            assertEquals(lock.uid(), r.get("uid"), "uid from the topic: " + r);
        });
        String shown = http("GET", "/api/events?device=" + lock.uid() + "&kind=refused", null).body();
        assertTrue(shown.contains("payload is not valid JSON") && shown.contains("over the limit")
                && shown.contains("must be a boolean"), shown);
    }

    @Test
    void nonJson() throws Exception {
        assertTrue(refusal(info(), "hello").startsWith("payload is not valid JSON"));
    }

    @Test
    void jsonThatIsNotAnObject() throws Exception {
        assertEquals("payload must be a JSON object", refusal(info(), "[1, 2, 3]"));
    }

    @Test
    void missingTimestamp() throws Exception {
        assertEquals("timestamp is missing", refusal(info(), "{\"datahold\": {\"a\": 1}}"));
    }

    @Test
    void nonNumericTimestamp() throws Exception {
        assertEquals("timestamp must be an integer number of Unix seconds",
                refusal(info(), "{\"timestamp\": \"yesterday\", \"datahold\": {\"a\": 1}}"));
    }

    @Test
    void dataholdOfTheWrongShape() throws Exception {
        assertEquals("INFO datahold must be a non-empty JSON object",
                refusal(info(), "{\"timestamp\": 1, \"datahold\": [\"access\"]}"));
        assertEquals("SUP datahold must be a JSON object of changed fields",
                refusal("ask/lock/" + lock.uid() + "/sup", "{\"timestamp\": 1, \"datahold\": \"closed\"}"));
    }

    @Test
    void fieldOfTheWrongType() throws Exception {
        assertEquals("field 'closed' must be a boolean",
                refusal("ask/lock/" + lock.uid() + "/sup", "{\"timestamp\": 1, \"datahold\": {\"closed\": 0}}"));
    }

    @Test
    void unknownDeviceType() throws Exception {
        assertEquals("unknown device type 'toaster'", refusal("ask/toaster/" + newUid() + "/info", "{\"timestamp\": 1}"));
    }

    @Test
    void unknownCommand() throws Exception {
        assertEquals("unknown command 'dance'", refusal("ask/lock/" + lock.uid() + "/dance", "{\"timestamp\": 1}"));
    }

    @Test
    void malformedUid() throws Exception {
        assertTrue(refusal("ask/lock/12345/info", "{\"timestamp\": 1}").startsWith("malformed uid"));
        assertTrue(refusal("ask/lock/aabbccddeeff'--/info", "{\"timestamp\": 1}").startsWith("malformed uid"));
    }

    @Test
    void tooManyOrTooFewTopicLevels() throws Exception {
        assertTrue(refusal("ask/lock/" + lock.uid() + "/x/info", "{\"timestamp\": 1}").startsWith("too many topic levels"));
        assertTrue(refusal("ask/lock/info", "{\"timestamp\": 1}").startsWith("too few topic levels"));
    }

    @Test
    void oversizedPayload() throws Exception {
        String big = "{\"timestamp\": 1, \"datahold\": {\"x\": \"" + "a".repeat(70_000) + "\"}}";
        assertTrue(refusal(info(), big).contains("over the limit of 65536"));
    }

    @Test
    void invalidUtf8() throws Exception {
        byte[] payload = "{\"timestamp\": 1, \"datahold\": {\"x\": \"\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("payload is not valid UTF-8", refusal(info(), payload));
    }

    @Test
    void deeplyNestedJson() throws Exception {
        String deep = "{\"timestamp\": 1, \"datahold\": " + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
        assertTrue(refusal(info(), deep).startsWith("payload is not valid JSON"));
    }

    @Test
    void theBroadcastAddressIsOnlyForSimpleCupRequests() throws Exception {
        assertEquals("the broadcast address 'all' is only for a simple type's CUP request",
                refusal("ask/lock/all/pong", "{\"timestamp\": 1}"));
    }

    @Test
    void aDeviceTalkingAsAnotherType() throws Exception {
        assertEquals("device " + lock.uid() + " is registered as lock, not rgb",
                refusal("ask/rgb/" + lock.uid() + "/pong", "{\"timestamp\": 1}"));
    }

    @Test
    void aSwitchedOffType() throws Exception {
        assertEquals(200, http("PUT", "/api/types/box", "{\"active\": false}").statusCode());
        try {
            assertEquals("device type 'box' is switched off", refusal("ask/box/" + newUid() + "/info", "{\"timestamp\": 1}"));
        } finally {
            http("PUT", "/api/types/box", "{\"active\": true}");
        }
    }

    @Test
    void hostileStringsAreStoredAsData() throws Exception {
        String hostile = "'); DROP TABLE device; -- \\\" <script>\\n${jndi:ldap://x}";
        lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"console\", \"content\": \"" + hostile + "\"}}");
        eventually(() -> journal(lock.uid(), "info").stream().anyMatch(r -> String.valueOf(r.get("detail")).contains("DROP TABLE")));
        assertTrue(db().queryForObject("SELECT COUNT(*) FROM device", Integer.class) >= 1);
    }

    @Test
    void aRepeatedTaskIdIsAppliedOnce() throws Exception {
        TestDevice door = device("lock", newUid());
        door.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        door.await("cup");
        door.send("sup", "{\"timestamp\": 1, \"task_id\": \"t42\", \"datahold\": {\"closed\": false}}");
        eventually(() -> journal(door.uid(), "sup"));
        http("PUT", "/api/devices/" + door.uid() + "/config", "{\"closed\": true}");
        door.send("sup", "{\"timestamp\": 1, \"task_id\": \"t42\", \"datahold\": {\"closed\": false}}");
        var refused = eventually(() -> journal(door.uid(), "refused"));
        assertEquals("duplicate task_id t42: already applied", refused.get(0).get("detail"));
        assertEquals(1, journal(door.uid(), "sup").size());
        assertTrue(db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, door.uid())
                .contains("\"closed\":true"), "the repeat did not reopen the door the game master closed");
    }

    @Test
    void packetsOutOfOrderAreEachHandled() throws Exception {
        TestDevice door = device("lock", newUid());
        door.send("pong", "{\"timestamp\": " + now() + "}");
        door.await("cup"); // registration
        door.send("pong", "{\"timestamp\": " + (now() - 300) + "}");
        door.await("cup", Duration.ofSeconds(5)); // an old timestamp is lag: the device gets its config
        assertTrue(context.getRouteController().getRouteStatus("mqtt-ingress").isStarted());
    }
}
