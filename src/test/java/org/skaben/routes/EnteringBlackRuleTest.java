package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/**
 * routes/rules/entering-black.camel.yaml: every lock closes and is blocked, every terminal loses power. Sent
 * with the state change's own CUPs.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "entering-black.camel.yaml",
        replaceRouteFromWith = "entering-black=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("entering-black")
class EnteringBlackRuleTest extends RouteTestSupport {

    @Test
    void enteringTheStatePreparesTheDevices() {
        assertEquals(List.of("prepareType(lock, {\"closed\": true, \"blocked\": true}, entering-black)",
                "prepareType(terminal, {\"powered\": false}, entering-black)"),
                gameCallsOn(null, Headers.KIND, "alert-state", Headers.ALERT_STATE, "black"));
    }

    @Test
    void anotherStateOrACounterMoveDoesNot() {
        assertEquals(List.of(), gameCallsOn(null, Headers.KIND, "alert-state", Headers.ALERT_STATE, "blue"));
        assertEquals(List.of(), gameCallsOn(null, Headers.KIND, "alert-counter", Headers.ALERT_STATE, "black"));
    }
}
