package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.SkabenServer;
import org.skaben.metrics.CupRoundTrip;

/** routes/delivery-reports.camel.yaml: an ACK or NACK recorded against its CUP, journaled, an ACK timed. */
@CamelMainTest(mainClass = SkabenServer.class,
        propertyPlaceholderLocations = {RouteTestSupport.SETTINGS, RouteTestSupport.APPLICATION},
        properties = RouteTestSupport.ROUTES + "delivery-reports.camel.yaml",
        mockEndpointsAndSkip = "direct:(journal|dead-letter)")
@RoutesTested("delivery-report")
class DeliveryReportRouteTest extends RouteTestSupport {

    @ReplaceInRegistry
    RouteFakes.Deliveries cupDeliveries = new RouteFakes.Deliveries();
    @ReplaceInRegistry
    CupRoundTrip cupRoundTrip = new CupRoundTrip(metrics, cupDeliveries::roundTripMillis);

    private void report(String command) {
        assertHandled(send("direct:delivery-report",
                packet("lock", "aabbccddeeff", command, Map.of("task_id", "t1", "hash", "h1")),
                device("lock", "aabbccddeeff", command, "skabenTaskId", "t1")));
    }

    private long roundTrips() {
        return metrics.get("skaben.cup.round.trip").timer().count();
    }

    @Test
    void anAckOfASentCupIsRecordedJournaledAndTimed() {
        long before = roundTrips();
        report("ack");
        assertEquals(List.of("ack t1 aabbccddeeff"), cupDeliveries.answers);
        journaled("ack", "task t1 hash h1");
        assertEquals(before + 1, roundTrips());
    }

    @Test
    void aNackIsRecordedAndJournaledButNotTimed() {
        long before = roundTrips();
        report("nack");
        assertEquals(List.of("nack t1 aabbccddeeff"), cupDeliveries.answers);
        journaled("nack", "task t1 hash h1");
        assertEquals(before, roundTrips());
    }

    @Test
    void anAckOfNoCupSentIsJournaledAsSuchAndNotTimed() {
        cupDeliveries.known = false;
        long before = roundTrips();
        report("ack");
        journaled("ack", "task t1 hash h1 (no such CUP was sent to this device)");
        assertEquals(before, roundTrips());
    }
}
