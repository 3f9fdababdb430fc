package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The server on an external broker (Debian's mosquitto, started here; .ci/run installs it): the protocol works
 * through it, and when it goes away and comes back the server reconnects, resubscribes and carries on.
 */
class ExternalBrokerTest extends SkabenAppTestSupport {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private Path config;
    private Process mosquitto;

    @Override
    protected Map<String, String> extraProperties() {
        if (!Files.isExecutable(MOSQUITTO)) {
            return Map.of();
        }
        try {
            config = Files.createTempFile("mosquitto", ".conf");
            Files.writeString(config, "listener " + mqttPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "max_queued_messages 100000\n");
            startMosquitto();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("skaben.mqtt.embedded", "false", "skaben.mqtt.url", brokerUrl);
    }

    private void startMosquitto() throws IOException {
        mosquitto = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", mqttPort)) {
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("mosquitto did not start on port " + mqttPort);
    }

    @AfterAll
    void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.destroy();
        }
    }

    @Test
    void theProtocolWorksThroughMosquittoAndSurvivesItsRestart() throws Exception {
        assumeTrue(mosquitto != null, "Debian's mosquitto is not installed (apt-get install mosquitto)");
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        assertEquals(true, lock.await("cup").datahold().get("closed"));
        lock.await("ping");

        mosquitto.destroy();
        mosquitto.waitFor();
        Thread.sleep(1000);
        startMosquitto();

        // devices reconnect by themselves; so does the server, which resubscribes and pings again
        TestDevice back = device("lock", lock.uid().substring(0, 6) + "a0a0a0");
        back.await("ping", Duration.ofSeconds(20));
        // the server's subscriber reconnects on its own schedule; a QoS 0 packet sent before it has resubscribed
        // is dropped by the broker, so the device repeats it until the journal shows it
        repeatUntilJournaled(back, "info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"console\", \"content\": \"after restart\"}}", "info");
        back.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        back.await("cup");
    }
}
