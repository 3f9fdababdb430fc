package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/** GET /api/openapi.json: the API describes itself, every REST endpoint with its parameters and schemas. */
class ApiDocumentTest extends SkabenAppTestSupport {

    private Map<String, Object> document() throws Exception {
        // like /health it needs no token
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.readObject(response.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRestRouteIsListedWithItsVerb() throws Exception {
        Set<String> declared = new TreeSet<>();
        for (RestDefinition rest : ((ModelCamelContext) context).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = (rest.getPath() + (verb.getPath() == null ? "" : verb.getPath())).replaceAll("/$", "");
                declared.add(verb.asVerb().toUpperCase() + " " + path);
            }
        }
        assertTrue(declared.size() > 40, declared.toString());
        assertTrue(declared.contains("PUT /api/devices/{uid}/config"), declared.toString());
        Set<String> listed = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document().get("paths")).forEach((path, operations) ->
                operations.keySet().forEach(verb -> listed.add(verb.toUpperCase() + " " + path)));
        assertTrue(listed.containsAll(declared), "not in the document: " + difference(declared, listed));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRequestAndResponseRecordsAreSchemasWithTheirJsonNames() throws Exception {
        Map<String, Object> document = document();
        Map<String, Map<String, Object>> schemas =
                (Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("schemas");
        assertTrue(schemas.keySet().containsAll(Set.of("DeviceView", "DeviceRegistration", "AlertStateChanges",
                "CounterChange", "CounterView", "PermissionRequest", "TypeChanges")), schemas.keySet().toString());
        assertTrue(((Map<String, Object>) schemas.get("DeviceView").get("properties")).containsKey("reported_state"));
        assertTrue(((Map<String, Object>) schemas.get("AlertStateChanges").get("properties")).containsKey("in_game"));
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                document.get("paths")).get("/api/devices/{uid}/config")).get("put");
        assertTrue(String.valueOf(config.get("parameters")).contains("overwrite"), String.valueOf(config));
        assertTrue(String.valueOf(document.get("components")).contains("bearer"), "the token is a security scheme");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLiveJournalAndTheSignInAreDescribed() throws Exception {
        Map<String, Object> document = document();
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        Map<String, Object> stream = (Map<String, Object>) ((Map<String, Object>) paths.get("/api/events/stream")).get("get");
        assertTrue(String.valueOf(stream.get("responses")).contains("text/event-stream"), String.valueOf(stream));
        assertTrue(String.valueOf(stream.get("parameters")).contains("Last-Event-ID"), String.valueOf(stream));
        assertTrue(String.valueOf(stream.get("security")).contains("sessionCookie"), String.valueOf(stream));
        assertTrue(String.valueOf(document.get("components")).contains("skaben_session"), "the cookie is a scheme");
        assertTrue(((Map<String, Object>) paths.get("/api/session")).keySet().containsAll(Set.of("get", "post", "delete")));
        assertTrue(String.valueOf(((Map<String, Object>) paths.get("/api/events")).get("get")).contains("after"));
    }

    /**
     * Java's HttpClient asks for "Upgrade: h2c" on every plain-HTTP request; with it, the 64 KB that followed the 101
     * now and then broke its read of this document (Http1Vertx). The server answers HTTP/1.1 and ignores it.
     */
    @Test
    void anH2cUpgradeIsIgnoredAndTheDocumentComesAsHttp11() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", httpPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertTrue(b >= 0, "the connection closed after: " + head);
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 200"), head.toString());
        }
        HttpResponse<String> viaHttp2Client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, viaHttp2Client.version());
        assertTrue(viaHttp2Client.body().contains("\"openapi\""));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> missing = new TreeSet<>(a);
        missing.removeAll(b);
        return missing;
    }
}
