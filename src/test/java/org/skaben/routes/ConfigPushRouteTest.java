package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.cup.BuildCup;
import org.skaben.cup.CupRequest;
import org.skaben.cup.OutgoingCup;

/** routes/config-push.camel.yaml: a CUP asked for, built, recorded, journaled and queued; sync of a type and of all. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "config-push.camel.yaml",
        replaceRouteFromWith = "startup-sync=direct:startup-sync",
        mockEndpoints = "direct:(cup-push|cup-delivery-sent|sync-type|sync-all)",
        mockEndpointsAndSkip = "direct:(journal|mqtt-egress)|sql:.*")
@RoutesTested({"cup-request", "cup-push", "cup-delivery-sent", "sync-type", "sync-all", "startup-sync"})
class ConfigPushRouteTest extends RouteTestSupport {

    /** The statement of cup-delivery-sent, a neighbour: a mock that takes the delivery record's parameters. */
    private static final String SENT = "sql:classpath:sql/cup-delivery-sent.sql";

    final RouteFakes.Cups cups = new RouteFakes.Cups();
    @ReplaceInRegistry
    BuildCup buildCup = new BuildCup(cups);
    @ReplaceInRegistry
    RouteFakes.Devices deviceRegistry = new RouteFakes.Devices();

    @Test
    void aDeviceThatAsksGetsAManualCup() {
        send("direct:cup-request", packet("lock", "aabbccddeeff", "cup", Map.of()),
                device("lock", "aabbccddeeff", "cup"));
        assertEquals(CupRequest.manual("lock", "aabbccddeeff", "device asked", "device"),
                only(mock("direct:cup-push")).getBody());
    }

    @Test
    void aCupIsRecordedJournaledAndQueuedWithItsAddress() {
        cups.underOverride.add("aabbccddeeff");
        assertHandled(send("direct:cup-push", CupRequest.manual("lock", "aabbccddeeff", "device asked", "device"),
                Map.of()));
        Message recorded = only(mock("direct:cup-delivery-sent"));
        OutgoingCup cup = assertInstanceOf(OutgoingCup.class, recorded.getBody());
        assertEquals("t-aabbccddeeff", cup.taskId());
        Object[] expected = {Headers.KIND, "cup", Headers.TYPE, "lock", Headers.UID, "aabbccddeeff",
            Headers.SOURCE, "device", Headers.TASK_ID, "t-aabbccddeeff",
            Headers.DETAIL, "task t-aabbccddeeff to lock/aabbccddeeff/cup: device asked",
            "CamelPahoMqtt5OverrideTopic", "lock/aabbccddeeff/cup"};
        assertHeaders(only(mock("direct:journal")), expected);
        Message egress = assertHeaders(only(mock("direct:mqtt-egress")), expected);
        assertEquals(cup, egress.getBody());
        assertEquals(1, mock(SENT).getReceivedCounter(), "the delivery record written");
    }

    @Test
    void theDeliveryRecordOfACupIsInsertedWithItsParameters() {
        long before = System.currentTimeMillis();
        assertHandled(send("direct:cup-push", CupRequest.automatic("lock", "aabbccddeeff", "hash drift", "server"),
                Map.of()));
        Map<?, ?> record = assertInstanceOf(Map.class, only(mock(SENT)).getBody());
        assertEquals(Map.of("taskId", "t-aabbccddeeff", "type", "lock", "uid", "aabbccddeeff",
                "hash", "h-aabbccddeeff"), Map.of("taskId", record.get("taskId"), "type", record.get("type"),
                "uid", record.get("uid"), "hash", record.get("hash")));
        long sentAt = assertInstanceOf(Long.class, record.get("sentAt"));
        assertTrue(sentAt >= before && sentAt <= System.currentTimeMillis(), "sent at " + sentAt);
        // the statement's result goes to a variable: the CUP is what is queued
        assertInstanceOf(OutgoingCup.class, only(mock("direct:mqtt-egress")).getBody());
    }

    @Test
    void nothingToSendLeavesNoRecordNoEntryAndNoPacket() {
        cups.underOverride.add("aabbccddeeff");
        assertHandled(send("direct:cup-push", CupRequest.automatic("lock", "aabbccddeeff", "hash drift", "device"),
                Map.of()));
        assertReachedNone(mock("direct:cup-delivery-sent"), mock(SENT), mock("direct:journal"),
                mock("direct:mqtt-egress"));
    }

    @Test
    void syncAllSendsEachActiveTypeItsTargetsAnAutomaticCup() {
        deviceRegistry.targets.put("lock", List.of("000000000001", "000000000002"));
        deviceRegistry.targets.put("scl", List.of("all"));
        send("direct:startup-sync", null, Map.of());
        assertHeaders(only(mock("direct:sync-all")), Headers.SOURCE, "server", Headers.CUP_REASON, "server start");
        assertEquals(List.of("lock", "scl"), mock("direct:sync-type").getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(Headers.TYPE)).toList());
        assertEquals(List.of(CupRequest.automatic("lock", "000000000001", "server start", "server"),
                CupRequest.automatic("lock", "000000000002", "server start", "server"),
                CupRequest.automatic("scl", "all", "server start", "server")),
                mock("direct:cup-push").getReceivedExchanges().stream().map(e -> e.getMessage().getBody()).toList());
        assertEquals(3, mock("direct:mqtt-egress").getReceivedCounter());
    }
}
