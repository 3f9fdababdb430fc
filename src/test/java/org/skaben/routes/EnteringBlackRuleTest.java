package org.skaben.routes;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

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
    void enteringTheStatePreparesTheDevicesAndNothingElseDoes() {
        assertEnteringMakes("black", "blue",
                "prepareType(lock, {\"closed\": true, \"blocked\": true}, entering-black)",
                "prepareType(terminal, {\"powered\": false}, entering-black)");
    }
}
