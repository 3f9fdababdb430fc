package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/**
 * routes/egress.camel.yaml: a packet is written as JSON and queued; the publisher sends it with its topic,
 * several at once (the next one goes before the broker acknowledged the one before), drops a PING past its
 * deadline, counts a packet when the broker acknowledged it and journals a failure. (The publisher's own
 * waits for a broker away and its order: PublishWindowTest.)
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "egress.camel.yaml",
        mockEndpointsAndSkip = "direct:journal")
@RoutesTested({"mqtt-egress", "mqtt-publish"})
class EgressRouteTest extends RouteTestSupport {

    /** The egressPublisher: keeps each packet and acknowledges it when the test says (or at once). */
    static final class FakePublisher extends AsyncProcessorSupport {
        final List<Message> received = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<Runnable> unacknowledged = new LinkedBlockingQueue<>();
        volatile boolean ackAtOnce = true;
        volatile Consumer<Exchange> failure;

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            received.add(exchange.getMessage().copy());
            Runnable ack = () -> {
                if (failure != null) {
                    failure.accept(exchange);
                }
                callback.done(false);
            };
            if (ackAtOnce) {
                // as Paho does: on a thread of its own
                CompletableFuture.runAsync(ack);
            } else {
                unacknowledged.add(ack);
            }
            return false;
        }

        void acknowledgeOldest() throws InterruptedException {
            unacknowledged.poll(5, TimeUnit.SECONDS).run();
        }
    }

    @ReplaceInRegistry
    FakePublisher egressPublisher = new FakePublisher();

    /** Which test method's packets a wait counts (a packet of the one before may still be finishing). */
    private volatile int round;

    @BeforeEach
    void freshPublisher() {
        egressPublisher.received.clear();
        egressPublisher.unacknowledged.clear();
        egressPublisher.ackAtOnce = true;
        egressPublisher.failure = null;
    }

    /** Waits until the publisher is done with this many packets of this test method. */
    private void published(int packets, Runnable queue) {
        int mine = ++round;
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("mqtt-publish")
                .filter(e -> Integer.valueOf(mine).equals(e.getMessage().getHeader("testRound"))).whenDone(packets)
                .create();
        queue.run();
        assertTrue(done.matches(5, TimeUnit.SECONDS), "the publisher is done");
    }

    private Exchange queue(String topic, Object body, Object... more) {
        Map<String, Object> headers = headers(more);
        headers.put("CamelPahoMqtt5OverrideTopic", topic);
        headers.put("testRound", round);
        return send("direct:mqtt-egress", body, headers);
    }

    private Message onlyPublished() {
        assertEquals(1, egressPublisher.received.size(), "published once");
        return egressPublisher.received.get(0);
    }

    @Test
    void aPacketIsPublishedAsJsonToItsTopicWithoutTheInboundMqttHeadersAndCounted() {
        published(1, () -> assertHandled(queue("lock/aabbccddeeff/cup", Map.of("timestamp", 42),
                "CamelPahoMqtt5Qos", 0, Headers.TASK_ID, "t1")));
        Message published = assertHeaders(onlyPublished(), "CamelPahoMqtt5OverrideTopic", "lock/aabbccddeeff/cup",
                "CamelPahoMqtt5Qos", null, Headers.TASK_ID, "t1");
        assertEquals("{\"timestamp\":42}", new String(published.getBody(byte[].class), StandardCharsets.UTF_8));
        assertEquals(1, counted("skaben.packets.out", "command", "cup"));
    }

    @Test
    void thePublisherHasSeveralPacketsAtOnceAndEachIsCountedWhenAcknowledged() throws Exception {
        egressPublisher.ackAtOnce = false;
        published(3, () -> {
            for (int i = 1; i <= 3; i++) {
                queue("lock/aabbccddeeff/cup", Map.of("timestamp", i));
            }
            try {
                // all three handed over, in order, while none is acknowledged yet
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (egressPublisher.received.size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertEquals(List.of("{\"timestamp\":1}", "{\"timestamp\":2}", "{\"timestamp\":3}"),
                        egressPublisher.received.stream().map(m -> m.getBody(String.class)).toList());
                assertEquals(0, counted("skaben.packets.out", "command", "cup"), "none acknowledged yet");
                egressPublisher.acknowledgeOldest();
                egressPublisher.acknowledgeOldest();
                egressPublisher.acknowledgeOldest();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(3, counted("skaben.packets.out", "command", "cup"));
    }

    @Test
    void aPacketThatCannotBeWrittenFailsItsCaller() {
        Exchange failed = queue("lock/all/ping", new Object());
        assertInstanceOf(Exception.class, failed.getException());
        assertEquals(List.of(), egressPublisher.received);
    }

    @Test
    void aPacketPastItsDeadlineIsDroppedAndTheNextOneGoes() {
        long now = System.currentTimeMillis();
        published(2, () -> {
            queue("lock/all/ping", Map.of("timestamp", 1), Headers.NOT_AFTER, new Date(now - 1));
            queue("terminal/all/ping", Map.of("timestamp", 2), Headers.NOT_AFTER, new Date(now + 60_000));
        });
        assertHeaders(onlyPublished(), "CamelPahoMqtt5OverrideTopic", "terminal/all/ping");
        assertEquals(1, counted("skaben.packets.out", "command", "ping"));
    }

    @Test
    void aFailureIsJournaledAsTheServersError() {
        egressPublisher.failure = e -> e.setException(new IllegalStateException("payload too large"));
        published(1, () -> queue("lock/all/ping", Map.of("timestamp", 1)));
        assertEquals(1, egressPublisher.received.size(), "not tried again");
        assertHeaders(journaled("error", "not published to lock/all/ping: payload too large"),
                Headers.SOURCE, "server");
        assertEquals(0, counted("skaben.packets.out", "command", "ping"));
    }
}
