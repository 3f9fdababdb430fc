package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.it.TestDevice;

/**
 * The cluster tests' harness on its own, with one server and the cluster off: the tests' PostgreSQL and a
 * private mosquitto run, the packaged server starts on them and gets ready, serves a device through the broker into
 * the database, comes back after a broker restart, and dies at SIGKILL. When this passes and a cluster test
 * fails, the fault is in the server, not in the harness.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarnessClusterIT {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(HarnessClusterIT.class);

    private final Path dir = Path.of("target", "cluster-it", "harness");
    private PrivateMosquitto mosquitto;

    @BeforeAll
    void startPostgresAndMosquitto() throws Exception {
        if (!ClusterPrerequisites.met()) {
            return;
        }
        mosquitto = PrivateMosquitto.start(dir.resolve("mosquitto"));
    }

    @BeforeEach
    void skipOrFailWithoutPrerequisites() {
        ClusterPrerequisites.check();
    }

    @AfterAll
    void stopThem() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void oneServerRunsOnThePrivateBrokerAndDatabaseAndDiesAtSigkill() throws Exception {
        Map<String, String> settings = new HashMap<>(POSTGRES.serverSettings());
        settings.putAll(Map.of(
                "skaben.mqtt.embedded", "false",
                "skaben.mqtt.url", mosquitto.url(),
                "skaben.mqtt.client-id", "skaben-harness",
                "skaben.ping.interval-seconds", "2"));
        try (ServerProcess server = ServerProcess.start("solo", dir, settings);
             TestDevice lock = new TestDevice(mosquitto.url(), "lock", "0a0b0c0d0e01")) {
            server.awaitReady(Duration.ofSeconds(90));
            lock.sendAcknowledged("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
            assertEquals(true, lock.await("cup").datahold().get("closed"));
            assertTrue(journaled("0a0b0c0d0e01", "cup") > 0, "the CUP is journaled in the tests' PostgreSQL");
            assertTrue(server.packetsIn("cup") >= 1, "GET /metrics counts the packet");

            mosquitto.stop();
            mosquitto.startAgain();
            // the server reconnects and resubscribes: a device heard after the restart gets its answer
            try (TestDevice back = new TestDevice(mosquitto.url(), "lock", "0a0b0c0d0e02")) {
                Waits.until("an answer through the restarted broker", Duration.ofSeconds(30), () -> {
                    back.sendAcknowledged("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
                    return back.takeAll().stream().anyMatch(r -> r.topic().endsWith("/cup"));
                });
            }
            long pid = server.pid();
            server.kill();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "killed");
        }
    }

    private int journaled(String uid, String kind) throws Exception {
        try (Connection c = POSTGRES.connect("skaben-test-harness");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM event WHERE uid = ? AND kind = ?")) {
            s.setString(1, uid);
            s.setString(2, kind);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
