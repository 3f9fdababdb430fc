package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/**
 * A whole standard game (game.md), through the real broker with simulated devices: two locks, a terminal,
 * the power shield, a light array and the scale. At every step each device must receive exactly the config
 * game.md says, and the journal must tell the story.
 */
class GameTest extends SkabenAppTestSupport {

    private static final List<Integer> BORDERS = List.of(334, 667, 1000);

    private static Map<String, Object> lock(String alert, boolean closed, boolean blocked, Map<String, Object> acl) {
        return TestDevice.lockConfig(alert, closed, blocked, 10, acl);
    }

    private static Map<String, Object> terminal(String alert, boolean powered, boolean blocked, String content) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("alert", alert);
        config.put("override", false);
        config.put("powered", powered);
        config.put("blocked", blocked);
        config.put("hacked", false);
        if (content != null) {
            config.put("content", content);
        }
        return config;
    }

    private static Map<String, Object> scale(int level, String state) {
        return Map.of("level", level, "state", state, "borders", BORDERS);
    }

    private String info(String json) {
        return "{\"timestamp\": " + now() + ", \"datahold\": " + json + "}";
    }

    @Test
    void theStandardGameFromWhiteToBlack() throws Exception {
        TestDevice lockA = device("lock", newUid());
        TestDevice lockB = device("lock", newUid());
        TestDevice term = device("terminal", newUid());
        TestDevice pwr = device("pwr", newUid());
        TestDevice rgb = device("rgb", newUid());
        TestDevice scl = device("scl", newUid());

        // white, a fresh install: the devices announce themselves and register
        for (TestDevice smart : List.of(lockA, lockB, term)) {
            smart.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}, \"task_id\": \"boot\"}");
        }
        lockA.awaitConfig(lock("1", true, false, Map.of()));
        lockB.awaitConfig(lock("1", true, false, Map.of()));
        term.awaitConfig(terminal("1", false, false, null));
        for (TestDevice simple : List.of(pwr, rgb, scl)) {
            simple.send("pong", "{\"timestamp\": " + now() + "}");
        }
        eventually(() -> db().queryForObject("SELECT COUNT(*) FROM device WHERE uid IN (?, ?, ?)", Integer.class,
                pwr.uid(), rgb.uid(), scl.uid()) == 3);

        // the game master prepares the run: players, cards, who opens what, the terminal's content, the lights
        ok("POST", "/api/persons", "{\"name\": \"Alice\"}");
        ok("POST", "/api/persons", "{\"name\": \"Bob\"}");
        ok("POST", "/api/cards", "{\"code\": \"111111\", \"person\": \"Alice\"}");
        ok("POST", "/api/cards", "{\"code\": \"222222\", \"person\": \"Bob\"}");
        ok("POST", "/api/permissions", "{\"card\": \"111111\", \"lock\": \"" + lockA.uid() + "\", \"states\": [\"yellow\", \"green\"]}");
        lockA.awaitConfig(lock("1", true, false, Map.of("111111", List.of(4, 5))));
        ok("POST", "/api/permissions", "{\"card\": \"222222\", \"lock\": \"" + lockA.uid() + "\", \"states\": [\"green\"]}");
        Map<String, Object> aclA = Map.of("111111", List.of(4, 5), "222222", List.of(4));
        lockA.awaitConfig(lock("1", true, false, aclA));
        ok("POST", "/api/permissions", "{\"card\": \"111111\", \"lock\": \"" + lockB.uid() + "\", \"states\": [6]}");
        Map<String, Object> aclB = Map.of("111111", List.of(6));
        lockB.awaitConfig(lock("1", true, false, aclB));
        ok("PUT", "/api/devices/" + term.uid() + "/config",
                "{\"states\": {\"green\": {\"content\": \"reactor online\"}, \"red\": {\"content\": \"evacuate\"}}}");
        term.awaitConfig(terminal("1", false, false, null));
        Map<String, String> colours = Map.of("blue", "0000FF", "cyan", "00FFFF", "green", "00FF00",
                "yellow", "FFFF00", "red", "FF0000", "black", "000000");
        for (var c : colours.entrySet()) {
            ok("PUT", "/api/simple-configs/rgb/" + c.getKey(), "{\"RGB\": \"" + c.getValue() + "\"}");
        }

        // blue: deep conservation, as the players find it; terminals lose power and are blocked
        ok("POST", "/api/alert/states/blue/current", "{\"reason\": \"doors open for players\"}");
        lockA.awaitConfig(lock("2", true, false, aclA));
        lockB.awaitConfig(lock("2", true, false, aclB));
        term.awaitConfig(terminal("2", false, true, null));
        // blue's is the first CUP the lights get: none came for the configs of states not current (the
        // server publishes in order, so one would have come before it)
        rgb.assertNoneBefore("cup", r -> Map.of("RGB", "0000FF").equals(TestDevice.configOf(r)), "blue's config");
        scl.awaitConfig(scale(-1, "blue"));

        // the players connect auxiliary power: cyan
        pwr.send("info", info("{\"powerstate\": \"aux\"}"));
        lockA.awaitConfig(lock("3", true, false, aclA));
        lockB.awaitConfig(lock("3", true, false, aclB));
        term.awaitConfig(terminal("3", false, true, null));
        rgb.awaitConfig(Map.of("RGB", "00FFFF"));
        scl.awaitConfig(scale(-1, "cyan"));

        // ... and start the reactor: green, the counter at green's threshold
        pwr.send("info", info("{\"powerstate\": \"PWR\"}"));
        lockA.awaitConfig(lock("4", true, false, aclA));
        lockB.awaitConfig(lock("4", true, false, aclB));
        term.awaitConfig(terminal("4", false, true, "reactor online"));
        rgb.awaitConfig(Map.of("RGB", "00FF00"));
        scl.awaitConfig(scale(1, "green"));

        // cards at the doors: Alice gets in; Bob's card is refused at A, a stranger's at B; each refusal
        // raises the counter by green's counter_increase (50), which only the scale shows
        long mark = journalMark();
        lockA.send("info", info("{\"type\": \"access\", \"content\": \"111111\", \"success\": true}"));
        lockA.send("info", info("{\"type\": \"access\", \"content\": \"222222\", \"success\": false}"));
        scl.awaitConfig(scale(51, "green"));
        lockB.send("info", info("{\"type\": \"access\", \"access_code\": \"999999\", \"success\": false}"));
        scl.awaitConfig(scale(101, "green"));
        assertNoCupSince(mark, lockA);
        assertEquals(List.of(), cupsJournaledSince(mark, lockB.uid()));

        // the game master raises the alarm: 500 is yellow, and every device hears of it
        ok("POST", "/api/alert/counter", "{\"delta\": 399, \"reason\": \"noise in sector 3\"}");
        lockA.awaitConfig(lock("5", true, false, aclA));
        lockB.awaitConfig(lock("5", true, false, aclB));
        term.awaitConfig(terminal("5", false, true, null));
        rgb.awaitConfig(Map.of("RGB", "FFFF00"));
        scl.awaitConfig(scale(500, "yellow"));
        lockA.send("info", info("{\"type\": \"access\", \"content\": \"222222\", \"success\": false}"));
        scl.awaitConfig(scale(550, "yellow"));

        ok("POST", "/api/alert/counter", "{\"value\": 1000, \"reason\": \"reactor breach\"}");
        lockA.awaitConfig(lock("6", true, false, aclA));
        lockB.awaitConfig(lock("6", true, false, aclB));
        term.awaitConfig(terminal("6", false, true, "evacuate"));
        rgb.awaitConfig(Map.of("RGB", "FF0000"));
        scl.awaitConfig(scale(1000, "red"));

        // black: self-destruct, only a game master sets it; every lock closes and blocks, terminals go dark
        ok("POST", "/api/alert/states/black/current", "{\"reason\": \"self-destruct\"}");
        lockA.awaitConfig(lock("7", true, true, aclA));
        lockB.awaitConfig(lock("7", true, true, aclB));
        term.awaitConfig(terminal("7", false, true, null));
        rgb.awaitConfig(Map.of("RGB", "000000"));
        scl.awaitConfig(scale(-100, "black"));

        // the journal tells the story
        List<Map<String, Object>> states = db().queryForList(
                "SELECT source, detail FROM event WHERE kind = 'alert-state' ORDER BY id");
        List<String> story = states.stream().map(r -> r.get("source") + ": " + r.get("detail")).toList();
        assertEquals(List.of(
                "operator: state white -> blue, counter -1 -> -1: doors open for players",
                "power-shield: state blue -> cyan, counter -1 -> -1: blue -> cyan by power-shield",
                "power-shield: state cyan -> green, counter -1 -> 1: cyan -> green by power-shield",
                "operator: state green -> yellow, counter 101 -> 500: noise in sector 3",
                "operator: state yellow -> red, counter 550 -> 1000: reactor breach",
                "operator: state red -> black, counter 1000 -> -100: self-destruct"), story);
        assertEquals("access granted for 111111 (Alice) at " + lockA.uid(),
                journal(lockA.uid(), "access-granted").get(0).get("detail"));
        assertEquals(List.of("access denied for 222222 (Bob) at " + lockA.uid(),
                        "access denied for 222222 (Bob) at " + lockA.uid()),
                journal(lockA.uid(), "access-denied").stream().map(r -> r.get("detail")).toList());
        assertEquals("access denied for 999999 (unknown code) at " + lockB.uid(),
                journal(lockB.uid(), "access-denied").get(0).get("detail"));
        assertTrue(String.valueOf(journal(lockB.uid(), "error").get(0).get("detail")).contains("unknown code '999999'"));
        // the terminal's last config equals the broadcast's, so the rule's journal entry may come a moment later
        assertEquals(List.of("entering-black", "entering-black", "entering-blue"), eventually(() -> {
            List<String> rules = db().queryForList("SELECT source FROM event WHERE kind = 'config' "
                    + "AND source LIKE 'entering-%' ORDER BY id DESC", String.class);
            return rules.size() == 3 ? rules : null;
        }));
        List<Map<String, Object>> history = Json.MAPPER.readValue(http("GET", "/api/alert/counter/history", null).body(),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Map.class));
        assertEquals(List.of(-100, 1000, 550, 500, 101, 51, 1, -1, -1, -1),
                history.stream().map(h -> h.get("value")).toList());
        assertEquals("denied-access-raises-alert", history.get(3 + 2).get("source"));
        Map<String, Object> counter = Json.readObject(http("GET", "/api/alert/counter", null).body());
        assertEquals("black", counter.get("state"));
        assertEquals(-100, counter.get("value"));
    }
}
