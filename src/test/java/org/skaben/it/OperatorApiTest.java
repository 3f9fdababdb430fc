package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/** The operator REST API: what it shows, what it changes, and how it refuses bad requests. */
class OperatorApiTest extends SkabenAppTestSupport {

    private Map<String, Object> json(String body) {
        return Json.readObject(body);
    }

    @Test
    void devicesAreListedWithConfigStateHashAndLiveness() throws Exception {
        TestDevice lock = started("lock");
        lock.send("sup", "{\"timestamp\": 1, \"datahold\": {\"closed\": false}}");
        eventually(() -> journal(lock.uid(), "sup"));
        var one = http("GET", "/api/devices/" + lock.uid().toUpperCase(), null);
        assertEquals(200, one.statusCode());
        Map<String, Object> device = json(one.body());
        assertEquals(lock.uid(), device.get("uid"));
        assertEquals("lock", device.get("type"));
        assertEquals(Map.of("closed", false), device.get("reported_state"));
        assertEquals(false, ((Map<?, ?>) device.get("config")).get("closed"));
        assertEquals(64, ((String) device.get("hash")).length());
        assertEquals(true, device.get("online"));
        assertTrue(http("GET", "/api/devices", null).body().contains(lock.uid()));
    }

    @Test
    void badRequestsGetA4xxWithAReason() throws Exception {
        TestDevice lock = started("lock");
        assertError(http("GET", "/api/devices/001122334455", null), 404, "device 001122334455 is not registered");
        assertError(http("GET", "/api/devices/not-a-mac", null), 400, "malformed uid");
        assertError(http("PUT", "/api/devices/" + lock.uid() + "/config", "{closed"), 400, "the request body is not valid JSON");
        assertError(http("PUT", "/api/devices/" + lock.uid() + "/config", "[1]"), 400, "the request body must be a JSON object");
        assertError(http("PUT", "/api/devices/" + lock.uid() + "/config?overwrite=maybe", "{}"), 400, "overwrite must be true or false");
        assertError(http("POST", "/api/types/toaster/sync", null), 404, "device type toaster does not exist");
        assertError(http("PUT", "/api/types/toaster", "{\"active\": true}"), 400, "a new type needs \"smart\"");
        assertError(http("PUT", "/api/types/Bad%20Name", "{\"smart\": true}"), 400, "a type name is");
        assertError(http("PUT", "/api/types/lock", "{\"smart\": \"yes\"}"), 400, "\"smart\" must be a boolean");
        assertError(http("GET", "/api/events?limit=0", null), 400, "limit must be 1..1000");
        assertError(http("GET", "/api/events?since=yesterday", null), 400, "since must be");
        assertError(http("POST", "/api/devices", "{\"uid\": \"" + lock.uid() + "\", \"type\": \"lock\"}"), 409, "device " + lock.uid() + " is already registered");
    }

