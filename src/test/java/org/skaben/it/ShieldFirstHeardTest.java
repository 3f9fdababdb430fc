package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skaben.device.Json;

/**
 * The whole game when the power shield speaks for the first time after the game master left white (issue
 * 11.1): it registers on that packet, its aux and pwr move the game on, and the game reaches black.
 */
class ShieldFirstHeardTest extends SkabenAppTestSupport {

    private void post(String path, String body) throws Exception {
        var response = http("POST", path, body);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
    }

    private String info(String json) {
        return "{\"timestamp\": " + now() + ", \"datahold\": " + json + "}";
    }

    private static void awaitAlert(TestDevice lock, String alert, boolean closed, boolean blocked) throws InterruptedException {
        lock.awaitCup(c -> c instanceof Map<?, ?> m && alert.equals(m.get("alert")) && m.get("closed").equals(closed)
                && m.get("blocked").equals(blocked), "alert " + alert + " closed " + closed + " blocked " + blocked);
    }

    @ParameterizedTest(name = "the shield first heard in {0}")
    @ValueSource(strings = {"blue", "cyan"})
    void theGameGoesFromWhiteToBlack(String firstHeardIn) throws Exception {
        post("/api/alert/states/white/current", null);
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        awaitAlert(lock, "1", true, false);

        post("/api/alert/states/blue/current", "{\"reason\": \"doors open for players\"}");
        awaitAlert(lock, "2", true, false);
        if (firstHeardIn.equals("cyan")) {
            post("/api/alert/states/cyan/current", null);
            awaitAlert(lock, "3", true, false);
        }

        TestDevice pwr = device("pwr", newUid());
        if (firstHeardIn.equals("blue")) {
            pwr.send("info", info("{\"powerstate\": \"aux\"}"));
            awaitAlert(lock, "3", true, false);
            assertEquals("cyan", state());
        }
        pwr.send("info", info("{\"powerstate\": \"pwr\"}"));
        awaitAlert(lock, "4", true, false);
        assertEquals("green", state());
        assertEquals(1, journal(pwr.uid(), "registered").size(), "the shield registered on its first packet");
        assertEquals(0, journal(pwr.uid(), "refused").size());

        post("/api/alert/counter", "{\"value\": 1000, \"reason\": \"reactor breach\"}");
        awaitAlert(lock, "6", true, false);
        post("/api/alert/states/black/current", "{\"reason\": \"self-destruct\"}");
        awaitAlert(lock, "7", true, true);
        assertEquals("black", state());
    }
}
