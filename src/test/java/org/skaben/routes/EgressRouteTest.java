package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.skaben.Headers;

/**
 * routes/egress.camel.yaml: a packet is written as JSON and queued; the one publisher sends it with its topic,
 * drops a PING past its deadline, waits for a broker away for a moment and journals any other failure.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        // the MQTT producer is skipped, and so never started (it would connect to a broker)
        properties = {RouteTestSupport.ROUTES + "egress.camel.yaml",
            "camel.component.paho-mqtt5.lazy-start-producer=true"},
        mockEndpointsAndSkip = "paho-mqtt5:.*|direct:journal")
@RoutesTested({"mqtt-egress", "mqtt-publish"})
class EgressRouteTest extends RouteTestSupport {

    private MockEndpoint broker() {
        return mock("paho-mqtt5:skaben-server/egress");
    }

    /** Which test method's packets a wait counts (a packet of the one before may still be finishing). */
    private volatile int round;

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

    @Test
    void aPacketIsPublishedAsJsonToItsTopicWithoutTheInboundMqttHeadersAndCounted() {
        published(1, () -> assertHandled(queue("lock/aabbccddeeff/cup", Map.of("timestamp", 42),
                "CamelPahoMqtt5Qos", 0, Headers.TASK_ID, "t1")));
        Message published = assertHeaders(only(broker()), "CamelPahoMqtt5OverrideTopic", "lock/aabbccddeeff/cup",
                "CamelPahoMqtt5Qos", null, Headers.TASK_ID, "t1");
        assertEquals("{\"timestamp\":42}", new String(published.getBody(byte[].class), StandardCharsets.UTF_8));
        assertEquals(1, counted("skaben.packets.out", "command", "cup"));
    }

    @Test
    void aPacketThatCannotBeWrittenFailsItsCaller() {
        Exchange failed = queue("lock/all/ping", new Object());
        assertInstanceOf(Exception.class, failed.getException());
        assertReachedNone(broker());
    }

    @Test
    void aPacketPastItsDeadlineIsDroppedAndTheNextOneGoes() {
        long now = System.currentTimeMillis();
        published(2, () -> {
            queue("lock/all/ping", Map.of("timestamp", 1), Headers.NOT_AFTER, new Date(now - 1));
            queue("terminal/all/ping", Map.of("timestamp", 2), Headers.NOT_AFTER, new Date(now + 60_000));
        });
        assertHeaders(only(broker()), "CamelPahoMqtt5OverrideTopic", "terminal/all/ping");
        assertEquals(1, counted("skaben.packets.out", "command", "ping"));
    }

    @Test
    void aBrokerAwayForAMomentIsWaitedFor() {
        broker().whenExchangeReceived(1, e -> e.setException(new MqttException(32104)));
        published(1, () -> queue("lock/all/ping", Map.of("timestamp", 1)));
        assertEquals(2, broker().getReceivedCounter(), "tried again");
        assertReachedNone(mock("direct:journal"));
        assertEquals(1, counted("skaben.packets.out", "command", "ping"));
    }

    @Test
    void anyOtherFailureIsJournaledAsTheServersError() {
        broker().whenAnyExchangeReceived(e -> e.setException(new IllegalStateException("payload too large")));
        published(1, () -> queue("lock/all/ping", Map.of("timestamp", 1)));
        assertEquals(1, broker().getReceivedCounter(), "not tried again");
        assertHeaders(journaled("error", "not published to lock/all/ping: payload too large"),
                Headers.SOURCE, "server");
        assertEquals(0, counted("skaben.packets.out", "command", "ping"));
    }
}
