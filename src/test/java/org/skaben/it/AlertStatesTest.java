package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/**
 * A game master creates and renames alert states. On a server of its own: there is no deleting a state, and a
 * state created or renamed would change the scale and the ids the other classes' tests rely on, whatever the
 * order they run in.
 */
class AlertStatesTest extends SkabenAppTestSupport {

    @Test
    void statesAreCreatedAndChangedWithTheirRulesChecked() throws Exception {
        var created = http("POST", "/api/alert/states", "{\"name\": \"orange\", \"in_game\": true, \"threshold\": 1500}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(8, Json.readObject(created.body()).get("id"));
        setState("red");
        ok("POST", "/api/alert/counter", "{\"value\": 1400, \"reason\": \"test\"}");
        assertEquals("red", state());
        ok("POST", "/api/alert/counter", "{\"delta\": 100, \"reason\": \"test\"}");
        assertEquals("orange", state(), "a new in-game state extends the scale");
        ok("PUT", "/api/alert/states/orange", "{\"name\": \"amber\"}");
        assertEquals("amber", state());
        refused("POST", "/api/alert/states", "{\"name\": \"late\", \"in_game\": true, \"threshold\": 2, \"order\": 99}",
                400, "in-game thresholds must rise with the order");
        refused("POST", "/api/alert/states", "{\"name\": \"amber\", \"in_game\": false, \"threshold\": 0}", 409,
                "alert state 'amber' already exists");
        ok("PUT", "/api/alert/states/amber", "{\"in_game\": false}");
        List<Map<String, Object>> states = Json.MAPPER.readValue(http("GET", "/api/alert/states", null).body(),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Map.class));
        assertEquals(List.of("amber"), states.stream().filter(s -> Boolean.TRUE.equals(s.get("current")))
                .map(s -> s.get("name")).toList());
    }
}
