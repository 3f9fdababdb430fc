package org.skaben.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Header;
import org.skaben.Headers;

/**
 * {@code skaben_cup_round_trip_seconds}: from a CUP sent to the device's ACK of it, as the cup_delivery table
 * recorded them.
 */
public class CupRoundTrip {

    /** Where the times come from: milliseconds from sending a CUP to its answer, null when not answered. */
    @FunctionalInterface
    public interface Deliveries {
        Long roundTripMillis(String taskId, String uid);
    }

    private final Deliveries deliveries;
    private final Timer timer;

    public CupRoundTrip(MeterRegistry registry, Deliveries deliveries) {
        this.deliveries = deliveries;
        this.timer = Timer.builder("skaben.cup.round.trip")
                .description("From a CUP sent to the device's ACK of it").register(registry);
    }

    /** An ACK matched the CUP with this task id sent to this device (delivery-report route). */
    public void acknowledged(@Header(Headers.TASK_ID) String taskId, @Header(Headers.UID) String uid) {
        Long millis = deliveries.roundTripMillis(taskId, uid);
        if (millis == null) {
            throw new IllegalStateException("CUP " + taskId + " to " + uid + " has no answer recorded");
        }
        timer.record(millis, TimeUnit.MILLISECONDS);
    }
}
