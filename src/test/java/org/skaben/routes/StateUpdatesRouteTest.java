package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.cup.CupRequest;
import org.skaben.device.SupValidator;
import org.skaben.handler.SupHandler;
import org.skaben.protocol.Packet;
import org.skaben.protocol.PacketRefused;

/**
 * routes/state-updates.camel.yaml: a SUP is done once per task, saved, journaled and handed to the rules; a
 * refused one is journaled and answered with the device's config; a repeat is only refused.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "state-updates.camel.yaml",
        mockEndpointsAndSkip = "direct:(once-per-task|journal|cup-push|dead-letter)|seda:.*")
@RoutesTested("sup")
class StateUpdatesRouteTest extends RouteTestSupport {

    /** Accepts "closed", leaves out any other field, refuses a non-boolean "closed". */
    public static class Sups extends SupHandler {
        public Sups() {
            super(null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public SupValidator.Checked apply(Packet sup) {
            Map<String, Object> fields = (Map<String, Object>) sup.datahold();
            if (!(fields.get("closed") instanceof Boolean closed)) {
                throw new PacketRefused("field 'closed' must be a boolean");
            }
            return new SupValidator.Checked("lock", Map.of("closed", closed),
                    fields.keySet().stream().filter(f -> !f.equals("closed")).toList());
        }
    }

    @ReplaceInRegistry
    SupHandler supHandler = new Sups();

    private void sup(Map<String, Object> datahold) {
        assertHandled(send("direct:sup", packet("lock", "aabbccddeeff", "sup", Map.of("datahold", datahold)),
                device("lock", "aabbccddeeff", "sup", Headers.TASK_ID, "t1")));
    }

    @Test
    void acceptedFieldsAreJournaledAndHandedToTheRulesWithNoCupEchoed() {
        sup(Map.of("closed", false, "color", "red"));
        only(mock("direct:once-per-task"));
        journaled("sup", "{\"closed\":false} (left out, a lock may not change: color)");
        assertEquals(Map.of("closed", false), assertHeaders(only(mock("seda:events-sup")), Headers.KIND, "sup",
                Headers.UID, "aabbccddeeff").getBody());
        assertReachedNone(mock("direct:cup-push"));
    }

    @Test
    void aRefusedSupIsJournaledCountedAndAnsweredWithAnAutomaticCup() {
        sup(Map.of("closed", "yes"));
        journaled("refused", "field 'closed' must be a boolean");
        assertEquals(1, counted("skaben.refusals", "reason", "sup-field"));
        assertEquals(CupRequest.automatic("lock", "aabbccddeeff", "refused SUP", "device"),
                only(mock("direct:cup-push")).getBody());
        assertReachedNone(mock("seda:events-sup"));
    }

    @Test
    void aRepeatedTaskIsRefusedWithoutACup() {
        mock("direct:once-per-task").whenAnyExchangeReceived(e -> e.setException(
                new PacketRefused("duplicate task_id t1: already applied")));
        sup(Map.of("closed", true));
        journaled("refused", "duplicate task_id t1: already applied");
        assertEquals(1, counted("skaben.refusals", "reason", "duplicate"));
        assertReachedNone(mock("seda:events-sup"), mock("direct:cup-push"));
        assertEquals(List.of(), game.calls);
    }
}
