package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.access.AccessBook;
import org.skaben.device.Json;

/**
 * Issue 12.4: persons and cards as name;description;code lines (GET and POST /api/cards.csv), and the cards
 * registered in white listed apart (GET /api/cards?owner=unknown) to be given to their owners.
 */
class CardsCsvImportTest extends SkabenAppTestSupport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private HttpResponse<String> upload(String query, byte[] csv) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/cards.csv" + query))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] withBom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private int count(String sql, Object... args) {
        return db().queryForObject(sql, Integer.class, args);
    }

    private List<Map<String, Object>> list(String path) throws Exception {
        HttpResponse<String> response = http("GET", path, null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readValue(response.body(),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Map.class));
    }

    @Test
    void aCsvWithBomAndCyrillicIsPreviewedThenImportedAndItsCardOpensALock() throws Exception {
        TestDevice lock = started("lock");
        ok("POST", "/api/persons", "{\"name\": \"Борис\", \"description\": \"механик\"}");
        ok("POST", "/api/cards", "{\"code\": \"400002\", \"person\": \"unknown\"}");
        String csv = "name;description;code\r\n"
                + "Алиса Петрова;инженер реактора;400001\r\n"
                + "\r\n"
                + "Борис;;400002\r\n"
                + "Алиса Петрова;;400003\r\n"
                + "Вера;\"врач; смена Б\";\r\n";

        long mark = journalMark();
        HttpResponse<String> preview = upload("?preview=true", withBom(csv));
        assertEquals(200, preview.statusCode(), preview.body());
        Map<String, Object> plan = Json.readObject(preview.body());
        assertEquals(false, plan.get("imported"));
        assertEquals(List.of("Алиса Петрова", "Вера"), plan.get("persons_created"));
        assertEquals(List.of(), plan.get("persons_updated"));
        assertEquals(List.of(Map.of("code", "400001", "person", "Алиса Петрова"),
                Map.of("code", "400003", "person", "Алиса Петрова")), plan.get("cards_created"));
        assertEquals(List.of(Map.of("code", "400002", "person", "Борис", "previous", "unknown")), plan.get("cards_moved"));
        assertEquals(0, plan.get("cards_unchanged"));
        assertEquals(0, count("SELECT COUNT(*) FROM person WHERE name IN ('Алиса Петрова', 'Вера')"), "a preview changes nothing");
        assertEquals(0, count("SELECT COUNT(*) FROM event WHERE id > ? AND kind NOT IN ('online', 'offline')", mark));

        HttpResponse<String> imported = upload("", withBom(csv));
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(true, Json.readObject(imported.body()).get("imported"));
        assertEquals("инженер реактора", db().queryForObject(
                "SELECT description FROM person WHERE name = 'Алиса Петрова'", String.class));
        assertEquals("врач; смена Б", db().queryForObject("SELECT description FROM person WHERE name = 'Вера'", String.class));
        assertEquals("механик", db().queryForObject("SELECT description FROM person WHERE name = 'Борис'", String.class),
                "an empty description keeps the person's");
        assertEquals("Борис", ok("GET", "/api/cards/400002", null).get("person"));
        assertEquals("Алиса Петрова", ok("GET", "/api/cards/400001", null).get("person"));
        Map<String, Object> row = eventually(() -> db().queryForList(
                "SELECT source, detail FROM event WHERE kind = 'cards-imported'")).get(0);
        assertEquals("operator", row.get("source"));
        assertTrue(String.valueOf(row.get("detail")).contains("400002 (unknown -> Борис)"), String.valueOf(row.get("detail")));

        // the same file again changes nothing
        Map<String, Object> again = Json.readObject(upload("?preview=false", csv.getBytes(StandardCharsets.UTF_8)).body());
        assertEquals(List.of(), again.get("persons_created"));
        assertEquals(List.of(), again.get("cards_created"));
        assertEquals(List.of(), again.get("cards_moved"));
        assertEquals(3, again.get("cards_unchanged"));

        // an imported card opens a lock: its permission is in the acl of the lock's CUP, its owner in the journal
        ok("POST", "/api/permissions", "{\"card\": \"400001\", \"lock\": \"" + lock.uid() + "\", \"states\": [\"white\"]}");
        Map<String, Object> cup = lock.awaitCup(c -> c instanceof Map<?, ?> m && m.get("acl") instanceof Map<?, ?> acl
                && acl.containsKey("400001"), "acl with 400001").datahold();
        assertEquals(Map.of("400001", List.of(1)), cup.get("acl"));
        lock.send("info", "{\"timestamp\": " + now() + ", \"datahold\": {\"type\": \"access\", \"content\": \"400001\", "
                + "\"success\": true}}");
        assertEquals("access granted for 400001 (Алиса Петрова) at " + lock.uid(),
                eventually(() -> journal(lock.uid(), "access-granted")).get(0).get("detail"));
        assertEquals(Map.of("400001", List.of(1)),
                context.getRegistry().lookupByNameAndType("accessBook", AccessBook.class).acl(lock.uid()));
    }

    @Test
    void aBadLineRefusesTheWholeFileNamingTheLine() throws Exception {
        String csv = "Дмитрий;;410001\n"
                + "Елена;;410002\n"
                + "Жанна;;41 0003\n"
                + "Зоя;;410004\n";
        int persons = count("SELECT COUNT(*) FROM person");
        int codes = count("SELECT COUNT(*) FROM access_code");
        long mark = journalMark();
        for (String preview : List.of("?preview=true", "")) {
            assertError(upload(preview, withBom(csv)), 400,
                    "line 3: code must be 1-32 letters or digits (or empty for a person without a card), not '41 0003'");
        }
        assertEquals(persons, count("SELECT COUNT(*) FROM person"), "nothing imported");
        assertEquals(codes, count("SELECT COUNT(*) FROM access_code"), "nothing imported");
        assertEquals(0, count("SELECT COUNT(*) FROM event WHERE id > ? AND kind NOT IN ('online', 'offline')", mark));

        // every bad line is named
        assertError(upload("", ("name;description;code\nЮрий;;420001\n;;420002\nЯков;420003\nЮрий;;420001\n")
                .getBytes(StandardCharsets.UTF_8)), 400, "line 3: name must be 1-100 characters; line 4: expected 3 "
                + "fields name;description;code, found 2; line 5: code 420001 is on line 2 too");
        assertError(upload("", new byte[] {'A', ';', ';', '1', '\n', 'B', (byte) 0xC3, ';', ';', '2'}), 400,
                "line 2: not UTF-8 text");
        assertError(upload("", "name;description;code\n\n".getBytes(StandardCharsets.UTF_8)), 400,
                "the CSV has no lines to import");
        assertError(upload("", new byte[0]), 400, "the body must be CSV lines name;description;code");
        assertError(upload("?preview=maybe", "A;;1\n".getBytes(StandardCharsets.UTF_8)), 400,
                "preview must be true or false");
        assertError(upload("", "Ева;\"не закрыто;420009\n".getBytes(StandardCharsets.UTF_8)), 400,
                "line 1: a quoted field is not closed");
        assertEquals(0, count("SELECT COUNT(*) FROM access_code WHERE code LIKE '42%'"));

        // no token: 401 before the body is looked at
        HttpResponse<String> none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/cards.csv")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("X;;430001\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(none, 401, "missing bearer token");
        assertEquals(0, count("SELECT COUNT(*) FROM access_code WHERE code = '430001'"));
    }

    @Test
    void theExportIsTheImportsFormatAndReadsBackUnchanged() throws Exception {
        ok("POST", "/api/persons", "{\"name\": \"Игорь\", \"description\": \"пилот; второй\"}");
        ok("POST", "/api/cards", "{\"code\": \"440001\", \"person\": \"Игорь\"}");
        ok("POST", "/api/persons", "{\"name\": \"Кира\"}");
        HttpResponse<String> export = http("GET", "/api/cards.csv", null);
        assertEquals(200, export.statusCode(), export.body());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"),
                export.headers().toString());
        List<String> lines = List.of(export.body().split("\r\n"));
        assertEquals("name;description;code", lines.get(0));
        assertTrue(lines.contains("Игорь;\"пилот; второй\";440001"), lines.toString());
        assertTrue(lines.contains("Кира;;"), "a person without a card: " + lines);
        Map<String, Object> back = Json.readObject(upload("?preview=true",
                export.body().getBytes(StandardCharsets.UTF_8)).body());
        assertEquals(List.of(), back.get("persons_created"));
        assertEquals(List.of(), back.get("persons_updated"));
        assertEquals(List.of(), back.get("cards_created"));
        assertEquals(List.of(), back.get("cards_moved"));
        assertError(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/cards.csv")).build(),
                HttpResponse.BodyHandlers.ofString()), 401, "missing bearer token");
    }

    @Test
    void cardsRegisteredInWhiteAreListedApartAndGivenToTheirOwners() throws Exception {
        TestDevice lock = started("lock");
        ok("POST", "/api/persons", "{\"name\": \"Лев\"}");
        ok("POST", "/api/cards", "{\"code\": \"450001\", \"person\": \"Лев\"}");
        // presented in white, an unknown card is registered, owned by "unknown"
        lock.send("info", "{\"timestamp\": " + now() + ", \"datahold\": {\"type\": \"access\", \"content\": \"450002\", "
                + "\"success\": false}}");
        eventually(() -> journal(lock.uid(), "card-registered"));
        List<Map<String, Object>> unknown = list("/api/cards?owner=unknown");
        assertTrue(unknown.stream().anyMatch(c -> "450002".equals(c.get("code"))), unknown.toString());
        assertTrue(unknown.stream().allMatch(c -> "unknown".equals(c.get("person"))), unknown.toString());
        assertEquals(List.of("450001"), list("/api/cards?owner=%D0%9B%D0%B5%D0%B2").stream().map(c -> c.get("code")).toList());
        assertTrue(list("/api/cards").size() >= 2);

        ok("PUT", "/api/cards/450002", "{\"person\": \"Лев\"}");
        assertTrue(list("/api/cards?owner=unknown").stream().noneMatch(c -> "450002".equals(c.get("code"))));
        assertEquals(List.of("450001", "450002"),
                list("/api/cards?owner=%D0%9B%D0%B5%D0%B2").stream().map(c -> c.get("code")).toList());
        assertEquals(List.of(), list("/api/cards?owner=Nobody"));
    }

    @Test
    void aPersonHasADescription() throws Exception {
        Map<String, Object> created = ok("POST", "/api/persons", "{\"name\": \"Мария\", \"description\": \"связистка\"}");
        assertEquals("связистка", created.get("description"));
        Map<String, Object> renamed = ok("PUT", "/api/persons/" + created.get("id"), "{\"name\": \"Мария К.\"}");
        assertEquals("связистка", renamed.get("description"), "an absent description keeps its value");
        assertError(http("POST", "/api/persons", "{\"name\": \"Нина\", \"description\": \"a\\nb\"}"), 400,
                "\"description\" must be at most 400 characters on one line");
        assertEquals("", ok("POST", "/api/persons", "{\"name\": \"Олег\"}").get("description"));
    }
}
