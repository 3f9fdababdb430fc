package org.skaben.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PublishWindow: several publishes on the wire at once, in order; what the broker away failed goes again first. */
class PublishWindowTest {

    /** A broker link whose PUBACKs come when the test says; it records every send in order. */
    private static final class SlowBroker implements PublishWindow.Link<String> {
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        final LinkedBlockingQueue<Map.Entry<String, PublishWindow.Result>> onTheWire = new LinkedBlockingQueue<>();
        volatile int receiveMaximum = 65_535;
        /** Sends refused at once with this code while positive (counted down per refusal); 0: none. */
        final AtomicInteger refuseSends = new AtomicInteger();
        volatile int refuseCode = 32104;
        /** Connects refused while positive (counted down per attempt). */
        final AtomicInteger refuseConnects = new AtomicInteger();
        final AtomicInteger connects = new AtomicInteger();

        @Override
        public int connect() throws MqttException {
            connects.incrementAndGet();
            if (refuseConnects.getAndDecrement() > 0) {
                throw new MqttException(32103);
            }
            return receiveMaximum;
        }

        @Override
        public void send(String message, PublishWindow.Result result) throws MqttException {
            if (refuseSends.getAndDecrement() > 0) {
                throw new MqttException(refuseCode);
            }
            sent.add(message);
            onTheWire.add(Map.entry(message, result));
        }

        /** Acknowledges the oldest publish on the wire. */
        String ack() throws InterruptedException {
            Map.Entry<String, PublishWindow.Result> next = onTheWire.poll(5, TimeUnit.SECONDS);
            next.getValue().acknowledged();
            return next.getKey();
        }

        /** The connection breaks: every publish on the wire fails (Paho: 32109, connection lost). */
        void lose() {
            List<Map.Entry<String, PublishWindow.Result>> lost = new ArrayList<>();
            onTheWire.drainTo(lost);
            lost.forEach(e -> e.getValue().failed(new MqttException(32109)));
        }
    }

    /** What the window told each message's sender. */
    private final Map<String, Object> outcomes = new ConcurrentHashMap<>();
    private final SlowBroker broker = new SlowBroker();
    private PublishWindow<String> window;
    private Thread sender;

    private PublishWindow<String> window(int inFlight) throws Exception {
        window = new PublishWindow<>(broker, inFlight, PahoLink::away, new PublishWindow.Backoff(1, 4),
                Executors.newSingleThreadScheduledExecutor());
        window.start();
        return window;
    }

    private PublishWindow.Result recorded(String message) {
        return new PublishWindow.Result() {
            @Override
            public void acknowledged() {
                outcomes.put(message, "acknowledged");
            }

            @Override
            public void failed(Exception e) {
                outcomes.put(message, e);
            }
        };
    }

    /** Publishes the messages in order on a thread of their own (it waits while the window is full). */
    private void publishInBackground(String... messages) {
        sender = new Thread(() -> {
            try {
                for (String m : messages) {
                    window.publish(m, recorded(m));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.start();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
            Thread.sleep(1);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            window.stop(0);
        }
        if (sender != null) {
            sender.join(5000);
        }
    }

    @Test
    void severalPublishesAreOnTheWireAtOnceInOrderUpToTheWindow() throws Exception {
        window(3);
        publishInBackground("a", "b", "c", "d", "e");
        eventually(() -> broker.sent.size() == 3);
        assertEquals(List.of("a", "b", "c"), broker.sent, "three on the wire, none acknowledged yet");
        assertTrue(outcomes.isEmpty());
        assertEquals("a", broker.ack());
        // one acknowledged makes room for the next, and only one
        eventually(() -> broker.sent.size() == 4);
        assertEquals(List.of("a", "b", "c", "d"), broker.sent);
        for (int i = 0; i < 4; i++) {
            broker.ack();
        }
        eventually(() -> outcomes.size() == 5);
        assertEquals(List.of("a", "b", "c", "d", "e"), broker.sent);
        assertEquals(3, window.peak());
    }

    @Test
    void theWindowIsNoLargerThanTheBrokersReceiveMaximum() throws Exception {
        broker.receiveMaximum = 2;
        assertEquals(2, window(100).limit());
        publishInBackground("a", "b", "c");
        eventually(() -> broker.sent.size() == 2);
        broker.ack();
        broker.ack();
        broker.ack();
        eventually(() -> outcomes.size() == 3);
        assertEquals(2, window.peak());
    }

    @Test
    void whatTheConnectionLostGoesAgainInOrderBeforeAnythingNewer() throws Exception {
        window(3);
        publishInBackground("a", "b", "c", "d", "e");
        eventually(() -> broker.sent.size() == 3);
        // the broker goes away with a, b and c on the wire, and stays away for a few attempts
        broker.refuseConnects.set(Integer.MAX_VALUE);
        broker.lose();
        eventually(() -> broker.connects.get() >= 5);
        assertEquals(List.of("a", "b", "c"), broker.sent, "nothing is sent while the broker is away");
        broker.refuseConnects.set(0);
        // back: the three again, in order, then the rest as the window allows
        eventually(() -> broker.sent.size() == 6);
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), broker.sent);
        for (int i = 0; i < 5; i++) {
            broker.ack();
        }
        eventually(() -> outcomes.size() == 5);
        assertEquals(List.of("a", "b", "c", "a", "b", "c", "d", "e"), broker.sent);
        outcomes.values().forEach(o -> assertEquals("acknowledged", o));
    }

    @Test
    void aPublishRefusedAtOnceIsSentAgainBeforeTheNextOne() throws Exception {
        window(3);
        // not connected (32104), then too many publishes in progress (32202): both are sent again, in place
        broker.refuseSends.set(2);
        publishInBackground("a");
        eventually(() -> broker.sent.size() == 1);
        broker.refuseCode = 32202;
        broker.refuseSends.set(1);
        window.publish("b", recorded("b"));
        window.publish("c", recorded("c"));
        eventually(() -> broker.sent.size() == 3);
        assertEquals(List.of("a", "b", "c"), broker.sent);
        broker.ack();
        broker.ack();
        broker.ack();
        eventually(() -> outcomes.size() == 3);
        outcomes.values().forEach(o -> assertEquals("acknowledged", o));
    }

    @Test
    void anyOtherFailureFailsThatPublishOnlyAndTheNextGoesOn() throws Exception {
        window(3);
        broker.refuseCode = 32201; // Paho: bad topic, not the broker away
        broker.refuseSends.set(1);
        window.publish("a", recorded("a"));
        window.publish("b", recorded("b"));
        assertInstanceOf(MqttException.class, outcomes.get("a"));
        assertEquals(List.of("b"), broker.sent);
        assertEquals("b", broker.ack());
        assertEquals("acknowledged", outcomes.get("b"));
    }

    @Test
    void aStopFailsWhatTheBrokerDidNotAcknowledgeLoudly() throws Exception {
        window(3);
        window.publish("a", recorded("a"));
        window.publish("b", recorded("b"));
        broker.ack();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            try {
                window.stop(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        });
        stopper.start();
        // the stop waits for b's acknowledgement while the broker is there
        assertEquals(1, outcomes.size());
        broker.ack();
        assertTrue(stopped.await(5, TimeUnit.SECONDS));
        assertEquals("acknowledged", outcomes.get("b"));
        // and fails at once what it could not wait for
        window = null;
        window(3);
        window.publish("c", recorded("c"));
        window.stop(0);
        assertInstanceOf(IllegalStateException.class, outcomes.get("c"));
        window.publish("d", recorded("d"));
        assertInstanceOf(IllegalStateException.class, outcomes.get("d"));
        window = null;
    }
}
