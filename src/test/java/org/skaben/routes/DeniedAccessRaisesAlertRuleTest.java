package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/** routes/rules/denied-access-raises-alert.camel.yaml: a card refused at a lock raises the alert counter. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "denied-access-raises-alert.camel.yaml",
        replaceRouteFromWith = "denied-access-raises-alert=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("denied-access-raises-alert")
class DeniedAccessRaisesAlertRuleTest extends RouteTestSupport {

    @Test
    void aCardRefusedAtALockRaisesTheCounter() {
        assertEquals(List.of("raiseCounter(denied-access-raises-alert, access denied at lock " + UID + ")"),
                gameCallsOn(Map.of("type", "access", "success", false), Headers.KIND, "info", Headers.TYPE, "lock"));
    }

    @Test
    void aCardLetInOrAnotherEventDoesNot() {
        assertEquals(List.of(), gameCallsOn(Map.of("type", "access", "success", true),
                Headers.KIND, "info", Headers.TYPE, "lock"));
        assertEquals(List.of(), gameCallsOn(Map.of("type", "hack", "success", false),
                Headers.KIND, "info", Headers.TYPE, "lock"));
        assertEquals(List.of(), gameCallsOn(Map.of("type", "access", "success", false),
                Headers.KIND, "info", Headers.TYPE, "terminal"));
    }
}
