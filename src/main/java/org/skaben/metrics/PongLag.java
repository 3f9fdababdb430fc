package org.skaben.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.skaben.protocol.Packet;
import org.skaben.protocol.ServerClock;

/**
 * {@code skaben_pong_lag_seconds}: server time minus a PONG's timestamp (the PING time the device stored), the
 * lag the keepalive check compares with its timeout.
 */
public class PongLag {

    private final ServerClock clock;
    private final DistributionSummary lag;

    public PongLag(MeterRegistry registry, ServerClock clock) {
        this.clock = clock;
        this.lag = DistributionSummary.builder("skaben.pong.lag").baseUnit("seconds")
                .description("Server time minus the timestamp of each PONG").register(registry);
    }

    public void record(Packet pong) {
        long seconds = clock.nowSeconds() - pong.timestamp();
        // a timestamp from the future (a device with its own clock) is no lag; Micrometer would drop it anyway
        if (seconds >= 0) {
            lag.record(seconds);
        }
    }
}
