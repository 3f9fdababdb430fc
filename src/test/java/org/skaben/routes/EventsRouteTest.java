package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.handler.InfoReader;
import org.skaben.protocol.PacketRefused;

/** routes/events.camel.yaml: an INFO is done once per task, journaled, then handed to the rules; else refused. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "events.camel.yaml",
        mockEndpointsAndSkip = "direct:(once-per-task|journal|dead-letter)|seda:.*")
@RoutesTested("info")
class EventsRouteTest extends RouteTestSupport {

    @ReplaceInRegistry
    InfoReader infoReader = new InfoReader(new RouteFakes.Devices());

    private void info(Object datahold) {
        assertHandled(send("direct:info", packet("lock", "aabbccddeeff", "info", Map.of("datahold", datahold)),
                device("lock", "aabbccddeeff", "info", Headers.TASK_ID, "t1")));
    }

    @Test
    void anEventIsJournaledThenHandedToTheRulesWithThePacketsHeaders() {
        info(Map.of("type", "access"));
        assertHeaders(only(mock("direct:once-per-task")), Headers.UID, "aabbccddeeff", Headers.TASK_ID, "t1");
        journaled("info", "{\"type\":\"access\"}");
        Message event = assertHeaders(only(mock("seda:events-info")), Headers.KIND, "info", Headers.TYPE, "lock",
                Headers.UID, "aabbccddeeff");
        assertEquals(Map.of("type", "access"), event.getBody());
    }

    @Test
    void anEmptyEventIsRefusedAndReachesNoRule() {
        info(Map.of());
        journaled("refused", "INFO datahold must be a non-empty JSON object");
        assertEquals(1, counted("skaben.refusals", "reason", "json"));
        assertReachedNone(mock("seda:events-info"));
    }

    @Test
    void aRepeatedTaskIsRefusedBeforeItIsRead() {
        mock("direct:once-per-task").whenAnyExchangeReceived(e -> e.setException(
                new PacketRefused("duplicate task_id t1: already applied")));
        info(Map.of("type", "hack", "success", false));
        journaled("refused", "duplicate task_id t1: already applied");
        assertReachedNone(mock("seda:events-info"));
    }
}
