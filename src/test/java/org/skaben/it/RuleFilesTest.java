package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/**
 * The rules are files a game master edits while the server runs: an edited rule changes what happens to the
 * next event, a deleted one stops, and a property switches one off.
 */
class RuleFilesTest extends SkabenAppTestSupport {

    private Path routes;

    @Override
    protected Map<String, String> extraProperties() {
        routes = copyOfRoutes();
        return Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml,file:" + routes + "/rules/*.camel.yaml",
                "camel.main.routes-reload-enabled", "true",
                "camel.main.routes-reload-directory", routes.toString(),
                "skaben.rules.terminal-hack.enabled", "false");
    }

    private int counter() {
        try {
            return (Integer) Json.readObject(http("GET", "/api/alert/counter", null).body()).get("value");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String denied(String code) {
        return "{\"timestamp\": " + now() + ", \"datahold\": {\"type\": \"access\", \"content\": \"" + code
                + "\", \"success\": false}}";
    }

    @Test
    void theRulesListenBeforeTheFirstPacketArrives() {
        var order = context.getCamelContextExtension().getRouteStartupOrder().stream()
                .map(r -> r.getRoute().getRouteId()).toList();
        assertEquals("mqtt-ingress", order.get(order.size() - 1), order.toString());
        assertTrue(order.containsAll(java.util.List.of("lock-access", "power-shield", "black-keeps-locks-shut",
                "entering-white")), order.toString());
    }

    @Test
    void anEditedRuleChangesTheNextEventADeletedOneStops() throws Exception {
        assertEquals(200, http("POST", "/api/alert/states/white/current", null).statusCode());
        TestDevice lock = device("lock", newUid());
        lock.send("pong", "{\"timestamp\": " + now() + "}");
        eventually(() -> db().queryForObject("SELECT COUNT(*) FROM device WHERE uid = ?", Integer.class, lock.uid()) == 1);
        assertEquals(200, http("POST", "/api/alert/states/green/current", null).statusCode());
        lock.send("info", denied("100001"));
        eventually(() -> counter() == 51);

        // the game master decides a refused card costs 7, not green's 50
        Path rule = routes.resolve("rules/denied-access-raises-alert.camel.yaml");
        // saved as an editor saves: the new text written beside it, then moved over it
        Path edited = routes.resolve("denied-access-raises-alert.edited");
        Files.writeString(edited, Files.readString(rule).replace("raiseCounter(${routeId}, ${header.skabenReason})",
                "changeCounter(7, ${routeId}, ${header.skabenReason})"));
        Files.move(edited, rule, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // the file watcher reloads within a second or so; until then events go the old way
        eventually(() -> counterMovedBy(lock, "1000") == 7);

        // and then that it costs nothing at all
        Files.delete(rule);
        eventually(() -> counterMovedBy(lock, "2000") == 0);
        assertTrue(context.getRoute("denied-access-raises-alert") == null, "the deleted rule's route is gone");
    }

    private int attempts;

    /**
     * How far one refused card moves the counter: the card is presented, its INFO journaled, and once the
     * server is idle (the rules are done with it) the counter is read again.
     */
    private int counterMovedBy(TestDevice lock, String prefix) {
        try {
            int before = counter();
            String code = prefix + String.format("%02d", ++attempts % 100);
            lock.send("info", denied(code));
            eventually(() -> db().queryForList("SELECT id FROM event WHERE uid = ? AND kind = 'info' AND detail LIKE ?",
                    lock.uid(), "%\"" + code + "\"%"));
            awaitIdle();
            return counter() - before;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRuleSwitchedOffByPropertyDoesNothing() throws Exception {
        assertEquals(200, http("POST", "/api/alert/states/white/current", null).statusCode());
        TestDevice term = device("terminal", newUid());
        term.send("pong", "{\"timestamp\": " + now() + "}");
        eventually(() -> db().queryForObject("SELECT COUNT(*) FROM device WHERE uid = ?", Integer.class, term.uid()) == 1);
        assertEquals(200, http("POST", "/api/alert/states/green/current", null).statusCode());
        term.send("info", "{\"timestamp\": " + now() + ", \"datahold\": {\"type\": \"hack\", \"success\": false}}");
        // witness: the INFO is journaled, then the server is idle (the running rules are done with it)
        eventually(() -> journal(term.uid(), "info"));
        awaitIdle();
        assertEquals(1, counter());
        assertTrue(!context.getRouteController().getRouteStatus("terminal-hack").isStarted());
    }
}
