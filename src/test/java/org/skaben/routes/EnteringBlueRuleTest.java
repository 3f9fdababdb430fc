package org.skaben.routes;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** routes/rules/entering-blue.camel.yaml: terminals lose power and are blocked, sent with the state change. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "entering-blue.camel.yaml",
        replaceRouteFromWith = "entering-blue=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("entering-blue")
class EnteringBlueRuleTest extends RouteTestSupport {

    @Test
    void enteringTheStatePreparesTheDevicesAndNothingElseDoes() {
        assertEnteringMakes("blue", "white",
                "prepareType(terminal, {\"powered\": false, \"blocked\": true}, entering-blue)");
    }
}
