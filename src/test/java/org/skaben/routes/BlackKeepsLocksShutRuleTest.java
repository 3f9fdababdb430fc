package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/** routes/rules/black-keeps-locks-shut.camel.yaml: in black, a lock reporting itself open is shut again. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "black-keeps-locks-shut.camel.yaml",
        replaceRouteFromWith = "black-keeps-locks-shut=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("black-keeps-locks-shut")
class BlackKeepsLocksShutRuleTest extends RouteTestSupport {

    private List<String> lockReports(boolean closed) {
        return gameCallsOn(Map.of("closed", closed), Headers.KIND, "sup", Headers.TYPE, "lock");
    }

    @Test
    void inBlackALockReportedOpenIsShutAgain() {
        game.state = "black";
        assertEquals(List.of("configureDevice(" + UID + ", {\"closed\": true, \"blocked\": true}, "
                + "black-keeps-locks-shut)"), lockReports(false));
    }

    @Test
    void aLockClosingOrOpeningInAnotherStateIsLeftAlone() {
        game.state = "black";
        assertEquals(List.of(), lockReports(true));
        game.state = "red";
        assertEquals(List.of(), lockReports(false));
    }
}
