package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/**
 * game.md 4: only unknown locks (and cards) wait for white to register; every other type registers on its
 * first packet in any state. An unknown lock outside white is journaled once and its repeats are counted.
 */
class RegistrationTest extends SkabenAppTestSupport {

    private int registered(String uid) {
        return db().queryForObject("SELECT COUNT(*) FROM device WHERE uid = ?", Integer.class, uid);
    }

    @Test
    void everyTypeButLocksRegistersInAnyState() throws Exception {
        for (String state : List.of("blue", "green", "black")) {
            setState(state);
            for (String type : List.of("pwr", "terminal", "rgb", "scl", "box")) {
                TestDevice d = device(type, newUid());
                d.send("pong", "{\"timestamp\": " + now() + "}");
                // the journal row is the witness: it is written after the device is stored
                eventually(() -> journal(d.uid(), "registered").size() == 1);
                assertEquals(1, registered(d.uid()), type + " in " + state);
            }
        }
    }

    @Test
    void anUnknownLockOutsideWhiteIsJournaledOnceThenCounted() throws Exception {
        setState("green");
        TestDevice lock = device("lock", newUid());
        for (int i = 0; i < 5; i++) {
            lock.send("pong", "{\"timestamp\": " + now() + "}");
        }
        // the count is the witness that all five were handled
        Map<String, Object> heard = eventually(() -> unregistered(lock.uid()).filter(h -> h.get("packets").equals(5)).orElse(null));
        assertEquals("lock", heard.get("type"));
        assertEquals("device " + lock.uid() + " is not registered: locks register only while the alert state is white",
                heard.get("reason"));
        List<Map<String, Object>> refused = journal(lock.uid(), "refused");
        assertEquals(1, refused.size(), "journaled once: " + refused);
        assertEquals(heard.get("reason"), refused.get(0).get("detail"));
        assertEquals(0, registered(lock.uid()));

        // the game master registers it by hand: it leaves the list and its packets are taken
        assertEquals(201, http("POST", "/api/devices", "{\"uid\": \"" + lock.uid() + "\", \"type\": \"lock\"}").statusCode());
        assertEquals(true, unregistered(lock.uid()).isEmpty());
        lock.clear();
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        assertEquals("4", lock.await("cup").datahold().get("alert"));
        assertEquals(1, journal(lock.uid(), "refused").size());
    }

    private java.util.Optional<Map<String, Object>> unregistered(String uid) {
        try {
            List<Map<String, Object>> all = Json.MAPPER.readValue(http("GET", "/api/unregistered-devices", null).body(),
                    Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Map.class));
            return all.stream().filter(h -> uid.equals(h.get("uid"))).findFirst();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
