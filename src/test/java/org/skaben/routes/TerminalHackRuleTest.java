package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/** routes/rules/terminal-hack.camel.yaml: a failed hack raises the alert counter, a successful one is noted. */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.RULES + "terminal-hack.camel.yaml",
        replaceRouteFromWith = "terminal-hack=direct:event", mockEndpointsAndSkip = "direct:journal")
@RoutesTested("terminal-hack")
class TerminalHackRuleTest extends RouteTestSupport {

    @Test
    void aFailedHackRaisesTheCounter() {
        assertEquals(List.of("raiseCounter(terminal-hack, hack failed at terminal " + UID + ")"),
                gameCallsOn(Map.of("type", "hack", "success", false), Headers.KIND, "info", Headers.TYPE, "terminal"));
    }

    @Test
    void aSuccessfulHackIsNoted() {
        assertEquals(List.of("note(terminal " + UID + " hacked, terminal-hack)"),
                gameCallsOn(Map.of("type", "hack", "success", true), Headers.KIND, "info", Headers.TYPE, "terminal"));
    }

    @Test
    void anotherEventIsNotAHack() {
        assertEquals(List.of(), gameCallsOn(Map.of("type", "hack"), Headers.KIND, "info", Headers.TYPE, "lock"));
        assertEquals(List.of(), gameCallsOn(Map.of("type", "login"), Headers.KIND, "info", Headers.TYPE, "terminal"));
    }
}
