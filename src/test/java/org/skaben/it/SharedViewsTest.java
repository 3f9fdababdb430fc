package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.SkabenServer;
import org.skaben.cluster.TestPostgres;
import org.skaben.device.Json;

/**
 * Two server instances in one JVM on one PostgreSQL (the class's own, {@link TestPostgres}) and one mosquitto
 * (started here), the cluster on: the class's server is A, which handles the devices' packets; B is started by hand and hears no device (its ingress filter
 * matches nothing), so what B shows it has from the shared database and A's change notices. Skipped without
 * PostgreSQL or Debian's mosquitto, or failed under -Dskaben.test.cluster=required.
 */
class SharedViewsTest extends SkabenAppTestSupport {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(SharedViewsTest.class);

    private static final String ASK_CUP = "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}";

    private Mosquitto mosquitto;
    private Main b;
    private int httpPortB;

    @Override
    protected Map<String, String> extraProperties() {
        if (!TestPostgres.available()) {
            return Map.of();
        }
        mosquitto = Mosquitto.startIfInstalled(mqttPort);
        if (mosquitto == null) {
            return Map.of();
        }
        // PostgreSQL for this class only: the other end-to-end tests keep the test database
        Map<String, String> settings = new HashMap<>(POSTGRES.serverSettings());
        settings.putAll(Map.of("skaben.cluster.enabled", "true", "skaben.instance.id", "a-" + UUID.randomUUID(),
                "skaben.mqtt.embedded", "false", "skaben.mqtt.url", brokerUrl));
        return settings;
    }

    @BeforeAll
    void startB() throws Exception {
        if (mosquitto == null) {
            return;
        }
        httpPortB = freePort();
        b = new Main(SkabenServer.class);
        b.setPropertyPlaceholderLocations("classpath:application.properties");
        serverProperties.forEach((key, value) -> b.addOverrideProperty(key.toString(), value.toString()));
        b.addOverrideProperty("skaben.instance.id", "b-" + UUID.randomUUID());
        b.addOverrideProperty("skaben.http.port", String.valueOf(httpPortB));
        b.addOverrideProperty("skaben.mqtt.client-id", serverProperties.getProperty("skaben.mqtt.client-id") + "-b");
        b.addOverrideProperty("skaben.mqtt.ingress-topic", "b-hears-no-device/#");
        b.addOverrideProperty("skaben.data-dir", serverProperties.getProperty("skaben.data-dir") + "-b");
        b.start();
    }

    @BeforeEach
    void skipOrFailWithoutPostgresOrMosquitto() {
        TestPostgres.check();
        Mosquitto.check();
    }

    @AfterAll
    void stopBAndTheBroker() throws Exception {
        if (b != null) {
            b.stop();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    private HttpResponse<String> onB(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPortB + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        request.headers(headers.length > 0 ? headers : new String[] {"Authorization", "Bearer " + TOKEN});
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks B until what it answers passes; returns how long that took from {@code since} (nanoTime). */
    private long untilB(String path, Predicate<Map<String, Object>> shown, long since) throws Exception {
        return eventually(() -> {
            try {
                HttpResponse<String> r = onB("GET", path, null);
                return r.statusCode() == 200 && shown.test(Json.readObject(r.body()))
                        ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aConfigChangeOnAIsShownByBWithinASecondAndPushedOnceByA() throws Exception {
        // locks register in white only
        setState("white");
        TestDevice lock = started("lock");
        untilB("/api/devices/" + lock.uid(), d -> true, System.nanoTime());
        long mark = journalMark();
        long changed = System.nanoTime();
        ok("PUT", "/api/devices/" + lock.uid() + "/config", "{\"timer\": 42}");
        long millis = untilB("/api/devices/" + lock.uid(),
                d -> Integer.valueOf(42).equals(((Map<?, ?>) d.get("config")).get("timer")), changed);
        System.out.println("B showed A's config change after " + millis + " ms");
        assertTrue(millis <= 1000, "B showed it after " + millis + " ms");

        // one CUP, A's: the device asks for its config, and that answer is the second CUP it gets since the change
        awaitIdle();
        lock.send("cup", ASK_CUP);
        List<String> cups = eventually(() -> {
            List<String> all = cupsJournaledSince(mark, lock.uid());
            return all.stream().anyMatch(d -> d.endsWith(": device asked")) ? all : null;
        });
        assertEquals(2, cups.size(), "CUPs journaled: " + cups);
        String asked = cups.get(1).substring("task ".length(), cups.get(1).indexOf(' ', "task ".length()));
        List<Map<String, Object>> received = lock.cupsUpTo(asked);
        assertEquals(2, received.size(), "CUPs received: " + received);
        assertEquals(42, received.get(0).get("timer"));
    }

    @Test
    void theAlertStateSetOnAIsBsWithinASecond() throws Exception {
        String next = "blue".equals(state()) ? "cyan" : "blue";
        long changed = System.nanoTime();
        setState(next);
        long millis = untilB("/api/alert/counter", c -> next.equals(c.get("state")), changed);
        System.out.println("B showed A's state change after " + millis + " ms");
        assertTrue(millis <= 1000, "B showed it after " + millis + " ms");
    }

    /** Signs in on A; returns the cookie as a browser sends it back. */
    private String signInOnA(String operator) throws Exception {
        HttpResponse<String> signedIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("token", TOKEN, "operator", operator))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @Test
    void aGameMasterSignedInOnAIsSignedInOnB() throws Exception {
        String cookie = signInOnA("Вера");
        HttpResponse<String> who = onB("GET", "/api/session", null, "Cookie", cookie);
        assertEquals(200, who.statusCode(), who.body());
        assertEquals("Вера", Json.readObject(who.body()).get("operator"));
    }

    @Test
    void theLiveJournalOfBShowsWhatAJournals() throws Exception {
        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPortB + "/api/events/stream"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        data.add(line.substring("data: ".length()));
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "sse-reader-b");
        reader.setDaemon(true);
        reader.start();
        // a sign-in is journaled with the operator's name (and changes nothing in the game)
        String reason = "Journal " + UUID.randomUUID().toString().substring(0, 8);
        long sent = System.nanoTime();
        signInOnA(reason);
        long millis = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (millis < 0 && System.nanoTime() < deadline) {
            String event = data.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.contains(reason)) {
                millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            }
        }
        stream.body().close();
        System.out.println("B's live journal showed A's entry after " + millis + " ms");
        assertTrue(millis >= 0, "B's live journal did not show A's entry within 10 s");
    }
}
