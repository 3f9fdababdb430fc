package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.metrics.CupRoundTrip;

/** routes/delivery-reports.camel.yaml: an ACK or NACK recorded against its CUP, journaled, an ACK timed. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "delivery-reports.camel.yaml",
        mockEndpointsAndSkip = "direct:(journal|dead-letter)")
@RoutesTested("delivery-report")
class DeliveryReportRouteTest extends RouteTestSupport {

    @ReplaceInRegistry
    RouteFakes.Deliveries cupDeliveries = new RouteFakes.Deliveries();
    @ReplaceInRegistry
    CupRoundTrip cupRoundTrip = new CupRoundTrip(metrics, cupDeliveries::roundTripMillis);

    /** Reports a CUP as a device would; asserts the answer recorded, the journal entry and the round trips timed. */
    private void assertReported(String command, String detail, int timed) {
        long before = metrics.get("skaben.cup.round.trip").timer().count();
        assertHandled(send("direct:delivery-report",
                packet("lock", UID, command, Map.of("task_id", "t1", "hash", "h1")),
                device("lock", UID, command, Headers.TASK_ID, "t1")));
        assertEquals(List.of(command + " t1 " + UID), cupDeliveries.answers);
        journaled(command, detail);
        assertEquals(before + timed, metrics.get("skaben.cup.round.trip").timer().count(), "round trips timed");
    }

    @Test
    void anAckOfASentCupIsRecordedJournaledAndTimed() {
        assertReported("ack", "task t1 hash h1", 1);
    }

    @Test
    void aNackIsRecordedAndJournaledButNotTimed() {
        assertReported("nack", "task t1 hash h1", 0);
    }

    @Test
    void anAckOfNoCupSentIsJournaledAsSuchAndNotTimed() {
        cupDeliveries.known = false;
        assertReported("ack", "task t1 hash h1 (no such CUP was sent to this device)", 0);
    }
}
