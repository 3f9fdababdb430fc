package org.skaben.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    @Test
    void refusalsAreCountedByCategoryNeverByTheirText() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Refusals refusals = new Refusals(registry);
        refusals.count("timestamp is missing");
        refusals.count("timestamp 99999999999999 is out of range");
        refusals.count("unknown device type 'toaster'");
        assertEquals(2, registry.get("skaben.refusals").tag("reason", "timestamp").counter().count());
        assertEquals(1, registry.get("skaben.refusals").tag("reason", "unknown-type").counter().count());
        assertEquals(0, registry.get("skaben.refusals").tag("reason", "json").counter().count());
        assertEquals(RefusalCategory.values().length, registry.get("skaben.refusals").counters().size());
    }
}
