package org.skaben.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A scene document's checks: each problem named by its JSON path. */
class SceneTest {

    private static final Function<String, Optional<Boolean>> TYPES = type -> switch (type) {
        case "lock", "terminal" -> Optional.of(true);
        case "rgb" -> Optional.of(false);
        default -> Optional.empty();
    };

    private static final List<Scene.State> STATES = List.of(
            new Scene.State(1, "white", false, -1, 0, 0, 0, "none", 0, 0),
            new Scene.State(4, "green", true, 1, 3, 50, 10, "none", 0, 0));

    private static Scene scene(List<Scene.Device> devices, List<Scene.Card> cards, List<Scene.Permission> permissions,
                               List<Scene.SimpleConfig> simple) {
        return new Scene(1, "run", "2026-01-31T18:00:00Z", new Scene.Alert("green", 100), STATES, devices,
                List.of(new Scene.Person("Anna", "player")), cards, permissions, simple);
    }

    private static final Scene GOOD = scene(List.of(new Scene.Device("a1a1a1a1a1a1", "lock", Map.of(), false)),
            List.of(new Scene.Card("CARD01", "card", "Anna")),
            List.of(new Scene.Permission("CARD01", "a1a1a1a1a1a1", List.of("green"))),
            List.of(new Scene.SimpleConfig("rgb", "green", Map.of("rgb", "00FF00"))));

    @Test
    void aGoodSceneHasNoProblems() {
        assertEquals(List.of(), GOOD.problems(TYPES, "lock"));
        assertEquals(Map.of("states", 2, "devices", 1, "persons", 1, "cards", 1, "permissions", 1, "simple_configs", 1),
                GOOD.counts());
    }

    @Test
    void eachProblemIsNamedByItsPath() {
        Scene bad = scene(List.of(new Scene.Device("A1", "toaster", null, null),
                        new Scene.Device("b2b2b2b2b2b2", "terminal", Map.of(), false)),
                List.of(new Scene.Card("CARD01", "badge", "Boris")),
                List.of(new Scene.Permission("CARD02", "b2b2b2b2b2b2", List.of("purple"))),
                List.of(new Scene.SimpleConfig("lock", "green", Map.of())));
        assertEquals(List.of(
                "\"devices[0].uid\" must be 12 lower-case hex digits",
                "\"devices[0].type\" names no device type of this server: 'toaster'",
                "\"devices[0].config\" is required (an object)",
                "\"devices[0].override\" is required (true or false)",
                "\"cards[0].kind\" must be card or code",
                "\"cards[0].person\" must name one of the scene's persons: 'Boris'",
                "\"permissions[0].card\" must name one of the scene's cards: 'CARD02'",
                "\"permissions[0].lock\" must name one of the scene's lock devices: 'b2b2b2b2b2b2'",
                "\"permissions[0].states[0]\" must name one of the scene's states: 'purple'",
                "\"simple_configs[0].type\" names no simple device type of this server: 'lock'"),
                bad.problems(TYPES, "lock"));
    }

    @Test
    void theFormatVersionAndEveryListAreRequired() {
        Scene empty = new Scene(2, "bad name!", "yesterday", null, null, null, null, null, null, null);
        List<String> problems = empty.problems(TYPES, "lock");
        assertEquals("\"format_version\" must be 1 (this server's scene format)", problems.get(0));
        assertTrue(problems.contains("\"saved_at\" must be an ISO-8601 instant such as 2026-01-31T18:00:00Z"));
        assertTrue(problems.contains("\"simple_configs\" is required (an array, empty if there are none)"));
        assertTrue(problems.get(1).startsWith("\"name\" must be 1-64 letters"));
    }

    @Test
    void statesMustMakeAScaleAndTheAlertMustNameOne() {
        Scene s = new Scene(1, "x", null, new Scene.Alert("blue", null),
                List.of(new Scene.State(4, "green", true, 500, 3, 0, 0, "none", 0, 0),
                        new Scene.State(5, "yellow", true, 100, 4, 0, 0, "none", 0, 0)),
                List.of(), List.of(), List.of(), List.of(), List.of());
        List<String> problems = s.problems(TYPES, "lock");
        assertTrue(problems.get(0).startsWith("\"states\" do not make a valid scale: in-game thresholds must rise"),
                problems.toString());
        assertTrue(problems.contains("\"alert.state\" must name one of the scene's states"));
        assertTrue(problems.contains("\"alert.counter\" is required (an integer)"));
    }

    @Test
    void aNameIsAPathSegment() {
        assertTrue(Scene.validName("before-run.2"));
        assertFalse(Scene.validName("../x"));
        assertFalse(Scene.validName(""));
        assertFalse(Scene.validName("a".repeat(65)));
    }
}
