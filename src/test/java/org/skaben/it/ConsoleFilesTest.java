package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The console's files at / and the WebJars' at /webjars/, on the API's HTTP server: served as bytes with their
 * type, and nothing else of the classpath (the test classpath adds console/every-byte.png and a probe WebJar).
 */
class ConsoleFilesTest extends SkabenAppTestSupport {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The status line of a request sent byte for byte as written (no client normalises its path). */
    private String rawStatus(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            assertFalse(text.contains("skaben.http.token") || text.contains("CREATE TABLE") || text.contains("<project"),
                    path + " gave away a file: " + text);
            return text.lines().findFirst().orElse("");
        }
    }

    @Test
    void thePageIsServedAtTheRoot() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("SKABEN console"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode());
        assertEquals(200, get("/index.html").statusCode());
    }

    @Test
    void filesAreServedAsBytesWithTheirType() throws Exception {
        HttpResponse<byte[]> png = get("/every-byte.png");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(Files.readAllBytes(Path.of("src/test/resources/console/every-byte.png")), png.body());
        HttpResponse<byte[]> webjar = get("/webjars/probe/1.0/probe.js");
        assertEquals(200, webjar.statusCode());
        assertEquals("text/javascript; charset=utf-8", webjar.headers().firstValue("Content-Type").orElse(""));
        assertEquals("export const probe = \"webjar\";\n", new String(webjar.body(), StandardCharsets.UTF_8));
    }

    @Test
    void nothingButTheConsoleAndTheWebJarsIsServed() throws Exception {
        for (String path : new String[] {"/application.properties", "/db/migration/V1__devices_and_journal.sql",
                "/../pom.xml", "/../application.properties", "/console/../application.properties",
                "/console/index.html", "/%2e%2e/pom.xml", "/%2e%2e/application.properties",
                "/%2E%2E%2Fapplication.properties", "/webjars/../application.properties",
                "/webjars/%2e%2e/%2e%2e/%2e%2e/application.properties", "/META-INF/MANIFEST.MF",
                "/org/skaben/SkabenServer.class", "/simplelogger.properties", "/.hidden.js", "/webjars/",
                "/sql/dead-letter-insert.sql", "//application.properties"}) {
            assertTrue(rawStatus(path).startsWith("HTTP/1.1 404"), path + ": " + rawStatus(path));
        }
        assertTrue(rawStatus("/").startsWith("HTTP/1.1 200"), "the same client gets the page");
    }

    @Test
    void theApiIsStillTheApi() throws Exception {
        assertEquals(401, get("/api/devices").statusCode());
        assertEquals(200, http("GET", "/api/devices", null).statusCode());
        assertEquals(200, get("/health/live").statusCode());
    }
}
