package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /metrics: what devices did shows in the Prometheus text, by command, refusal category and device type,
 * never by device. Values are compared with a scrape taken before, so the test methods may run in any order.
 */
class MetricsTest extends SkabenAppTestSupport {

    private HttpResponse<String> get() throws Exception {
        // no token: Prometheus scrapes like a health probe
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String scrape() {
        try {
            HttpResponse<String> response = get();
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of one series (name and labels as Prometheus writes them), 0 when it is not there yet. */
    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    @Test
    void devicePacketsShowByCommandRefusalCategoryAndType() throws Exception {
        String before = scrape();
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        Map<String, Object> config = lock.await("cup").datahold();
        long now = now();
        lock.send("pong", "{\"timestamp\": " + (now - 5) + ", \"hash\": \"" + config.get("hash") + "\"}");
        lock.send("info", "{\"timestamp\": " + now + ", \"datahold\": {\"type\": \"console\", \"content\": \"hi\"}}");
        lock.send("info", "{\"timestamp\": \"soon\"}");
        lock.send("dance", "{\"timestamp\": " + now + "}");
        lock.send("sup", "{\"timestamp\": " + now + ", \"datahold\": {\"acl\": {}}}");
        lock.send("ack", "{\"timestamp\": " + now + ", \"hash\": \"" + config.get("hash") + "\", \"task_id\": \""
                + config.get("task_id") + "\"}");
        // the ACK is the last packet: once its round trip is recorded, every packet before it was handled
        String after = eventually(() -> {
            String s = scrape();
            return delta(before, s, "skaben_cup_round_trip_seconds_count") >= 1 ? s : null;
        });

        HttpResponse<String> response = get();
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertFalse(response.body().contains(lock.uid()), "no device is a label");

        assertEquals(1, delta(before, after, "skaben_packets_in_total{command=\"cup\"}"));
        assertEquals(1, delta(before, after, "skaben_packets_in_total{command=\"pong\"}"));
        assertEquals(2, delta(before, after, "skaben_packets_in_total{command=\"info\"}"), "the bad INFO counts too");
        assertEquals(1, delta(before, after, "skaben_packets_in_total{command=\"sup\"}"));
        assertEquals(1, delta(before, after, "skaben_packets_in_total{command=\"ack\"}"));
        assertEquals(1, delta(before, after, "skaben_packets_in_total{command=\"other\"}"), "dance: no route takes it");
        assertEquals(0, delta(before, after, "skaben_packets_in_total{command=\"invalid\"}"));
        assertFalse(after.contains("command=\"dance\""), "an unknown command is no label of its own");
        // the CUP it asked for and the one its refused SUP brought back
        assertTrue(delta(before, after, "skaben_packets_out_total{command=\"cup\"}") >= 2, after);

        assertEquals(1, delta(before, after, "skaben_refusals_total{reason=\"timestamp\"}"));
        assertEquals(1, delta(before, after, "skaben_refusals_total{reason=\"topic\"}"));
        assertEquals(1, delta(before, after, "skaben_refusals_total{reason=\"sup-field\"}"));
        assertEquals(0, delta(before, after, "skaben_refusals_total{reason=\"other\"}"));

        assertEquals(1, delta(before, after, "skaben_devices_online{type=\"lock\"}"));
        assertEquals(1, delta(before, after, "skaben_pong_lag_seconds_count"));
        assertTrue(delta(before, after, "skaben_pong_lag_seconds_sum") >= 5, "the PONG's timestamp was 5 s old");
        assertEquals(1, delta(before, after, "skaben_cup_round_trip_seconds_count"));
    }

    @Test
    void pingsAreCountedOut() throws Exception {
        String before = scrape();
        // PINGs go out every second in the tests
        eventually(() -> delta(before, scrape(), "skaben_packets_out_total{command=\"ping\"}") >= 1);
    }

    @Test
    void aDeadLetterIsCounted() throws Exception {
        String before = scrape();
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        lock.await("cup");
        // the database loses the device behind the server's back: saving its SUP fails, and it is dead-lettered
        db().update("DELETE FROM device WHERE uid = ?", lock.uid());
        lock.send("sup", "{\"timestamp\": 1, \"datahold\": {\"closed\": false}}");
        eventually(() -> delta(before, scrape(), "skaben_dead_letters_total{camelContext=\"skaben\"}") == 1);
    }
}
