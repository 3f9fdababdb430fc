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
        mockEndpoints = "direct:(cup-push|sync-type|sync-all)",
        mockEndpointsAndSkip = "direct:(journal|mqtt-egress)")
@RoutesTested({"cup-request", "cup-push", "sync-type", "sync-all", "startup-sync"})
class ConfigPushRouteTest extends RouteTestSupport {

    final RouteFakes.Cups cups = new RouteFakes.Cups();
    @ReplaceInRegistry
    RouteFakes.Deliveries cupDeliveries = new RouteFakes.Deliveries();
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
        assertEquals(1, cupDeliveries.sent.size(), "one delivery record");
        OutgoingCup cup = cupDeliveries.sent.get(0);
        assertEquals("t-aabbccddeeff", cup.taskId());
        Object[] expected = {Headers.KIND, "cup", Headers.TYPE, "lock", Headers.UID, "aabbccddeeff",
            Headers.SOURCE, "device", Headers.TASK_ID, "t-aabbccddeeff",
            Headers.DETAIL, "task t-aabbccddeeff to lock/aabbccddeeff/cup: device asked",
            "CamelPahoMqtt5OverrideTopic", "lock/aabbccddeeff/cup"};
        assertHeaders(only(mock("direct:journal")), expected);
        Message egress = assertHeaders(only(mock("direct:mqtt-egress")), expected);
        assertEquals(cup, egress.getBody(), "the CUP recorded is the CUP queued");
    }

    @Test
    void nothingToSendLeavesNoRecordNoEntryAndNoPacket() {
        cups.underOverride.add("aabbccddeeff");
        assertHandled(send("direct:cup-push", CupRequest.automatic("lock", "aabbccddeeff", "hash drift", "device"),
                Map.of()));
        assertEquals(List.of(), cupDeliveries.sent, "no delivery record");
        assertReachedNone(mock("direct:journal"), mock("direct:mqtt-egress"));
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
