package org.skaben.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleVirtualDeviceTest {

    private static final String UID = "025abe050001";

    @Test
    void itAsksForItsTypesConfigAsTheFirmwareDoes() {
        VirtualShield shield = new VirtualShield("pwr", UID);
        FakeLink link = FakeLink.attachedTo(shield);
        shield.boot();
        FakeLink.Sent request = link.only();
        assertEquals("ask/pwr/all/cup", request.topic());
        assertEquals(Map.of("timestamp", 1), request.payload());
    }

    @Test
    void aBroadcastCupIsTakenWhole_andOnlyACupToItsOwnAddressIsAcknowledged() {
        SimpleVirtualDevice rgb = new SimpleVirtualDevice("rgb", "025abe030001");
        FakeLink link = FakeLink.attachedTo(rgb);
        rgb.receive("rgb/all/cup", "{\"timestamp\": 1000, \"task_id\": \"c-1\", \"hash\": \"h1\", "
                + "\"datahold\": {\"RGB\": \"00FF00\"}}");
        assertEquals(Map.of("RGB", "00FF00"), rgb.config());
        assertEquals(List.of(), link.take());
        rgb.receive("rgb/025abe030001/cup", "{\"timestamp\": 1001, \"task_id\": \"c-2\", \"hash\": \"h2\", "
                + "\"datahold\": \"{\\\"RGB\\\": \\\"FF0000\\\"}\"}");
        assertEquals(Map.of("RGB", "FF0000"), rgb.config());
        FakeLink.Sent ack = link.only();
        assertEquals("ask/rgb/025abe030001/ack", ack.topic());
        assertEquals(Map.of("timestamp", 1001L, "task_id", "c-2", "hash", "h2"), ack.payload());

        // PONG: the PING's own timestamp, and the hash of the config it holds
        rgb.receive("rgb/all/ping", "{\"timestamp\": 1010}");
        assertEquals(Map.of("timestamp", 1010L, "hash", "h2"), link.only().payload());
        rgb.receive("rgb/all/cup", "{\"timestamp\": 1005, \"datahold\": {\"RGB\": \"0000FF\"}}");
        assertEquals(Map.of("RGB", "FF0000"), rgb.config(), "an older CUP is dropped");
        assertEquals(400, assertThrows(ActionRefused.class, () -> rgb.act(Map.of("action", "power"))).status());
    }

    @Test
    void theShieldReportsItsSwitch() {
        VirtualShield shield = new VirtualShield("pwr", UID);
        FakeLink link = FakeLink.attachedTo(shield);
        assertEquals("switched", shield.act(Map.of("action", "power", "state", "AUX")).get("outcome"));
        FakeLink.Sent info = link.only();
        assertEquals("ask/pwr/" + UID + "/info", info.topic());
        assertEquals(Map.of("powerstate", "aux"), info.datahold());
        assertEquals(Map.of("powerstate", "aux"), shield.state());
        ActionRefused wrong = assertThrows(ActionRefused.class,
                () -> shield.act(Map.of("action", "power", "state", "max")));
        assertTrue(wrong.getMessage().contains("'max'"), wrong.getMessage());
        assertThrows(ActionRefused.class, () -> shield.act(Map.of("action", "power")));
    }
}
