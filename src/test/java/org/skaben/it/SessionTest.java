package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.api.BearerToken;
import org.skaben.api.SessionCookie;
import org.skaben.device.Json;

/**
 * The console's sign-in: POST /api/session gives a signed session cookie that every /api call accepts in place
 * of the bearer token, and what is done with it is journaled as operator:<name>; scripts name their operator
 * with X-Skaben-Operator. The server's data folder holds a session key as an earlier start left it.
 */
class SessionTest extends SkabenAppTestSupport {

    private static final String KEPT_KEY = "a-session-key-an-earlier-start-made";
    private Path data;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            data = Files.createTempDirectory("skaben-data");
            Files.writeString(data.resolve("session-key"), KEPT_KEY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("skaben.data-dir", data.toString());
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in and returns the cookie as a browser sends it back (name=value). */
    private String signIn(String operator) throws Exception {
        HttpResponse<String> signedIn = call("POST", "/api/session",
                Json.write(Map.of("token", TOKEN, "operator", operator)));
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals(operator, Json.readObject(signedIn.body()).get("operator"));
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private String lastSource(String kind) {
        return db().queryForObject("SELECT source FROM event WHERE kind = ? ORDER BY id DESC LIMIT 1", String.class, kind);
    }

    @Test
    void signingInSetsASignedHttpOnlyStrictCookie() throws Exception {
        HttpResponse<String> signedIn = call("POST", "/api/session",
                "{\"token\": \"" + TOKEN + "\", \"operator\": \"Анна-2\"}", "Cookie", "theme=dark");
        assertTrue(signedIn.headers().firstValue("Cookie").isEmpty(), "the credentials are not echoed");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith(SessionCookie.NAME + "="), setCookie);
        List<String> attributes = List.of(setCookie.split(";\\s*"));
        assertTrue(attributes.contains("HttpOnly"), setCookie);
        assertTrue(attributes.contains("SameSite=Strict"), setCookie);
        assertTrue(attributes.contains("Path=/"), setCookie);
        assertEquals("operator:Анна-2", lastSource("session"));
        String cookie = setCookie.split(";")[0];

        HttpResponse<String> who = call("GET", "/api/session", null, "Cookie", cookie);
        assertEquals(200, who.statusCode(), who.body());
        assertEquals("Анна-2", Json.readObject(who.body()).get("operator"));
        assertTrue(who.headers().firstValue("Cookie").isEmpty(), "the credentials are not echoed");
        assertEquals(200, call("GET", "/api/devices", null, "Cookie", cookie).statusCode());

        HttpResponse<String> out = call("DELETE", "/api/session", null, "Cookie", cookie);
        assertEquals(200, out.statusCode(), out.body());
        String cleared = out.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cleared.startsWith(SessionCookie.NAME + "=;") && cleared.contains("Max-Age=0"), cleared);
        assertEquals("signed out", db().queryForObject(
                "SELECT detail FROM event WHERE kind = 'session' ORDER BY id DESC LIMIT 1", String.class));
    }

    @Test
    void aSignInIsRefusedWithoutTheTokenOrWithABadName() throws Exception {
        assertError(call("POST", "/api/session", "{\"token\": \"guess\", \"operator\": \"Eve\"}"), 401, "wrong token");
        assertEquals("POST /api/session", lastSource("unauthorized"));
        assertError(call("POST", "/api/session", "{\"operator\": \"Eve\"}"), 401, "missing token");
        for (String bad : new String[] {"", "   ", "x".repeat(41), "Eve<script>", "a/b", "Eve;", "tab\tname"}) {
            assertError(call("POST", "/api/session", Json.write(Map.of("token", TOKEN, "operator", bad))), 400,
                    "\"operator\" must be 1-40 letters");
        }
        assertError(call("POST", "/api/session", "{\"token\": "), 400, "the request body is not valid JSON");
        assertEquals(200, call("POST", "/api/session",
                Json.write(Map.of("token", TOKEN, "operator", "x".repeat(40)))).statusCode());
    }

