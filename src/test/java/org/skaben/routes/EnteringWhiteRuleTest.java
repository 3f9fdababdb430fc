package org.skaben.routes;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

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
    void enteringTheStatePreparesTheDevicesAndNothingElseDoes() {
        assertEnteringMakes("white", "black",
                "prepareType(lock, {\"closed\": false, \"blocked\": false}, entering-white)",
                "prepareType(terminal, {\"powered\": true, \"blocked\": false}, entering-white)");
    }
}
