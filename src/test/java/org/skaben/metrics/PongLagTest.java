package org.skaben.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.protocol.MemoryMark;
import org.skaben.protocol.Packet;
import org.skaben.protocol.ServerClock;
import org.skaben.protocol.TopicParser;

class PongLagTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServerClock clock = new ServerClock(Clock.systemUTC(), new MemoryMark(), Runnable::run);
    private final PongLag pongLag = new PongLag(registry, clock);

    private static Packet pong(long timestamp) {
        String topic = "ask/lock/aabbccddeeff/pong";
        return new Packet(topic, TopicParser.parse(topic), Map.of("timestamp", timestamp), timestamp);
    }

    @Test
    void recordsServerTimeMinusThePongsTimestamp() {
        pongLag.record(pong(clock.nowSeconds() - 30));
        DistributionSummary lag = registry.get("skaben.pong.lag").summary();
        assertEquals(1, lag.count());
        assertTrue(lag.totalAmount() >= 30 && lag.totalAmount() < 40, "lag " + lag.totalAmount());
        assertEquals("seconds", lag.getId().getBaseUnit());
    }

    @Test
    void lagIsCountedInServerTimeWhenTheWallClockIsBehindTheLastTimestampSent() {
        long lastSent = System.currentTimeMillis() / 1000 + 3600;
        ServerClock ahead = new ServerClock(Clock.systemUTC(), new MemoryMark(lastSent), Runnable::run);
        new PongLag(registry, ahead).record(pong(ahead.nowSeconds() - 5));
        DistributionSummary lag = registry.get("skaben.pong.lag").summary();
        assertEquals(1, lag.count());
        assertTrue(lag.totalAmount() >= 5 && lag.totalAmount() < 10, "lag " + lag.totalAmount());
    }

    @Test
    void aTimestampFromTheFutureIsNoLag() {
        pongLag.record(pong(clock.nowSeconds() + 3600));
        assertEquals(0, registry.get("skaben.pong.lag").summary().count());
    }
}
