package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/** routes/rules/lock-access.camel.yaml: a card or code at a lock is an access attempt for the game to judge. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "lock-access.camel.yaml",
        replaceRouteFromWith = "lock-access=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("lock-access")
class LockAccessRuleTest extends RouteTestSupport {

    private final Map<String, Object> card = Map.of("type", "access", "content", "abc123");

    @Test
    void aCardAtALockIsAnAccessAttempt() {
        assertEquals(List.of("accessAttempt(" + UID + ", " + card + ", lock-access)"),
                gameCallsOn(card, Headers.KIND, "info", Headers.TYPE, "lock"));
    }

    @Test
    void anythingElseIsNotAnAccessAttempt() {
        assertEquals(List.of(), gameCallsOn(card, Headers.KIND, "sup", Headers.TYPE, "lock"));
        assertEquals(List.of(), gameCallsOn(card, Headers.KIND, "info", Headers.TYPE, "terminal"));
        assertEquals(List.of(), gameCallsOn(Map.of("type", "hack"), Headers.KIND, "info", Headers.TYPE, "lock"));
    }

    @Test
    void aFailureIsJournaledAsTheRulesError() {
        game.failure = new IllegalStateException("no such lock");
        gameCallsOn(card, Headers.KIND, "info", Headers.TYPE, "lock");
        assertEquals("lock-access", journaled("error", "rule lock-access failed: no such lock")
                .getHeader(Headers.SOURCE));
    }
}
