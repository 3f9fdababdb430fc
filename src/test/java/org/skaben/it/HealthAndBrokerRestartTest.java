package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.skaben.broker.EmbeddedBroker;

/** Readiness covers the database and the broker; the embedded broker stopped and started is survived. */
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
}
