package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;
import org.skaben.journal.JournalFeed;

/**
 * GET /api/events/stream: the journal live as Server-Sent Events, the event id the journal row id; a reconnect
 * with Last-Event-ID gets exactly what it missed; a browser that stops reading is dropped and never holds the
 * journal back. A client may fall 20 entries behind here.
 */
class EventStreamTest extends SkabenAppTestSupport {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.http.stream-queue", "20");
    }

    /** One event of the stream: its id and its data. */
    record Event(long id, Map<String, Object> data) {
    }

    /** An open stream, read on a thread of its own as an EventSource would. */
    final class Stream implements AutoCloseable {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final HttpResponse<InputStream> response;

        Stream(String query, String... headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/api/events/stream" + query));
            if (headers.length > 0) {
                request.headers(headers);
            }
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String data = null;
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    } else if (line.isEmpty() && data != null) {
                        events.add(new Event(Long.parseLong(id), Json.readObject(data)));
                        id = null;
                        data = null;
                    }
                }
            } catch (IOException closed) {
                // the test closed it
            }
        }

        Event next(Duration within) throws InterruptedException {
            Event event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(event, "no event within " + within);
            return event;
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

    private String cookie() throws Exception {
        HttpResponse<String> signedIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + TOKEN + "\", \"operator\": \"Streamer\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private TestDevice startedLock() throws Exception {
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        lock.await("cup");
        return lock;
    }

    private List<Long> rowIds(String uid, String kind, long after) {
        return db().queryForList("SELECT id FROM event WHERE uid = ? AND kind = ? AND id > ? ORDER BY id", Long.class,
                uid, kind, after);
    }

    private JournalFeed feed() {
        return context.getRegistry().lookupByNameAndType("journalFeed", JournalFeed.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSupIsAnEventWithinTwoSecondsAndItsIdIsItsRowId() throws Exception {
        TestDevice lock = startedLock();
        try (Stream stream = new Stream("?device=" + lock.uid(), "Cookie", cookie())) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            eventually(() -> feed().listeners() > 0);
            long sent = System.nanoTime();
            lock.send("sup", "{\"timestamp\": 1, \"datahold\": {\"closed\": false}}");
            Event event = stream.next(Duration.ofSeconds(2));
            assertTrue(System.nanoTime() - sent < Duration.ofSeconds(2).toNanos());
            assertEquals("sup", event.data().get("kind"));
            assertEquals(rowIds(lock.uid(), "sup", 0), List.of(event.id()));
            // the same row as the journal API shows it
            List<Map<String, Object>> api = Json.MAPPER.readValue(
                    http("GET", "/api/events?device=" + lock.uid() + "&kind=sup", null).body(), List.class);
            assertEquals(api.get(0), event.data());
            assertEquals(event.id(), ((Number) event.data().get("id")).longValue());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReconnectWithLastEventIdGetsExactlyTheRowsItMissedThenGoesOnLive() throws Exception {
        TestDevice lock = startedLock();
        String cookie = cookie();
        long seen;
        try (Stream stream = new Stream("?device=" + lock.uid() + "&kind=info", "Cookie", cookie)) {
            eventually(() -> feed().listeners() > 0);
            lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"n\": 1}}");
            seen = stream.next(Duration.ofSeconds(5)).id();
        }
        for (int n = 2; n <= 6; n++) {
            lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"n\": " + n + "}}");
        }
        List<Long> missed = eventually(() -> {
            List<Long> ids = rowIds(lock.uid(), "info", seen);
            return ids.size() == 5 ? ids : null;
        });
        try (Stream again = new Stream("?device=" + lock.uid() + "&kind=info", "Cookie", cookie,
                "Last-Event-ID", String.valueOf(seen))) {
            List<Long> replayed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Event event = again.next(Duration.ofSeconds(5));
                replayed.add(event.id());
                assertEquals("{\"n\":" + (i + 2) + "}", event.data().get("detail"));
            }
            assertEquals(missed, replayed);
            lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"n\": 7}}");
            Event live = again.next(Duration.ofSeconds(5));
            assertEquals("{\"n\":7}", live.data().get("detail"));
            assertEquals(rowIds(lock.uid(), "info", missed.get(4)), List.of(live.id()));
            assertTrue(again.events.isEmpty(), "nothing twice: " + again.events);
        }
        // the query parameter does the same (and the bearer token opens the stream too)
        try (Stream byParameter = new Stream("?device=" + lock.uid() + "&kind=info&lastEventId=" + missed.get(3),
                "Authorization", "Bearer " + TOKEN)) {
            assertEquals(missed.get(4), byParameter.next(Duration.ofSeconds(5)).id());
        }
        // a reconnect that missed nothing goes on live
        long newest = rowIds(lock.uid(), "info", 0).get(6);
        try (Stream upToDate = new Stream("?device=" + lock.uid() + "&kind=info", "Cookie", cookie,
                "Last-Event-ID", String.valueOf(newest))) {
            eventually(() -> feed().listeners() > 0);
            lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"n\": 8}}");
            Event live = upToDate.next(Duration.ofSeconds(5));
            assertEquals("{\"n\":8}", live.data().get("detail"));
        }
        // the polling fallback: the rows after an id, oldest first
        List<Map<String, Object>> polled = Json.MAPPER.readValue(http("GET", "/api/events?device=" + lock.uid()
                + "&kind=info&after=" + seen, null).body(), List.class);
        assertEquals(7, polled.size());
        assertEquals(missed, polled.subList(0, 5).stream().map(r -> ((Number) r.get("id")).longValue()).toList());
    }

    @Test
    void theStreamNeedsTheCookieOrTheToken() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> none = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/events/stream")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertEquals("missing bearer token", Json.readObject(none.body()).get("error"));
        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/events/stream"))
                .header("Cookie", "skaben_session=U3RyZWFtZXI.1.AAAA").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode());
        eventually(() -> db().queryForObject("SELECT COUNT(*) FROM event WHERE kind = 'unauthorized' AND source = ?",
                Integer.class, "GET /api/events/stream") >= 2);
        HttpResponse<String> badId = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/events/stream?lastEventId=yesterday"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badId.statusCode());
        HttpResponse<String> badKind = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/events/stream?kind=SUP!"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badKind.statusCode());
    }

    /** Sends a burst of INFOs (each with a few kilobytes of detail) and returns how long until all are journaled. */
    private long burst(TestDevice lock, int count) throws Exception {
        long mark = journalMark();
        String pad = "x".repeat(3000);
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            lock.send("info", "{\"timestamp\": 1, \"datahold\": {\"n\": " + n + ", \"pad\": \"" + pad + "\"}}");
        }
        eventually(() -> rowIds(lock.uid(), "info", mark).size() == count);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void aBrowserThatStopsReadingNeitherSlowsTheDevicesNorStaysConnected() throws Exception {
        TestDevice lock = startedLock();
        burst(lock, 100);
        long usual = burst(lock, 500);
        try (Socket stuck = new Socket()) {
            // a small window: the server's socket fills up soon
            stuck.setReceiveBufferSize(2048);
            stuck.connect(new java.net.InetSocketAddress("127.0.0.1", httpPort));
            OutputStream out = stuck.getOutputStream();
            out.write(("GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            eventually(() -> feed().listeners() == 1);
            long withStuckClient = burst(lock, 500);
            assertTrue(withStuckClient < 3 * usual + 3000,
                    "500 INFOs took " + withStuckClient + " ms with a stuck browser, " + usual + " ms without");
            // dropped: no longer listening, its connection closed (what it has not read, then the end)
            eventually(() -> feed().listeners() == 0);
            stuck.setSoTimeout(10_000);
            InputStream in = stuck.getInputStream();
            byte[] buffer = new byte[65536];
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int read = 0;
            while (read >= 0) {
                assertTrue(System.nanoTime() < deadline, "the stuck client's connection is still open");
                read = in.read(buffer);
            }
        }
    }
}