    @Test
    void aNewTypeIsPingedAndServed() throws Exception {
        assertError(http("PUT", "/api/types/fog", "{\"smart\": false, \"config\": {\"FOG\": \"ON\"}}"), 400,
                "a simple type's config depends on the alert state");
        var created = http("PUT", "/api/types/fog", "{\"smart\": false}");
        assertEquals(200, created.statusCode(), created.body());
        assertEquals(200, http("PUT", "/api/simple-configs/fog/white", "{\"FOG\": \"ON\"}").statusCode());
        TestDevice fog = device("fog", newUid());
        fog.await("ping");
        fog.sendRaw("ask/fog/all/cup", "{\"timestamp\": 1}".getBytes());
        assertEquals(Map.of("FOG", "ON"), fog.await("cup").datahold());
        assertTrue(http("GET", "/api/types", null).body().contains("\"name\":\"fog\""));
        assertEquals("operator", db().queryForObject(
                "SELECT source FROM event WHERE kind = 'type' AND device_type = 'fog' ORDER BY id DESC LIMIT 1", String.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJournalIsFilteredByDeviceKindAndTimeNewestFirst() throws Exception {
        TestDevice lock = started("lock");
        for (int i = 1; i <= 3; i++) {
            lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"n\": " + i + "}}");
        }
        eventually(() -> journal(lock.uid(), "info").size() == 3);
        var response = http("GET", "/api/events?device=" + lock.uid() + "&kind=info&limit=2", null);
        assertEquals(200, response.statusCode());
        List<Map<String, Object>> events = Json.MAPPER.readValue(response.body(), List.class);
        assertEquals(2, events.size());
        assertEquals("{\"n\":3}", events.get(0).get("detail"));
        assertEquals("{\"n\":2}", events.get(1).get("detail"));
        assertEquals("info", events.get(0).get("kind"));
        assertEquals("{\"count\":3}", http("GET", "/api/events/count?device=" + lock.uid() + "&kind=info", null).body());
        String future = java.time.Instant.now().plusSeconds(3600).toString();
        assertEquals("[]", http("GET", "/api/events?device=" + lock.uid() + "&since=" + future, null).body());
        assertEquals("{\"count\":0}", http("GET", "/api/events/count?kind=no-such-kind", null).body());

        // a reader catching up: the entries after an id, oldest first
        long first = ((Number) events.get(1).get("id")).longValue() - 1;
        List<Map<String, Object>> after = Json.MAPPER.readValue(
                http("GET", "/api/events?device=" + lock.uid() + "&kind=info&after=" + first, null).body(), List.class);
        assertEquals(List.of("{\"n\":2}", "{\"n\":3}"), after.stream().map(e -> e.get("detail")).toList());
        List<Map<String, Object>> anyKind = Json.MAPPER.readValue(
                http("GET", "/api/events?device=" + lock.uid() + "&after=" + first + "&limit=1", null).body(), List.class);
        assertEquals(List.of(lock.uid()), anyKind.stream().map(e -> e.get("uid")).toList());
        assertError(http("GET", "/api/events?after=x", null), 400, "after must be a journal entry's id");
    }

    @Test
    void everyApiCallNeedsTheBearerTokenAndARefusalIsJournaled() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        var none = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/api/devices")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertError(none, 401, "missing bearer token");
        var wrong = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/api/sync"))
                .header("Authorization", "Bearer guess").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertError(wrong, 401, "wrong bearer token");
        assertTrue(db().queryForObject("SELECT COUNT(*) FROM event WHERE kind = 'unauthorized'", Integer.class) >= 2);
        var health = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/health/live")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "health needs no token");
    }

    @Test
    void theTokenIsCheckedBeforeTheBodyIsRead() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        var broken = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/api/alert/counter"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\": ")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertError(broken, 401, "missing bearer token");
        assertError(http("POST", "/api/alert/counter", "{\"value\": "), 400, "the request body is not valid JSON");
        // the REST binding finds its request validator by type: the token is checked before the body is read
        assertTrue(org.apache.camel.support.CamelContextHelper.findSingleByType(context,
                org.apache.camel.spi.RestClientRequestValidator.class) instanceof org.skaben.api.TokenBeforeBody);
    }

    @Test
    void theRoutesSkabenHeadersNeitherComeInNorGoOut() throws Exception {
        TestDevice lock = started("lock");
        long mark = journalMark();
        // a caller's skaben* header is not the routes': this one would have sent the config to another device
        var changed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/api/devices/" + lock.uid() + "/config"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .header("skabenSource", "device").header("skabenDetail", "forged")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"timer\": 21}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(List.of(), changed.headers().map().keySet().stream()
                .filter(h -> h.toLowerCase().startsWith("skaben")).toList(), "the journal's headers in the answer");
        assertEquals(List.of("operator"), eventually(() -> db().queryForList("SELECT DISTINCT source FROM event "
                + "WHERE id > ? AND uid = ? AND kind = 'config'", String.class, mark, lock.uid())));
        assertEquals(List.of(), db().queryForList("SELECT detail FROM event WHERE id > ? AND detail = 'forged'",
                String.class, mark));
    }

    @Test
    void aBadFieldIsNamedByItsPathInTheBody() throws Exception {
        TestDevice lock = started("lock");
        assertError(http("POST", "/api/permissions", "{\"card\": \"777777\", \"lock\": \"" + lock.uid()
                + "\", \"states\": [\"green\", \"purple\"]}"), 400, "\"states[1]\" names no alert state: 'purple'");
        assertError(http("PUT", "/api/types/lock", "{\"sup_fields\": {\"closed\": 1}}"), 400,
                "\"sup_fields.closed\" must be a string");
        assertError(http("PUT", "/api/types/lock", "{\"sup_fields\": {\"closed\": \"flag\"}}"), 400,
                "\"sup_fields.closed\" must be one of boolean, integer");
        assertError(http("PUT", "/api/alert/states/white", "{\"in_game\": \"yes\"}"), 400, "\"in_game\" must be a boolean");
        assertError(http("POST", "/api/persons", "{\"name\": \"Eve\", \"age\": 30}"), 400,
                "unknown field 'age': expected description, name, role");
    }

    private static long id(Map<String, Object> record) {
        return ((Number) record.get("id")).longValue();
    }

    private static Map<String, Object> acl(TestDevice lock, Map<String, Object> acl) throws Exception {
        return lock.awaitCup(c -> c instanceof Map<?, ?> m && acl.equals(m.get("acl")), "acl=" + acl).datahold();
    }

    @Test
    void personsCardsAndPermissionsAreListedReadChangedAndDeletedAndEachChangeIsJournaled() throws Exception {
        TestDevice lock = started("lock");
        long mark = journalMark();
        org.skaben.game.GameVersion version = context.getRegistry().lookupByNameAndType("gameVersion",
                org.skaben.game.GameVersion.class);

        // persons: created (role player when not given), read, listed, changed (absent fields kept), refused
        var created = http("POST", "/api/persons", "{\"name\": \"Vera\", \"description\": \" medic \"}");
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> vera = json(created.body());
        long person = id(vera);
        assertEquals(List.of("Vera", "player", "medic"), List.of(vera.get("name"), vera.get("role"), vera.get("description")));
        assertEquals(vera, ok("GET", "/api/persons/" + person, null));
        assertTrue(http("GET", "/api/persons", null).body().contains("\"name\":\"Vera\""));
        assertError(http("POST", "/api/persons", "{\"name\": \"Vera\"}"), 409, "person 'Vera' already exists");
        assertError(http("PUT", "/api/persons/" + person, "{\"name\": \"unknown\"}"), 409, "person 'unknown' already exists");
        assertError(http("GET", "/api/persons/999999", null), 404, "person 999999 does not exist");
        assertError(http("GET", "/api/persons/x", null), 400, "an id is a number");
        assertError(http("PUT", "/api/persons/" + person, "{\"description\": \"a\\nb\"}"), 400,
                "\"description\" must be at most 400 characters on one line");
        Map<String, Object> master = ok("PUT", "/api/persons/" + person, "{\"role\": \"master\"}");
        assertEquals(List.of("Vera", "master", "medic"), List.of(master.get("name"), master.get("role"), master.get("description")));

        // cards: the owner by id or name, a code given once, the kind card unless told
        var card = http("POST", "/api/cards", "{\"code\": \"C0FFEE\", \"person\": " + person + "}");
        assertEquals(201, card.statusCode(), card.body());
        assertEquals(Map.of("code", "C0FFEE", "kind", "card", "person_id", (int) person, "person", "Vera"), json(card.body()));
        assertError(http("POST", "/api/cards", "{\"code\": \"C0FFEE\", \"person\": \"Vera\"}"), 409, "code C0FFEE already exists");
        assertError(http("POST", "/api/cards", "{\"code\": \"BEEF01\", \"person\": 999999}"), 404, "person 999999 does not exist");
        assertError(http("POST", "/api/cards", "{\"code\": \"BEEF01\", \"person\": \"Vera\", \"kind\": \"chip\"}"), 400,
                "kind is card or code");
        assertError(http("POST", "/api/cards", "{\"code\": \"BEEF01\"}"), 400, "\"person\" is required");
        assertError(http("GET", "/api/cards/NOPE01", null), 404, "code NOPE01 does not exist");
        assertEquals("[{\"code\":\"C0FFEE\",\"kind\":\"card\",\"person\":\"Vera\",\"person_id\":" + person + "}]",
                http("GET", "/api/cards?owner=Vera", null).body());
        assertEquals("code", ok("PUT", "/api/cards/C0FFEE", "{\"kind\": \"code\"}").get("kind"));
        assertEquals("unknown", ok("PUT", "/api/cards/C0FFEE", "{\"person\": \"unknown\"}").get("person"));
        assertEquals(Map.of("code", "C0FFEE", "kind", "code", "person_id", (int) person, "person", "Vera"),
                ok("PUT", "/api/cards/C0FFEE", "{\"person\": \"Vera\"}"));
        assertEquals(json(card.body()).get("person"), ok("GET", "/api/cards/C0FFEE", null).get("person"));

        // permissions: the lock gets its acl at once, whatever changed it
        var granted = http("POST", "/api/permissions", "{\"card\": \"C0FFEE\", \"lock\": \"" + lock.uid().toUpperCase()
                + "\", \"states\": [\"red\", 4, \"green\"]}");
        assertEquals(201, granted.statusCode(), granted.body());
        long permission = id(json(granted.body()));
        assertEquals(Map.of("id", (int) permission, "card", "C0FFEE", "person", "Vera", "lock", lock.uid(),
                "states", List.of("green", "red"), "state_ids", List.of(4, 6)), json(granted.body()));
        acl(lock, Map.of("C0FFEE", List.of(4, 6)));
        assertError(http("POST", "/api/permissions", "{\"card\": \"C0FFEE\", \"lock\": \"" + lock.uid()
                + "\", \"states\": []}"), 409, "code C0FFEE already has a permission for lock " + lock.uid());
        assertError(http("POST", "/api/permissions", "{\"card\": \"NOPE01\", \"lock\": \"" + lock.uid()
                + "\", \"states\": []}"), 404, "code NOPE01 does not exist");
        assertEquals("[" + granted.body() + "]",
                http("GET", "/api/permissions?lock=" + lock.uid() + "&card=C0FFEE", null).body());
        assertEquals("[]", http("GET", "/api/permissions?lock=" + lock.uid() + "&card=NOPE01", null).body());
        assertEquals(List.of("yellow"), ok("PUT", "/api/permissions/" + permission, "{\"states\": [\"yellow\"]}").get("states"));
        acl(lock, Map.of("C0FFEE", List.of(5)));
        assertEquals(List.of(5), ok("GET", "/api/permissions/" + permission, null).get("state_ids"));
        long before = version.current();
        assertEquals(Map.of("deleted", (int) permission), ok("DELETE", "/api/permissions/" + permission, null));
        acl(lock, Map.of());
        assertTrue(version.current() > before, "a permission deleted moves the game version on");
        assertError(http("GET", "/api/permissions/" + permission, null), 404, "permission " + permission + " does not exist");

        // a card deleted takes its permissions along, and their locks get their new acl
        long again = id(ok("POST", "/api/permissions", "{\"card\": \"C0FFEE\", \"lock\": \"" + lock.uid()
                + "\", \"states\": [\"white\"]}"));
        acl(lock, Map.of("C0FFEE", List.of(1)));
        assertError(http("DELETE", "/api/persons/" + person, null), 409, "person 'Vera' still owns codes");
        assertEquals(Map.of("deleted", "C0FFEE", "locks", List.of(lock.uid())), ok("DELETE", "/api/cards/C0FFEE", null));
        acl(lock, Map.of());
        assertEquals(Map.of("deleted", (int) person), ok("DELETE", "/api/persons/" + person, null));
        assertError(http("GET", "/api/persons/" + person, null), 404, "person " + person + " does not exist");

        String uid = lock.uid();
        assertEquals(List.of(
                List.of("person", "", "person " + person + " Vera (player) created"),
                List.of("person", "", "person " + person + " is now Vera (master)"),
                List.of("card", "", "card C0FFEE given to Vera"),
                List.of("card", "", "code C0FFEE now belongs to Vera"),
                List.of("card", "", "code C0FFEE now belongs to unknown"),
                List.of("card", "", "code C0FFEE now belongs to Vera"),
                List.of("permission", uid, "permission " + permission + " granted: C0FFEE opens " + uid + " in [green, red]"),
                List.of("permission", uid, "permission " + permission + " changed: C0FFEE opens " + uid + " in [yellow]"),
                List.of("permission", uid, "permission " + permission + " of C0FFEE deleted"),
                List.of("permission", uid, "permission " + again + " granted: C0FFEE opens " + uid + " in [white]"),
                List.of("card", "", "code C0FFEE deleted, with its permissions for [" + uid + "]"),
                List.of("person", "", "person " + person + " Vera deleted")),
                db().queryForList("SELECT kind, source, COALESCE(device_type, '') AS t, COALESCE(uid, '') AS u, detail "
                        + "FROM event WHERE id > ? AND kind IN ('person', 'card', 'permission') ORDER BY id", mark).stream()
                        .peek(row -> assertEquals("operator", row.get("source"), row.toString()))
                        .peek(row -> assertEquals(row.get("u").equals("") ? "" : "lock", row.get("t"), row.toString()))
                        .map(row -> List.of(row.get("kind"), row.get("u"), row.get("detail"))).toList());
        assertTrue(cupsJournaledSince(mark, uid).stream().filter(d -> d.contains("permissions changed by operator")).count() >= 4,
                cupsJournaledSince(mark, uid).toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void simpleConfigsAreListedReadAndDeletedEachChangeJournaled() throws Exception {
        ok("PUT", "/api/types/haze", "{\"smart\": false}");
        ok("PUT", "/api/simple-configs/haze/blue", "{\"HAZE\": \"THIN\"}");
        ok("PUT", "/api/simple-configs/haze/red", "{\"HAZE\": \"THICK\"}");
        ok("PUT", "/api/simple-configs/haze/red", "{\"HAZE\": \"DENSE\"}");
        List<Map<String, Object>> all = Json.MAPPER.readValue(http("GET", "/api/simple-configs", null).body(), List.class);
        assertEquals(List.of(Map.of("type", "haze", "state", "blue", "config", Map.of("HAZE", "THIN")),
                Map.of("type", "haze", "state", "red", "config", Map.of("HAZE", "DENSE"))),
                all.stream().filter(c -> "haze".equals(c.get("type"))).toList(), "by type, then by the states' order");
        assertEquals(Map.of("type", "haze", "state", "red", "config", Map.of("HAZE", "DENSE")),
                json(http("GET", "/api/simple-configs/haze/red", null).body()));

        assertEquals(Map.of("deleted", "haze/blue"), ok("DELETE", "/api/simple-configs/haze/blue", null));
        assertError(http("GET", "/api/simple-configs/haze/blue", null), 404, "no config for haze in blue");
        assertError(http("DELETE", "/api/simple-configs/haze/blue", null), 404, "no config for haze in blue");
        assertError(http("PUT", "/api/simple-configs/lock/red", "{}"), 400, "lock is a smart type");
        assertError(http("PUT", "/api/simple-configs/haze/purple", "{}"), 404, "alert state 'purple' does not exist");
        assertError(http("PUT", "/api/simple-configs/toaster/red", "{}"), 404, "device type toaster does not exist");
        assertEquals(List.of("config for blue deleted", "config for red: {\"HAZE\":\"DENSE\"}",
                "config for red: {\"HAZE\":\"THICK\"}", "config for blue: {\"HAZE\":\"THIN\"}"),
                db().queryForList("SELECT detail FROM event WHERE kind = 'simple-config' AND device_type = 'haze' "
                        + "AND source = 'operator' ORDER BY id DESC", String.class));
    }

}
