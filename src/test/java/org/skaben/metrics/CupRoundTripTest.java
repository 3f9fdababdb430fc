package org.skaben.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CupRoundTripTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void anAckRecordsTheTimeFromItsCup() {
        CupRoundTrip roundTrip = new CupRoundTrip(registry);
        roundTrip.acknowledged(1500L, "t-1", "aabbccddeeff");
        Timer timer = registry.get("skaben.cup.round.trip").timer();
        assertEquals(1, timer.count());
        assertEquals(1.5, timer.totalTime(TimeUnit.SECONDS));
    }

    @Test
    void anAckWithoutARecordedAnswerIsAnError() {
        CupRoundTrip roundTrip = new CupRoundTrip(registry);
        assertThrows(IllegalStateException.class, () -> roundTrip.acknowledged(null, "t-2", "aabbccddeeff"));
        assertEquals(0, registry.get("skaben.cup.round.trip").timer().count());
    }
}