    @Test
    void whatIsDoneWithTheCookieIsJournaledWithTheOperatorsName() throws Exception {
        String cookie = signIn("Борис Г.");
        HttpResponse<String> moved = call("POST", "/api/alert/counter", "{\"delta\": 1, \"reason\": \"cookie\"}",
                "Cookie", cookie);
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("operator:Борис Г.", Json.readObject(moved.body()).get("source"));
        HttpResponse<String> person = call("POST", "/api/persons", "{\"name\": \"Vera\"}", "Cookie", cookie);
        assertEquals(201, person.statusCode(), person.body());
        assertEquals("operator:Борис Г.", lastSource("person"));
        // the journal's column takes the longest source there is
        String longest = signIn("Ж".repeat(40));
        assertEquals(201, call("POST", "/api/persons", "{\"name\": \"Gleb\"}", "Cookie", longest).statusCode());
        assertEquals("operator:" + "Ж".repeat(40), lastSource("person"));
    }

    @Test
    void aScriptNamesItsOperatorInAHeader() throws Exception {
        HttpResponse<String> named = call("POST", "/api/persons", "{\"name\": \"Olga\"}",
                "Authorization", "Bearer " + TOKEN, "X-Skaben-Operator", "script-7");
        assertEquals(201, named.statusCode(), named.body());
        assertEquals("operator:script-7", lastSource("person"));
        assertEquals(201, call("POST", "/api/persons", "{\"name\": \"Petr\"}",
                "Authorization", "Bearer " + TOKEN).statusCode());
        assertEquals("operator", lastSource("person"));
        assertError(call("POST", "/api/persons", "{\"name\": \"Ivan\"}", "Authorization", "Bearer " + TOKEN,
                "X-Skaben-Operator", "a/b"), 400, "X-Skaben-Operator must be 1-40 letters");
        HttpResponse<String> who = call("GET", "/api/session", null, "Authorization", "Bearer " + TOKEN,
                "X-Skaben-Operator", "script-7");
        assertEquals("script-7", Json.readObject(who.body()).get("operator"));
    }

    @Test
    void withoutTokenOrAValidCookieEveryCallIs401() throws Exception {
        assertError(call("GET", "/api/devices", null), 401, "missing bearer token");
        assertError(call("GET", "/api/session", null), 401, "missing bearer token");
        String cookie = signIn("Eve");
        String name = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf('.'));
        // the same signature on another name, a changed signature, no signature
        String otherName = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("Mallory".getBytes());
        for (String forged : new String[] {cookie.replace(name, otherName), cookie.substring(0, cookie.length() - 3) + "AAA",
                cookie.substring(0, cookie.lastIndexOf('.')), SessionCookie.NAME + "=garbage"}) {
            assertError(call("GET", "/api/devices", null, "Cookie", forged), 401,
                    "the session is not valid or has expired");
            assertError(call("POST", "/api/persons", "{\"name\": \"Mallory\"}", "Cookie", forged), 401,
                    "the session is not valid or has expired");
        }
        assertError(call("GET", "/api/devices", null, "Cookie", cookie, "Authorization", "Bearer guess"), 401,
                "wrong bearer token");
        assertEquals(0, db().queryForObject("SELECT COUNT(*) FROM person WHERE name = 'Mallory'", Integer.class));
    }

    @Test
    void aCookieSignedBeforeARestartStillSignsIn() throws Exception {
        // what the previous start signed with the key it kept in the data folder, an hour ago
        SessionCookie before = new SessionCookie(KEPT_KEY, new BearerToken(TOKEN).digest(), Duration.ofHours(168),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        String cookie = before.signIn("Дина").split(";")[0];
        HttpResponse<String> who = call("GET", "/api/session", null, "Cookie", cookie);
        assertEquals(200, who.statusCode(), who.body());
        assertEquals("Дина", Json.readObject(who.body()).get("operator"));
        assertEquals(KEPT_KEY, Files.readString(data.resolve("session-key")).trim());
        // a week and a day ago is too long ago
        SessionCookie lastWeek = new SessionCookie(KEPT_KEY, new BearerToken(TOKEN).digest(), Duration.ofHours(168),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-169)));
        assertError(call("GET", "/api/session", null, "Cookie", lastWeek.signIn("Дина").split(";")[0]), 401,
                "the session is not valid or has expired");
        // signed for another API token
        SessionCookie otherToken = new SessionCookie(KEPT_KEY, new BearerToken("old-token").digest(),
                Duration.ofHours(168), Clock.systemUTC());
        assertError(call("GET", "/api/session", null, "Cookie", otherToken.signIn("Дина").split(";")[0]), 401,
                "the session is not valid or has expired");
    }
}
