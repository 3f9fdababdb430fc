package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With skaben.devices.auto-register=false an unknown device is refused and recorded, never registered. */
class RegistrationOffTest extends SkabenAppTestSupport {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.devices.auto-register", "false");
    }

    @Test
    void anUnknownDeviceIsRefusedAndAKnownOneServed() throws Exception {
        TestDevice stranger = device("lock", newUid());
        stranger.send("info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"access\", \"content\": \"1\"}}");
        var rows = eventually(() -> journalByTopic("ask/lock/" + stranger.uid() + "/info"));
        assertEquals("device " + stranger.uid() + " is not registered and auto-registration is off", rows.get(0).get("detail"));
        assertEquals(0, db().queryForObject("SELECT COUNT(*) FROM device", Integer.class));
        // witness: its next packet is refused too (a device's packets are handled in order), then the server is
        // idle; no CUP was journaled for it, and the first PING published after that comes with no CUP before it
        stranger.send("pong", "{\"timestamp\": 1}");
        eventually(() -> journalByTopic("ask/lock/" + stranger.uid() + "/pong"));
        awaitIdle();
        assertEquals(List.of(), journal(stranger.uid(), "cup"));
        long idleAt = now();
        stranger.assertNoneBefore("cup", r -> r.topic().endsWith("/ping")
                && ((Number) r.json().get("timestamp")).longValue() > idleAt, "a PING published after");

        TestDevice known = device("lock", newUid());
        var created = http("POST", "/api/devices", "{\"uid\": \"" + known.uid() + "\", \"type\": \"lock\"}");
        assertEquals(201, created.statusCode(), created.body());
        known.await("cup");
        known.send("info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"access\", \"content\": \"2\"}}");
        eventually(() -> journal(known.uid(), "info"));
        assertEquals(409, http("POST", "/api/devices", "{\"uid\": \"" + known.uid() + "\", \"type\": \"lock\"}").statusCode());
    }
}
