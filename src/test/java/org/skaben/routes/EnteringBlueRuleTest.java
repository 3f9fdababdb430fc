package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/** routes/rules/entering-blue.camel.yaml: terminals lose power and are blocked, sent with the state change. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "entering-blue.camel.yaml",
        replaceRouteFromWith = "entering-blue=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("entering-blue")
class EnteringBlueRuleTest extends RouteTestSupport {

    @Test
    void enteringTheStatePreparesTheDevices() {
        assertEquals(List.of("prepareType(terminal, {\"powered\": false, \"blocked\": true}, entering-blue)"),
                gameCallsOn(null, Headers.KIND, "alert-state", Headers.ALERT_STATE, "blue"));
    }

    @Test
    void anotherStateOrACounterMoveDoesNot() {
        assertEquals(List.of(), gameCallsOn(null, Headers.KIND, "alert-state", Headers.ALERT_STATE, "white"));
        assertEquals(List.of(), gameCallsOn(null, Headers.KIND, "alert-counter", Headers.ALERT_STATE, "blue"));
    }
}
