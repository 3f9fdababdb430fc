package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.game.RuleListeners;

/**
 * routes/alert.camel.yaml: a state change goes to the rules (waited for, unless none listens or they take too
 * long), then to every device; a counter move updates the scale, then the rules hear of it; the drift tick.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "alert.camel.yaml",
        replaceRouteFromWith = "alert-drift=direct:alert-drift",
        mockEndpointsAndSkip = "direct:sync-(all|type)|seda:.*")
@RoutesTested({"alert-changed", "alert-drift"})
class AlertRouteTest extends RouteTestSupport {

    /** Whether a rule listens on the alert events, as the test sets it. */
    public static class Listeners extends RuleListeners implements RouteFakes.Fake {
        volatile boolean listening = true;

        public Listeners() {
            super(null);
        }

        @Override
        public boolean any(String uri) {
            return listening;
        }

        @Override
        public void reset() {
            listening = true;
        }
    }

    @ReplaceInRegistry
    Listeners ruleListeners = new Listeners();

    private Exchange alertChanged(boolean broadcast) {
        return send("direct:alert-changed", null, headers(Headers.ALERT_STATE, "black", Headers.ALERT_PREVIOUS, "red",
                Headers.ALERT_COUNTER, 700, Headers.ALERT_BROADCAST, broadcast));
    }

    @Test
    void aStateChangeGoesToTheRulesAndThenToEveryDevice() {
        assertHandled(alertChanged(true));
        assertHeaders(only(mock("seda:events-alert")), Headers.KIND, "alert-state", Headers.ALERT_STATE, "black",
                Headers.ALERT_PREVIOUS, "red", Headers.ALERT_COUNTER, 700);
        Exchange sync = mock("direct:sync-all").getReceivedExchanges().get(0);
        assertHeaders(only(mock("direct:sync-all")), Headers.KIND, "alert-state");
        assertNull(sync.getProperty(Exchange.ASYNC_WAIT), "the broadcast does not wait for anyone");
        assertReachedNone(mock("direct:sync-type"));
    }

    @Test
    void withNoRuleListeningTheBroadcastGoesAtOnce() {
        ruleListeners.listening = false;
        assertHandled(alertChanged(true));
        assertReachedNone(mock("seda:events-alert"));
        only(mock("direct:sync-all"));
    }

    @Test
    void rulesThatTakeTooLongAreJournaledAndTheBroadcastGoesAnyway() {
        mock("seda:events-alert").whenAnyExchangeReceived(e -> e.setException(new ExchangeTimedOutException(e, 5000)));
        assertHandled(alertChanged(true));
        assertEquals(List.of("note(rules on entering black took longer than the alert endpoint timeout: the "
                + "broadcast did not wait for them, server)"), game.calls);
        only(mock("direct:sync-all"));
    }

    @Test
    void aCounterMoveUpdatesTheScaleThenTellsTheRules() {
        assertHandled(alertChanged(false));
        assertHeaders(only(mock("direct:sync-type")), Headers.TYPE, "scl");
        assertHeaders(only(mock("seda:events-alert")), Headers.KIND, "alert-counter", Headers.ALERT_COUNTER, 700);
        assertReachedNone(mock("direct:sync-all"));
    }

    @Test
    void eachDriftTickAsksTheGameAndAFailedOneIsOnlyLogged() {
        game.failure = new IllegalStateException("database away");
        assertHandled(send("direct:alert-drift", null, headers()));
        assertHandled(send("direct:alert-drift", null, headers()));
        assertEquals(List.of("drift()", "drift()"), game.calls);
    }
}
