package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** routes/liveness.camel.yaml against the real server, with a keepalive timeout of 2 s (PINGs every second). */
class LivenessJournalTest extends SkabenAppTestSupport {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.keepalive.timeout-seconds", "2");
    }

    /** The device answers the next PING it gets with its timestamp, as a deployed one does. */
    private static void answerPing(TestDevice device) throws Exception {
        Object timestamp = device.await("ping").json().get("timestamp");
        device.send("pong", "{\"timestamp\": " + timestamp + ", \"hash\": \"\"}");
    }

    @Test
    void aDeviceThatStopsAnsweringIsJournaledOfflineOnceAndOnlineOnceWhenItIsBack() throws Exception {
        String uid = newUid();
        TestDevice terminal = new TestDevice(brokerUrl, "terminal", uid);
        answerPing(terminal);
        answerPing(terminal);
        terminal.close();

        Map<String, Object> offline = eventually(() -> journal(uid, "offline")).get(0);
        assertEquals("server", offline.get("source"));
        assertTrue(String.valueOf(offline.get("detail")).matches("no PONG for \\d+ s \\(timeout 2 s\\)"),
                String.valueOf(offline.get("detail")));
        assertEquals(List.of(), journal(uid, "online"), "registered by its first packet: no online row");

        // witness: another device goes silent later, and its offline row comes while the first stays away
        String other = newUid();
        TestDevice witness = new TestDevice(brokerUrl, "terminal", other);
        answerPing(witness);
        witness.close();
        eventually(() -> journal(other, "offline"));
        assertEquals(1, journal(uid, "offline").size(), "journaled once while it stays away");

        TestDevice back = new TestDevice(brokerUrl, "terminal", uid);
        try {
            answerPing(back);
            Map<String, Object> online = eventually(() -> journal(uid, "online")).get(0);
            assertEquals("server", online.get("source"));
            assertTrue(String.valueOf(online.get("detail")).matches("back after \\d+ s"),
                    String.valueOf(online.get("detail")));
            assertEquals(1, journal(uid, "offline").size());
            assertEquals(1, db().queryForObject("SELECT COUNT(*) FROM event WHERE uid = ? AND kind = 'online' "
                    + "AND device_type = 'terminal'", Integer.class, uid));
        } finally {
            back.close();
        }
    }
}
