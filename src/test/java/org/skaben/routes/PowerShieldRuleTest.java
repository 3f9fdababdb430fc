package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/** routes/rules/power-shield.camel.yaml: auxiliary power wakes the dungeon, the reactor starts the game. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "power-shield.camel.yaml",
        replaceRouteFromWith = "power-shield=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("power-shield")
class PowerShieldRuleTest extends RouteTestSupport {

    private List<String> shield(Object body) {
        return gameCallsOn(body, Headers.KIND, "info", Headers.TYPE, "pwr");
    }

    @Test
    void auxiliaryPowerSwitchesBlueToCyan() {
        assertEquals(List.of("switchState(blue, cyan, power-shield)"), shield(Map.of("powerstate", "AUX")));
    }

    @Test
    void theReactorStartsTheGameFromCyan() {
        assertEquals(List.of("startGame(cyan, power-shield)"), shield(Map.of("powerstate", "pwr")));
    }

    @Test
    void powerOffAPlainStringOrAnotherDeviceDoNothing() {
        assertEquals(List.of(), shield(Map.of("powerstate", "off")));
        assertEquals(List.of(), shield("aux"));
        assertEquals(List.of(), gameCallsOn(Map.of("powerstate", "aux"), Headers.KIND, "info", Headers.TYPE, "lock"));
    }
}
