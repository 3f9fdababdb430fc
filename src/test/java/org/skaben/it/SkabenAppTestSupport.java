package org.skaben.it;

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
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.skaben.SkabenServer;
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

    protected HttpResponse<String> http(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
