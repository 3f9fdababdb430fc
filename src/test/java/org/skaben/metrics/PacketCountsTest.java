package org.skaben.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PacketCountsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PacketCounts counts = new PacketCounts(registry);

    private double in(String command) {
        return registry.get("skaben.packets.in").tag("command", command).counter().count();
    }

    private double out(String command) {
        return registry.get("skaben.packets.out").tag("command", command).counter().count();
    }

    @Test
    void packetsInAreCountedByTheirCommand() {
        counts.received("ask/lock/aabbccddeeff/pong");
        counts.received("ask/lock/aabbccddeeff/pong");
        counts.received("ask/LOCK/AA:BB:CC:DD:EE:FF/INFO");
        assertEquals(2, in("pong"));
        assertEquals(1, in("info"));
        assertEquals(0, in("sup"), "every command is there from the start");
    }

    @Test
    void aTopicThatIsNotADevicePacketIsInvalidWhateverItsLastLevel() {
        counts.received("ask/lock/aabbccddeeff/dance");
        counts.received("ask/lock/not-a-mac/pong");
        counts.received("ask/lock/aabbccddeeff/pong/extra");
        counts.received(null);
        assertEquals(4, in("invalid"));
        assertEquals(0, in("pong"));
        assertEquals(7, registry.get("skaben.packets.in").counters().size(), "six commands and invalid, nothing else");
    }

    @Test
    void packetsOutAreCountedByTheLastTopicLevel() {
        counts.published("lock/all/ping");
        counts.published("lock/aabbccddeeff/cup");
        counts.published("rgb/all/cup");
        // a replayed dead letter goes out on the device's own topic
        counts.published("ask/lock/aabbccddeeff/sup");
        counts.published("lock/aabbccddeeff/whatever-1234");
        assertEquals(1, out("ping"));
        assertEquals(2, out("cup"));
        assertEquals(1, out("sup"));
        assertEquals(1, out("other"));
    }
}
