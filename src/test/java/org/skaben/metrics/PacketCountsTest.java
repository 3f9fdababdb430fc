package org.skaben.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
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

    private List<String> inTags() {
        return registry.get("skaben.packets.in").counters().stream().map(c -> c.getId().getTag("command"))
                .sorted().toList();
    }

    private final org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext();

    private org.apache.camel.Exchange received(String command) {
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(camel);
        counts.received(command, exchange);
        return exchange;
    }

    @Test
    void packetsInAreCountedByTheCommandTheIngressTookThemFor() {
        received("pong");
        received("pong");
        received("info");
        assertEquals(2, in("pong"));
        assertEquals(1, in("info"));
        assertEquals(List.of("info", "invalid", "other", "pong"), inTags());
    }

    @Test
    void aPacketIsHandledWhenItsExchangeCompletesStoredOrRefused() {
        org.apache.camel.Exchange first = received("sup");
        org.apache.camel.Exchange second = received("sup");
        assertEquals(0, registry.find("skaben.packets.handled").tag("command", "sup").counter().count());
        first.getExchangeExtension().handoverCompletions().forEach(done -> done.onComplete(first));
        second.setException(new IllegalStateException("refused"));
        second.getExchangeExtension().handoverCompletions().forEach(done -> done.onFailure(second));
        assertEquals(2, registry.find("skaben.packets.handled").tag("command", "sup").counter().count());
    }

    @Test
    void aCommandNoRouteTakesIsOtherAndAddsNoTag() {
        counts.unrouted();
        counts.unrouted();
        assertEquals(2, in("other"));
        assertEquals(List.of("invalid", "other"), inTags(), "invalid and other are there from the start, nothing else");
    }

    @Test
    void aTopicThatIsNotADevicePacketIsInvalid() {
        org.skaben.protocol.ReadPacket read = new org.skaben.protocol.ReadPacket(
                new org.skaben.protocol.PacketReader(65536, 32), counts::unreadable);
        org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
        for (String topic : java.util.Arrays.asList("ask/lock/not-a-mac/pong", "ask/lock/aabbccddeeff/pong/extra",
                null, "ask/lock/aabbccddeeff/dance", "ask/lock/aabbccddeeff/pong")) {
            org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(camel);
            exchange.getMessage().setHeader("CamelMqttTopic", topic);
            try {
                read.topic(exchange);
            } catch (org.skaben.protocol.PacketRefused refused) {
                // counted
            }
        }
        assertEquals(3, in("invalid"));
        assertEquals(0, in("other"));
        assertEquals(List.of("invalid", "other"), inTags());
    }

    @Test
    void packetsOutAreCountedByTheLastTopicLevel() {
        received("sup");
        counts.published("lock/all/ping");
        counts.published("lock/aabbccddeeff/cup");
        counts.published("rgb/all/cup");
        // a replayed dead letter goes out on the device's own topic, under a command some packet came in on
        counts.published("ask/lock/aabbccddeeff/sup");
        counts.published("lock/aabbccddeeff/whatever-1234");
        counts.published("ask/lock/aabbccddeeff/invalid");
        assertEquals(1, out("ping"));
        assertEquals(2, out("cup"));
        assertEquals(1, out("sup"));
        assertEquals(2, out("other"));
    }
}
