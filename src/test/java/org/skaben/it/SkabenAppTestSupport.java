package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.Route;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.skaben.SkabenServer;
import org.skaben.device.Json;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Boots the real application once per test class: embedded broker on a free port, an in-memory database,
 * the YAML routes from routes/, the REST API on a free port. Tests play devices with real MQTT clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SkabenAppTestSupport extends CamelMainTestSupport {

    // set in configureContext, which CamelTestSupport calls from its constructor: no field initialisers here
    protected int mqttPort;
    protected int httpPort;
    protected String brokerUrl;
    protected String dbUrl;
    /** Every setting the test server gets: for a test that starts another server on the same ports and database. */
    protected Properties serverProperties;
    private String instance;
    protected static final String TOKEN = "test-token";
    private final List<TestDevice> devices = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected Class<?> getMainClass() {
        return SkabenServer.class;
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        mqttPort = freePort();
        httpPort = freePort();
        brokerUrl = "tcp://127.0.0.1:" + mqttPort;
        instance = UUID.randomUUID().toString().substring(0, 8);
        Properties props = new Properties();
        props.put("skaben.mqtt.host", "127.0.0.1");
        props.put("skaben.mqtt.port", String.valueOf(mqttPort));
        props.put("skaben.mqtt.client-id", "skaben-test-" + instance);
        props.put("skaben.mqtt.data-dir", "target/broker-" + instance);
        // never the repository's ./data: a secret a test leaves unset is kept here
        props.put("skaben.data-dir", "target/data-" + instance);
        props.put("skaben.http.host", "127.0.0.1");
        props.put("skaben.http.port", String.valueOf(httpPort));
        dbUrl = "jdbc:hsqldb:mem:skaben-" + instance + ";hsqldb.tx=mvcc";
        props.put("skaben.db.url", dbUrl);
        // -Dskaben.test.db-url=jdbc:postgresql://... runs the same tests against another database
        String otherDb = System.getProperty("skaben.test.db-url");
        if (otherDb != null && !otherDb.isBlank()) {
            props.put("skaben.db.url", otherDb);
            props.put("skaben.db.username", System.getProperty("skaben.test.db-username", ""));
            props.put("skaben.db.password", System.getProperty("skaben.test.db-password", ""));
        }
        props.put("skaben.ping.interval-seconds", "1");
        props.put("skaben.http.token", TOKEN);
        props.put("skaben.mqtt.device-password", TestDevice.PASSWORD);
        props.put("skaben.retry.delay-millis", "10");
        props.put("camel.main.routes-reload-enabled", "false");
        props.putAll(extraProperties());
        serverProperties = props;
        configuration.withUseOverridePropertiesWithPropertiesComponent(props);
    }

    /**
     * A copy of routes/*.camel.yaml and routes/rules/*.camel.yaml in a new temporary folder, for a test that
     * edits route files while the server runs.
     */
    protected static Path copyOfRoutes() {
        try {
            Path copy = Files.createTempDirectory("skaben-routes");
            Files.createDirectory(copy.resolve("rules"));
            for (String dir : new String[] {"routes", "routes/rules"}) {
                Path target = copy.resolve(Path.of("routes").relativize(Path.of(dir)));
                try (Stream<Path> files = Files.list(Path.of(dir))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings a test class changes on top of the test defaults. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @AfterAll
    void closeDevicesAndStopTheServer() throws Exception {
        for (TestDevice d : devices) {
            d.close();
        }
        // the test support leaves a per-class context running to the end of the JVM: its timers, broker and
        // pools would keep working beside the next class's server
        if (context != null) {
            context.stop();
        }
    }

    protected TestDevice device(String type, String uid) throws Exception {
        TestDevice d = new TestDevice(brokerUrl, type, uid);
        devices.add(d);
        return d;
    }

    /** A device of a new uid that has asked for its config and received it. */
    protected TestDevice started(String type) throws Exception {
        TestDevice d = device(type, newUid());
        d.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        d.await("cup");
        return d;
    }

    protected JdbcTemplate db() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    protected long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** A fresh uid per test, so tests in one class never share a device. */
    protected static String newUid() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A virtual device as GET /api/demo/devices shows it (skaben.demo.devices). */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> virtual(String uid) throws Exception {
        List<Map<String, Object>> all = Json.MAPPER.readValue(http("GET", "/api/demo/devices", null).body(),
                Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Map.class));
        return all.stream().filter(d -> uid.equals(d.get("uid"))).findFirst().orElseThrow();
    }

    protected HttpResponse<String> http(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An operator API call that must succeed (200 or 201): its JSON object, or none when it answers no object. */
    protected Map<String, Object> ok(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http(method, path, body);
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201, method + " " + path + ": "
                + response.statusCode() + " " + response.body());
        return response.body().startsWith("{") ? Json.readObject(response.body()) : Map.of();
    }

    /** An operator API refusal: its status, and an {@code error} that starts with the reason. */
    protected static void assertError(HttpResponse<String> response, int status, String reason) {
        assertEquals(status, response.statusCode(), response.body());
        String error = String.valueOf(Json.readObject(response.body()).get("error"));
        assertTrue(error.startsWith(reason), "expected \"" + reason + "...\", got: " + error);
    }

    /** A 4xx/5xx answer to a call, with its status and the start of its error. */
    protected void refused(String method, String path, String body, int status, String reason) throws Exception {
        assertError(http(method, path, body), status, reason);
    }

    /** The game master sets the current alert state. */
    protected void setState(String state) throws Exception {
        ok("POST", "/api/alert/states/" + state + "/current", null);
    }

    /** The current alert state's name. */
    protected String state() throws Exception {
        return (String) Json.readObject(http("GET", "/api/alert/counter", null).body()).get("state");
    }

    /** Journal rows for a device and kind, newest first. */
    protected List<Map<String, Object>> journal(String uid, String kind) {
        return db().queryForList("SELECT kind, source, detail, topic FROM event WHERE uid = ? AND kind = ? "
                + "ORDER BY id DESC", uid, kind);
    }

    protected List<Map<String, Object>> journalByTopic(String topic) {
        return db().queryForList("SELECT kind, detail FROM event WHERE topic = ? ORDER BY id DESC", topic);
    }

    /**
     * Sends a packet again and again until the journal shows an entry of the given kind for the device: for
     * moments when the server may not be listening yet (resubscribing, reloading a route) and a QoS 0 packet
     * can be dropped or take the old way.
     */
    protected List<Map<String, Object>> repeatUntilJournaled(TestDevice device, String command, String json,
                                                             String kind) throws InterruptedException {
        return eventually(() -> {
            try {
                device.send(command, json);
                Thread.sleep(300);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return journal(device.uid(), kind);
        });
    }

    /** The id of the newest journal entry: entries after it are what a test step caused. */
    protected long journalMark() {
        // -1 on an empty journal: HSQLDB's first id is 0
        return db().queryForObject("SELECT COALESCE(MAX(id), -1) FROM event", Long.class);
    }

    /** The CUPs journaled for a device (or "all" of a simple type) after the mark, oldest first (their detail). */
    protected List<String> cupsJournaledSince(long mark, String uid) {
        return db().queryForList("SELECT detail FROM event WHERE kind = 'cup' AND uid = ? AND id > ? ORDER BY id",
                String.class, uid, mark);
    }

    /**
     * Waits until the server has done all it will do with what it received: no device packet in the ingress
     * route, no event queued for or running in a rule, nothing waiting to be published; twice in a row, 50 ms
     * apart (an event passes from one rule to the next in a moment in which no route holds it). A packet
     * journaled before this is called has had every effect it will have when it returns.
     *
     * <p>Why not a second event as witness for a rule: the rules of one kind of event share one queue, polled
     * by one thread per rule, and each thread takes an event through every rule; so a later event may
     * overtake an earlier one in a rule, and its effect does not prove the rule is done with the first.
     */
    protected void awaitIdle() throws InterruptedException {
        eventually(() -> {
            if (!idle()) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return idle();
        });
    }

    private boolean idle() {
        for (Route route : context.getRoutes()) {
            boolean queued = route.getEndpoint() instanceof SedaEndpoint;
            if (!queued && !route.getRouteId().equals("mqtt-ingress")) {
                continue;
            }
            if (context.getInflightRepository().size(route.getRouteId()) > 0
                    || queued && ((SedaEndpoint) route.getEndpoint()).getCurrentQueueSize() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The server sent the device no CUP since the mark, shown by a positive witness: once the server is idle
     * (everything before has had its effect), the device asks for its config. The answer must be the only CUP
     * journaled for the device since the mark, and the first CUP the device receives (the server publishes in
     * order, through one publisher). For a registered device.
     */
    protected void assertNoCupSince(long mark, TestDevice device) throws Exception {
        awaitIdle();
        device.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        List<String> cups = eventually(() -> {
            List<String> all = cupsJournaledSince(mark, device.uid());
            return all.stream().anyMatch(d -> d.endsWith(": device asked")) ? all : null;
        });
        assertEquals(1, cups.size(), "CUPs journaled for " + device.uid() + ": " + cups);
        String taskId = cups.get(0).substring("task ".length(), cups.get(0).indexOf(' ', "task ".length()));
        device.assertNoneBefore("cup", r -> r.topic().endsWith("/cup") && taskId.equals(r.datahold().get("task_id")),
                "the CUP it asked for");
    }

    /** Waits for a condition the server reaches asynchronously. */
    protected static <T> T eventually(Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            T value;
            try {
                value = probe.get();
            } catch (org.springframework.dao.DataAccessException notYet) {
                value = null;
            }
            if (value != null && !(value instanceof Boolean b && !b) && !(value instanceof List<?> l && l.isEmpty())) {
                return value;
            }
            Thread.sleep(50);
        }
        return fail("condition not reached within 20 s");
    }

    /**
     * A port for a listener of the server under test. Never one handed out before in this JVM, and never from
     * the kernel's ephemeral range: ServerSocket(0) may return the port it returned a moment ago (about once
     * in 4,000 pairs here), and an outgoing connection may take an ephemeral port between this choice and the
     * server's bind. Two listeners on one port do not fail the start: Camel's Vert.x HTTP server only logs a
     * failed bind, and the REST calls then reach the MQTT broker's listener, which closes them unanswered
     * (HttpClient: "header parser received no bytes").
     */
    protected static int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException inUse) {
                // taken by something else on this machine: try another
            }
        }
        throw new IllegalStateException("no free port between " + FIRST_PORT + " and " + LAST_PORT);
    }

    /** Below Linux's default ephemeral range (32768-60999), above the ports services usually take. */
    private static final int FIRST_PORT = 20000;
    private static final int LAST_PORT = 32000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
}
