package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/**
 * routes/rules/entering-white.camel.yaml: every lock opens, every terminal is powered, all unblocked. Sent with
 * the state change's own CUPs.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "entering-white.camel.yaml",
        replaceRouteFromWith = "entering-white=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("entering-white")
class EnteringWhiteRuleTest extends RouteTestSupport {

    @Test
    void enteringTheStatePreparesTheDevices() {
        assertEquals(List.of("prepareType(lock, {\"closed\": false, \"blocked\": false}, entering-white)",
                "prepareType(terminal, {\"powered\": true, \"blocked\": false}, entering-white)"),
                gameCallsOn(null, Headers.KIND, "alert-state", Headers.ALERT_STATE, "white"));
    }

    @Test
    void anotherStateOrACounterMoveDoesNot() {
        assertEquals(List.of(), gameCallsOn(null, Headers.KIND, "alert-state", Headers.ALERT_STATE, "black"));
        assertEquals(List.of(), gameCallsOn(null, Headers.KIND, "alert-counter", Headers.ALERT_STATE, "white"));
    }
}
