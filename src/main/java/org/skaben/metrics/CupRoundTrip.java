package org.skaben.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.skaben.Headers;

/**
 * {@code skaben_cup_round_trip_seconds}: from a CUP sent to the device's ACK of it, as the cup_delivery table
 * recorded them (the delivery-report route reads the time with sql/cup-round-trip.sql).
 */
public class CupRoundTrip {

    private final Timer timer;

    public CupRoundTrip(MeterRegistry registry) {
        this.timer = Timer.builder("skaben.cup.round.trip")
                .description("From a CUP sent to the device's ACK of it").register(registry);
    }

    /**
     * An ACK matched the CUP with this task id sent to this device (delivery-report route); {@code millis} is
     * the time from sending it to the answer, null when no answer is recorded.
     */
    public void acknowledged(@Variable("roundTripMillis") Long millis, @Header(Headers.TASK_ID) String taskId,
                             @Header(Headers.UID) String uid) {
        if (millis == null) {
            throw new IllegalStateException("CUP " + taskId + " to " + uid + " has no answer recorded");
        }
        timer.record(millis, TimeUnit.MILLISECONDS);
    }
}
