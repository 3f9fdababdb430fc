package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;
import org.skaben.device.Json;

/**
 * Scenes through the operator API: save the game setup, change everything, restore it (the database, the API
 * and the devices' CUPs show the saved setup), export and import a document, and every 4xx.
 */
class ScenesTest extends SkabenAppTestSupport {

    private static Map<String, Object> lock(String alert, int timer, Map<String, Object> acl) {
        return TestDevice.lockConfig(alert, true, false, timer, acl);
    }

    private static Map<String, Object> terminal(String alert, boolean blocked, String content) {
        return Map.of("alert", alert, "override", false, "powered", true, "blocked", blocked, "hacked", false,
                "content", content);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRestoredSceneBringsBackTheSetupAndEveryDeviceGetsItsSavedConfig() throws Exception {
        // the setup: locks register in white
        ok("POST", "/api/alert/states/white/current", null);
        TestDevice lock = started("lock");
        TestDevice term = started("terminal");
        TestDevice held = started("terminal");
        ok("PUT", "/api/devices/" + lock.uid() + "/config", "{\"timer\": 20}");
        ok("PUT", "/api/devices/" + term.uid() + "/config",
                "{\"powered\": true, \"states\": {\"green\": {\"content\": \"welcome\"}}}");
        ok("PUT", "/api/devices/" + held.uid() + "/override", "{\"override\": true}");
        ok("POST", "/api/persons", "{\"name\": \"Anna\"}");
        ok("POST", "/api/cards", "{\"code\": \"CARD01\", \"person\": \"Anna\"}");
        ok("POST", "/api/permissions", "{\"card\": \"CARD01\", \"lock\": \"" + lock.uid()
                + "\", \"states\": [\"green\", \"yellow\"]}");
        ok("PUT", "/api/simple-configs/rgb/green", "{\"rgb\": \"00FF00\"}");
        ok("POST", "/api/alert/states/green/current", null);
        ok("POST", "/api/alert/counter", "{\"value\": 100, \"reason\": \"setup\"}");
        lock.awaitConfig(lock("4", 20, Map.of("CARD01", List.of(4, 5))));
        term.awaitConfig(terminal("4", false, "welcome"));

        Map<String, Object> saved = ok("POST", "/api/scenes", "{\"name\": \"before-run\"}");
        assertEquals("before-run", saved.get("name"));
        assertEquals("green", saved.get("state"));
        assertEquals(100, saved.get("counter"));
        assertEquals(1, ((Map<String, Object>) saved.get("counts")).get("permissions"));

        // a run changes everything
        ok("POST", "/api/alert/states/red/current", null);
        ok("PUT", "/api/devices/" + lock.uid() + "/config", "{\"timer\": 30}");
        ok("PUT", "/api/devices/" + term.uid() + "/config", "{\"blocked\": true}");
        ok("DELETE", "/api/cards/CARD01", null);
        ok("POST", "/api/persons", "{\"name\": \"Boris\"}");
        ok("PUT", "/api/simple-configs/rgb/green", "{\"rgb\": \"FF0000\"}");
        ok("PUT", "/api/devices/" + lock.uid() + "/override", "{\"override\": true}");
        TestDevice late = started("terminal");
        lock.awaitCup(c -> Boolean.TRUE.equals(((Map<?, ?>) c).get("override")), "its override");
        awaitIdle();
        long mark = journalMark();
        held.clear();

        Map<String, Object> restored = ok("POST", "/api/scenes/before-run/restore", null);
        assertEquals("before-run", restored.get("scene"));
        assertEquals(List.of(late.uid()), ((List<String>) restored.get("not_in_scene")).stream()
                .filter(uid -> uid.equals(late.uid())).toList());
        assertTrue(((List<String>) restored.get("under_override")).contains(held.uid()), restored.toString());
        assertFalse(((List<String>) restored.get("under_override")).contains(lock.uid()), restored.toString());

        // the devices get the saved config; the one under override in the scene gets none
        lock.awaitConfig(lock("4", 20, Map.of("CARD01", List.of(4, 5))));
        term.awaitConfig(terminal("4", false, "welcome"));
        assertNoCupSince(mark, held);
        // the device registered since is left as it is
        assertEquals(false, Json.readObject(http("GET", "/api/devices/" + late.uid(), null).body()).get("override"));

        // the database and the API show the saved setup
        Map<String, Object> counter = Json.readObject(http("GET", "/api/alert/counter", null).body());
        assertEquals(100, counter.get("value"));
        assertEquals("green", counter.get("state"));
        assertEquals("Anna", Json.readObject(http("GET", "/api/cards/CARD01", null).body()).get("person"));
        assertFalse(http("GET", "/api/persons", null).body().contains("Boris"));
        assertEquals("00FF00", Json.readObject(http("GET", "/api/simple-configs/rgb/green", null).body())
                .get("config") instanceof Map<?, ?> c ? c.get("rgb") : null);
        Map<String, Object> lockView = Json.readObject(http("GET", "/api/devices/" + lock.uid(), null).body());
        assertEquals(false, lockView.get("override"));
        assertEquals(20, ((Map<String, Object>) lockView.get("config")).get("timer"));
        assertEquals(true, db().queryForObject("SELECT manual_override FROM device WHERE uid = ?", Boolean.class,
                held.uid()));
        assertEquals(1, db().queryForObject("SELECT COUNT(*) FROM permission WHERE code = 'CARD01' AND lock_uid = ?",
                Integer.class, lock.uid()));
        List<Map<String, Object>> journaled = db().queryForList(
                "SELECT source, detail FROM event WHERE kind = 'scene' AND detail LIKE 'scene ''before-run''%' ORDER BY id");
        assertEquals(2, journaled.size(), journaled.toString());
        assertEquals("operator", journaled.get(1).get("source"));
        assertTrue(String.valueOf(journaled.get(1).get("detail")).contains(late.uid()), journaled.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExportedSceneIsImportedUnderANewNameAndRestored() throws Exception {
        ok("POST", "/api/alert/states/white/current", null);
        TestDevice lock = started("lock");
        ok("PUT", "/api/devices/" + lock.uid() + "/config", "{\"timer\": 7}");
        ok("POST", "/api/scenes", "{\"name\": \"to-export\"}");

        HttpResponse<String> export = http("GET", "/api/scenes/to-export/export", null);
        assertEquals(200, export.statusCode(), export.body());
        assertEquals("attachment; filename=\"to-export.scene.json\"",
                export.headers().firstValue("Content-Disposition").orElse(null));
        Map<String, Object> document = Json.readObject(export.body());
        assertEquals(1, document.get("format_version"));
        assertEquals("to-export", document.get("name"));

        Map<String, Object> imported = ok("POST", "/api/scenes/import?name=imported", export.body());
        assertEquals("imported", imported.get("name"));
        assertEquals(201, http("POST", "/api/scenes/import?name=imported-2", export.body()).statusCode());
        assertError(http("POST", "/api/scenes/import", export.body()), 409, "scene 'to-export' exists already");
        String list = http("GET", "/api/scenes", null).body();
        assertTrue(list.contains("\"name\":\"to-export\"") && list.contains("\"name\":\"imported\""), list);
        Map<String, Object> one = ok("GET", "/api/scenes/imported", null);
        assertEquals("imported", ((Map<String, Object>) one.get("scene")).get("name"));

        ok("PUT", "/api/devices/" + lock.uid() + "/config", "{\"timer\": 8}");
        Map<String, Object> restored = ok("POST", "/api/scenes/imported/restore", null);
        assertEquals("imported", restored.get("scene"));
        lock.awaitCup(c -> Integer.valueOf(7).equals(((Map<?, ?>) c).get("timer")), "timer 7");
        assertEquals(7, ((Map<String, Object>) Json.readObject(http("GET", "/api/devices/" + lock.uid(), null).body())
                .get("config")).get("timer"));
        assertEquals(1, db().queryForObject("SELECT COUNT(*) FROM event WHERE kind = 'scene' AND source = 'operator' "
                + "AND detail LIKE 'scene ''imported'' imported (saved as ''to-export'')%'", Integer.class));
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndChangeNothing() throws Exception {
        started("terminal");
        assertError(http("POST", "/api/scenes", "{}"), 400, "\"name\" is required");
        assertError(http("POST", "/api/scenes", "{\"name\": \"../x\"}"), 400, "\"name\" must be 1-64 letters");
        assertError(http("POST", "/api/scenes", "{\"name\": 5}"), 400, "\"name\" must be a string");
        assertError(http("POST", "/api/scenes", null), 400, "the request body must be a JSON object");
        ok("POST", "/api/scenes", "{\"name\": \"twice\"}");
        assertError(http("POST", "/api/scenes", "{\"name\": \"twice\"}"), 409, "scene 'twice' exists already");
        for (String[] call : new String[][] {{"GET", "/api/scenes/nope"}, {"DELETE", "/api/scenes/nope"},
                {"POST", "/api/scenes/nope/restore"}, {"GET", "/api/scenes/nope/export"}}) {
            assertError(http(call[0], call[1], null), 404, "scene 'nope' does not exist");
        }
        assertError(http("GET", "/api/scenes/bad%20name", null), 400, "\"name\" must be 1-64 letters");

        // a bad upload: the reason names the value by its path, and nothing is stored
        String good = http("GET", "/api/scenes/twice/export", null).body();
        String before = http("GET", "/api/scenes", null).body();
        assertError(http("POST", "/api/scenes/import", "{not json"), 400, "the request body is not valid JSON");
        assertError(http("POST", "/api/scenes/import?name=x1", good.replaceFirst("\"format_version\":1",
                "\"format_version\":2")), 400, "\"format_version\" must be 1");
        assertError(http("POST", "/api/scenes/import?name=x2", good.replaceFirst("\"devices\":\\[\\{",
                "\"devices\":[{\"colour\":\"red\",")), 400, "unknown field 'devices[0].colour'");
        assertError(http("POST", "/api/scenes/import?name=x3", good.replaceFirst("\"counter\":(-?\\d+)",
                "\"counter\":\"many\"")), 400, "\"alert.counter\" must be an integer");
        assertError(http("POST", "/api/scenes/import?name=x4", good.replaceFirst("\"states\":\\[\\{",
                "\"states\":[{\"id\":99,\"name\":\"white\",\"in_game\":false,\"threshold\":-1,\"order\":9,"
                        + "\"counter_increase\":0,\"counter_decrease\":0,\"auto_change\":\"none\",\"auto_level\":0,"
                        + "\"auto_timeout\":0},{")), 400, "\"states[1].name\" repeats state 'white'");
        assertError(http("POST", "/api/scenes/import?name=x5", "{\"format_version\": 1, \"name\": \"x5\", "
                + "\"alert\": {\"state\": \"white\", \"counter\": 0}, \"states\": [{\"id\": 1, \"name\": \"white\", "
                + "\"in_game\": false, \"threshold\": -1, \"order\": 0, \"counter_increase\": 0, \"counter_decrease\": 0, "
                + "\"auto_change\": \"none\", \"auto_level\": 0, \"auto_timeout\": 0}], \"devices\": [{\"uid\": "
                + "\"a1a1a1a1a1a1\", \"type\": \"toaster\", \"config\": {}, \"override\": false}], \"persons\": [], "
                + "\"cards\": [], \"permissions\": [], \"simple_configs\": []}"),
                400, "\"devices[0].type\" names no device type of this server: 'toaster'");
        assertError(http("POST", "/api/scenes/import?name=..", good), 400, "\"?name\" must be 1-64 letters");
        assertEquals(before, http("GET", "/api/scenes", null).body());

        Map<String, Object> deleted = ok("DELETE", "/api/scenes/twice", null);
        assertEquals("twice", deleted.get("deleted"));
        assertError(http("GET", "/api/scenes/twice", null), 404, "scene 'twice' does not exist");
        assertEquals(1, db().queryForObject("SELECT COUNT(*) FROM event WHERE kind = 'scene' AND source = 'operator' "
                + "AND detail = 'scene ''twice'' deleted'", Integer.class));
    }

    @Test
    void savesOfOneNameAtOnceStoreOneSceneAndRefuseTheOthers() throws Exception {
        started("terminal");
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> saves = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            saves.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return http("POST", "/api/scenes", "{\"name\": \"race\"}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<HttpResponse<String>> answers = saves.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertEquals(1, answers.stream().filter(a -> a.statusCode() == 201).count(), answers.toString());
        // the journal's headers stay inside the server
        answers.forEach(a -> assertTrue(a.headers().firstValue(Headers.DETAIL).isEmpty(), a.headers().toString()));
        // every other one a 409, whether it found the name taken before capturing or only at its insert
        answers.stream().filter(a -> a.statusCode() != 201).forEach(a -> assertError(a, 409, "scene 'race' exists already"));
        assertEquals(1, db().queryForObject("SELECT COUNT(*) FROM event WHERE kind = 'scene' "
                + "AND detail LIKE 'scene ''race'' saved%'", Integer.class));
    }

    @Test
    void scenesNeedTheToken() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/api/scenes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(response, 401, "missing bearer token");
    }
}
