package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skaben.SkabenServer;
import org.skaben.device.Json;
import org.skaben.protocol.ServerClock;

/**
 * Server time across a restart with the wall clock an hour back (protocol.md 3: server timestamps never
 * decrease). The run before the restart is started here by hand, on the class's database, broker port and API
 * port, with the true wall clock; the class's own server is the one after the restart, its wall clock an hour
 * behind.
 */
class ServerClockRestartTest extends SkabenAppTestSupport {

    private static final String ASK_CUP = "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}";
    private final String uid = newUid();
    private final List<TestDevice.Received> beforeRestart = new ArrayList<>();

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.clock.wall-offset-seconds", "-3600");
    }

    @BeforeAll
    void theRunBeforeTheRestart() throws Exception {
        Main before = new Main(SkabenServer.class);
        before.setPropertyPlaceholderLocations("classpath:application.properties");
        serverProperties.forEach((key, value) -> before.addOverrideProperty(key.toString(), value.toString()));
        before.addOverrideProperty("skaben.clock.wall-offset-seconds", "0");
        before.start();
        try (TestDevice lock = new TestDevice(brokerUrl, "lock", uid)) {
            lock.send("cup", ASK_CUP);
            eventually(() -> {
                beforeRestart.addAll(lock.takeAll());
                return has(beforeRestart, "ping") && has(beforeRestart, "cup");
            });
            before.stop();
            // whatever was still on its way before the stop
            beforeRestart.addAll(lock.takeAll());
        }
    }

    private static boolean has(List<TestDevice.Received> packets, String command) {
        return packets.stream().anyMatch(p -> p.topic().endsWith("/" + command));
    }

    private static long first(List<TestDevice.Received> packets, String command) {
        return packets.stream().filter(p -> p.topic().endsWith("/" + command)).findFirst().map(ServerClockRestartTest::timestamp)
                .orElseThrow();
    }

    private static long timestamp(TestDevice.Received packet) {
        return ((Number) packet.json().get("timestamp")).longValue();
    }

    private String scrape() throws Exception {
        return http("GET", "/metrics", null).body();
    }

    private static double value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).findFirst()
                .orElse(0);
    }

    @Test
    void afterARestartWithTheWallClockAnHourBackTimeGoesOnFromTheLastTimestampSent() throws Exception {
        long lastBefore = beforeRestart.stream().mapToLong(ServerClockRestartTest::timestamp).max().orElseThrow();
        // (the stop and the start in between take a few seconds)
        assertTrue(lastBefore <= now() && lastBefore > now() - 60,
                "the run before the restart was on the true clock: " + lastBefore + " at " + now());

        TestDevice lock = device("lock", uid);
        lock.send("cup", ASK_CUP);
        List<TestDevice.Received> after = new ArrayList<>();
        eventually(() -> {
            after.addAll(lock.takeAll());
            return has(after, "ping") && has(after, "cup");
        });
        long firstPing = first(after, "ping");
        long firstCup = first(after, "cup");
        assertTrue(firstPing > lastBefore, "first PING " + firstPing + " after the last timestamp " + lastBefore);
        assertTrue(firstCup > lastBefore, "first CUP " + firstCup + " after the last timestamp " + lastBefore);
        // server time goes on from the mark, neither from the wall clock nor a block ahead of it
        assertTrue(firstPing <= lastBefore + 30 && firstCup <= lastBefore + 30,
                "a clean stop moves time on by its downtime only: " + (firstPing - lastBefore) + " s");

        // and it runs: a later PING carries a later time (no waiting for the wall clock to catch up an hour)
        long serverNow = timestamp(eventually(() -> {
            after.addAll(lock.takeAll());
            return after.stream().filter(p -> p.topic().endsWith("/ping") && timestamp(p) > firstPing)
                    .findFirst().orElse(null);
        }));

        // a PONG echoing the server's new time lags about nothing: no keepalive CUP, a lag of ~0 in /metrics
        String hash = String.valueOf(Json.readObject(http("GET", "/api/devices/" + uid, null).body()).get("hash"));
        String metricsBefore = scrape();
        int cupRowsBefore = journal(uid, "cup").size();
        lock.send("pong", "{\"timestamp\": " + serverNow + ", \"hash\": \"" + hash + "\"}");
        // witness: a CUP asked for after the PONG; once its journal row is there, the PONG was handled before it
        lock.send("cup", ASK_CUP);
        List<Map<String, Object>> rows = eventually(() -> {
            List<Map<String, Object>> now = journal(uid, "cup");
            return now.size() > cupRowsBefore && String.valueOf(now.get(0).get("detail")).endsWith("device asked")
                    ? now : null;
        });
        assertEquals(cupRowsBefore + 1, rows.size(), "the PONG in step got a CUP: " + rows.get(1).get("detail"));
        String metricsAfter = eventually(() -> {
            try {
                String s = scrape();
                return value(s, "skaben_pong_lag_seconds_count") > value(metricsBefore, "skaben_pong_lag_seconds_count")
                        ? s : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(1, value(metricsAfter, "skaben_pong_lag_seconds_count")
                - value(metricsBefore, "skaben_pong_lag_seconds_count"));
        double lag = value(metricsAfter, "skaben_pong_lag_seconds_sum") - value(metricsBefore, "skaben_pong_lag_seconds_sum");
        assertTrue(lag <= 5, "lag of a PONG with the server's own time: " + lag + " s");

        // a PONG two minutes behind server time lags two minutes, not two minutes less an hour
        lock.send("pong", "{\"timestamp\": " + (serverNow - 120) + ", \"hash\": \"" + hash + "\"}");
        String detail = eventually(() -> {
            String newest = String.valueOf(journal(uid, "cup").get(0).get("detail"));
            return newest.contains("keepalive lag") ? newest : null;
        });
        Matcher seconds = Pattern.compile("keepalive lag (\\d+) s").matcher(detail);
        assertTrue(seconds.find(), detail);
        long keepaliveLag = Long.parseLong(seconds.group(1));
        assertTrue(keepaliveLag >= 120 && keepaliveLag <= 130, detail);

        // the mark in the database is at or above every timestamp sent
        Long mark = db().queryForObject("SELECT high_water FROM server_clock WHERE id = 1", Long.class);
        assertNotNull(mark);
        assertTrue(mark >= serverNow && mark <= serverNow + ServerClock.RESERVE_SECONDS + 10, "mark " + mark);
    }
}
