package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Expression;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.support.builder.ExpressionBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.metrics.CupRoundTrip;
import org.skaben.protocol.Packet;

/**
 * routes/delivery-reports.camel.yaml: an ACK or NACK recorded against its CUP, journaled, an ACK timed. The
 * statements are neighbours: the sql endpoints are mocks that answer as the database would (the update count of
 * sql/cup-delivery-answered.sql, the row of sql/cup-round-trip.sql), and the test asserts their parameters.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "delivery-reports.camel.yaml",
        mockEndpointsAndSkip = "direct:(journal|dead-letter)|sql:.*")
@RoutesTested("delivery-report")
class DeliveryReportRouteTest extends RouteTestSupport {

    private static final String ANSWERED = "sql:classpath:sql/cup-delivery-answered.sql";
    private static final String ROUND_TRIP = "sql:classpath:sql/cup-round-trip.sql";

    @ReplaceInRegistry
    CupRoundTrip cupRoundTrip = new CupRoundTrip(metrics);

    /**
     * A device reports a CUP; the record of it is updated in {@code updated} rows (1: the CUP was sent to it, 0:
     * not). Asserts the journal entry and the round trips timed, and returns the answer's parameters.
     */
    private Map<?, ?> assertReported(String command, int updated, String detail, int timed) {
        mock(ANSWERED).returnReplyHeader(SqlConstants.SQL_UPDATE_COUNT, constant(updated));
        mock(ROUND_TRIP).returnReplyBody(constant(1500L));
        Timer roundTrips = metrics.get("skaben.cup.round.trip").timer();
        long before = roundTrips.count();
        double total = roundTrips.totalTime(TimeUnit.MILLISECONDS);
        assertHandled(send("direct:delivery-report",
                packet("lock", UID, command, Map.of("task_id", "t1", "hash", "h1")),
                device("lock", UID, command, Headers.TASK_ID, "t1")));
        Map<?, ?> answer = assertInstanceOf(Map.class, only(mock(ANSWERED)).getBody());
        assertEquals(Map.of("status", command, "taskId", "t1", "uid", UID),
                Map.of("status", answer.get("status"), "taskId", answer.get("taskId"), "uid", answer.get("uid")));
        assertInstanceOf(Long.class, answer.get("answeredAt"));
        journaled(command, detail);
        assertHeaders(only(mock("direct:journal")), Headers.DELIVERED, updated > 0);
        assertEquals(before + timed, roundTrips.count(), "round trips timed");
        assertEquals(total + 1500.0 * timed, roundTrips.totalTime(TimeUnit.MILLISECONDS),
                "the round trip the database gave, timed");
        assertEquals(timed, mock(ROUND_TRIP).getReceivedCounter(), ROUND_TRIP + " received");
        return answer;
    }

    private static Expression constant(Object value) {
        return ExpressionBuilder.constantExpression(value);
    }

    @Test
    void anAckOfASentCupIsRecordedJournaledAndTimed() {
        Map<?, ?> answer = assertReported("ack", 1, "task t1 hash h1", 1);
        // the round trip is read for the same CUP and device
        assertEquals(answer, only(mock(ROUND_TRIP)).getBody());
    }

    @Test
    void aNackIsRecordedAndJournaledButNotTimed() {
        assertReported("nack", 1, "task t1 hash h1", 0);
    }

    @Test
    void anAckOfNoCupSentIsJournaledAsSuchAndNotTimed() {
        assertReported("ack", 0, "task t1 hash h1 (no such CUP was sent to this device)", 0);
    }

    @Test
    void theJournalGetsThePacketNotTheStatementsResult() {
        assertReported("ack", 1, "task t1 hash h1", 1);
        assertInstanceOf(Packet.class, only(mock("direct:journal")).getBody());
    }
}
