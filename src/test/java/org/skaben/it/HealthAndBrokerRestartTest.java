package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.seda.SedaEndpoint;
import org.junit.jupiter.api.Test;
import org.skaben.broker.EmbeddedBroker;

/**
 * Readiness covers the database and the broker; the embedded broker stopped and started is survived, and what
 * the server had to publish meanwhile goes out when it is back.
 */
class HealthAndBrokerRestartTest extends SkabenAppTestSupport {

    private HttpResponse<String> health(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/health" + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int readiness() {
        try {
            return health("/ready").statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void readinessFollowsTheBrokerAndTheServerCarriesOnAfterItsRestart() throws Exception {
        eventually(() -> readiness() == 200);
        assertTrue(health("/ready").body().contains("\"status\":\"UP\""));
        eventually(() -> {
            try {
                return health("/ready").body().contains("\"game\":\"UP\"");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(200, health("/live").statusCode());

        EmbeddedBroker broker = context.getRegistry().lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);
        broker.stop();
        eventually(() -> readiness() == 503);
        assertTrue(health("/ready").body().contains("not connected to the MQTT broker"));
        assertEquals(200, health("/live").statusCode(), "the process is alive while the broker is away");

        broker.start();
        eventually(() -> readiness() == 200);
        // resubscribed: PINGs resume and a packet published now is processed
        TestDevice lock = device("lock", newUid());
        lock.await("ping", Duration.ofSeconds(10));
        // connected is not yet subscribed: a QoS 0 packet may be dropped until then, so the device repeats it
        repeatUntilJournaled(lock, "info", "{\"timestamp\": 1, \"datahold\": {\"type\": \"console\", \"content\": \"after restart\"}}", "info");
    }

    private double published(String command) {
        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        return meters.get("skaben.packets.out").tag("command", command).counter().count();
    }

    /** The queue of the one publisher (skaben.mqtt.egress-queue). */
    private SedaEndpoint egress() {
        return (SedaEndpoint) context.getRoute("mqtt-publish").getEndpoint();
    }

    private double cupsPublished() {
        return published("cup");
    }

    @Test
    void aCupQueuedWhileTheBrokerIsAwayIsPublishedWhenItIsBack() throws Exception {
        eventually(() -> readiness() == 200);
        // the CUPs the simple types get at start (the scale always has one) are out before anything is counted
        List<Map<String, Object>> atStart = eventually(() -> journal("all", "cup").stream()
                .filter(r -> String.valueOf(r.get("detail")).endsWith(": server start")).toList());
        eventually(() -> cupsPublished() >= atStart.size());
        TestDevice lock = device("lock", newUid());
        double start = cupsPublished();
        lock.send("cup", "{\"timestamp\": 0}");
        lock.await("cup");
        // counted once the broker acknowledged it, which may come after the device already has it
        eventually(() -> cupsPublished() > start);
        double before = cupsPublished();

        EmbeddedBroker broker = context.getRegistry().lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);
        broker.stop();
        try {
            queuedWhileAway(broker, lock, before);
        } finally {
            if (!broker.isRunning()) {
                broker.start();
            }
        }
    }

    private void queuedWhileAway(EmbeddedBroker broker, TestDevice lock, double before) throws Exception {
        eventually(() -> readiness() == 503);
        // the game master's sync is taken at once: the CUP is recorded and queued for the publisher
        assertEquals(200, http("POST", "/api/devices/" + lock.uid() + "/sync", "").statusCode());
        eventually(() -> journal(lock.uid(), "cup").size() == 2);
        // PINGs fall due meanwhile (every second here): the publisher's queue shows four rounds of them behind
        // the CUP, and still nothing was published
        int types = context.getRegistry().lookupByNameAndType("deviceRegistry", org.skaben.device.DeviceRegistry.class)
                .activeTypeNames().size();
        eventually(() -> egress().getCurrentQueueSize() >= 1 + 4 * types);
        assertEquals(before, cupsPublished(), "nothing can be published while the broker is away");
        double pings = published("ping");

        broker.start();
        eventually(() -> cupsPublished() == before + 1);
        assertTrue(journal(lock.uid(), "error").isEmpty(), "waiting for the broker is no error");
        // of the PINGs queued meanwhile only the one the publisher was holding and those not yet overdue went out
        eventually(() -> egress().getCurrentQueueSize() == 0 && context.getInflightRepository().size("mqtt-publish") == 0);
        double sent = published("ping") - pings;
        assertTrue(sent <= 3 * types, sent + " PINGs went out after the broker came back, " + types + " types");
    }
}
