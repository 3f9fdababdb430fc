package org.skaben.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.skaben.SkabenServer;

/** What the benchmark programs share: free ports, and the server started inside the program's own JVM. */
final class BenchServer {

    /**
     * How the benchmarks' MQTT clients log in to the server's embedded broker (-Dbench.login): {@code device}, the
     * default, with the shared device user as a server started as README says wants it (the broker then caches
     * what that user may do); {@code anonymous}, as the benchmarks did before the sixth session (no user: the
     * broker asks BrokerSecurity again for every message).
     */
    static final String LOGIN = System.getProperty("bench.login", "device");
    static final String DEVICE_USER = "skaben-device";
    static final String DEVICE_PASSWORD = "bench-device-password";

    private BenchServer() {
    }

    /** Whether the clients log in as the shared device user (else anonymously). */
    static boolean deviceLogin() {
        if (!LOGIN.equals("device") && !LOGIN.equals("anonymous")) {
            throw new IllegalArgumentException("-Dbench.login: device or anonymous, not " + LOGIN);
        }
        return LOGIN.equals("device");
    }

    /** The server's settings for the benchmarks' logins (ACL off either way: the benchmark measures speed). */
    static Map<String, String> loginSettings() {
        return deviceLogin()
                ? Map.of("skaben.mqtt.anonymous", "false", "skaben.mqtt.device-username", DEVICE_USER,
                        "skaben.mqtt.device-password", DEVICE_PASSWORD)
                : Map.of("skaben.mqtt.anonymous", "true");
    }

    /**
     * The server with its embedded broker on {@code mqttPort} and the REST API on a free port, both on
     * 127.0.0.1, an HSQLDB file database in a new temporary folder, routes not reloaded; {@code overrides} last.
     */
    static Main startInProcess(String name, int mqttPort, Map<String, String> overrides) throws Exception {
        Path data = Files.createTempDirectory("skaben-" + name);
        Main main = new Main(SkabenServer.class);
        main.setPropertyPlaceholderLocations("classpath:application.properties");
        main.addOverrideProperty("skaben.mqtt.host", "127.0.0.1");
        main.addOverrideProperty("skaben.mqtt.port", String.valueOf(mqttPort));
        main.addOverrideProperty("skaben.data-dir", data.toString());
        main.addOverrideProperty("skaben.mqtt.data-dir", data.resolve("broker").toString());
        main.addOverrideProperty("skaben.db.url", hsqldbUrl(data));
        main.addOverrideProperty("skaben.http.host", "127.0.0.1");
        main.addOverrideProperty("skaben.http.port", String.valueOf(freePort()));
        main.addOverrideProperty("skaben.http.token", name);
        main.addOverrideProperty("camel.main.routes-reload-enabled", "false");
        overrides.forEach(main::addOverrideProperty);
        main.start();
        return main;
    }

    /** The server's default database, an HSQLDB file, in a benchmark's folder {@code data}. */
    static String hsqldbUrl(Path data) {
        return "jdbc:hsqldb:file:" + data.resolve("db/skaben") + ";shutdown=true;hsqldb.tx=mvcc;hsqldb.default_table_type=cached";
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
