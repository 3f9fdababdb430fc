package org.skaben.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    /**
     * Each device subscription is a queue of its own; Artemis gives every queue a 32 KB buffer by default, which
     * made 10,000 connected devices fill a 1 GB heap. A small first chunk still carries a burst (it grows).
     */
    @Test
    void aDeviceSubscriptionHoldsASmallBufferThatStillCarriesABurst(@TempDir Path data) throws Exception {
        int port = freePort();
        EmbeddedBroker broker = broker(port, data);
        broker.start();
        MqttClient device = new MqttClient("tcp://127.0.0.1:" + port, "lock_aabbccddeeff", new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            device.connect(options);
            int burst = 5 * EmbeddedBroker.QUEUE_BUFFER;
            CountDownLatch received = new CountDownLatch(burst);
            device.subscribe(new String[] {"lock/all/#", "lock/aabbccddeeff/#"}, new int[] {1, 1},
                    new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                        (topic, m) -> received.countDown(), (topic, m) -> received.countDown()});

            Map<String, Integer> buffers = broker.queueBuffers();
            long deviceQueues = buffers.keySet().stream().filter(q -> q.startsWith("lock_aabbccddeeff")).count();
            assertEquals(2, deviceQueues, "a queue per subscription: " + buffers.keySet());
            buffers.forEach((queue, size) -> assertEquals(EmbeddedBroker.QUEUE_BUFFER, size, queue));

            MqttClient server = new MqttClient("tcp://127.0.0.1:" + port, "server", new MemoryPersistence());
            MqttConnectOptions login = new MqttConnectOptions();
            login.setUserName("server");
            login.setPassword("secret".toCharArray());
            // Paho counts a publish in flight until its callback thread has handled the PUBACK that already woke
            // the publisher: with its default of 10, a burst of synchronous publishes is now and then refused
            login.setMaxInflight(burst);
            server.connect(login);
            for (int i = 0; i < burst; i++) {
                server.publish("lock/aabbccddeeff/cup", new MqttMessage(("{\"n\": " + i + "}").getBytes()));
            }
            server.disconnect();
            server.close();
            assertTrue(received.await(30, TimeUnit.SECONDS), "undelivered: " + received.getCount());
        } finally {
            if (device.isConnected()) {
                device.disconnect();
            }
            device.close();
            broker.stop();
        }
    }

    /**
     * Every topic published to is an address with a paging store of its own (about 10 KB): with 10,000 devices the
     * server's CUP topics and the devices' SUP and INFO topics held 100s of MB. Those are deleted once unused (and
     * made again by the next publish); a PONG topic, used every ping, stays.
     */
    @Test
    void aDevicesRarelyUsedTopicsAreDeletedAndWorkAgainWhileItsPongTopicStays(@TempDir Path data) throws Exception {
        int port = freePort();
        EmbeddedBroker broker = broker(port, data).addressScanPeriod(100);
        broker.start();
        MqttClient device = new MqttClient("tcp://127.0.0.1:" + port, "lock_aabbccddeeff", new MemoryPersistence());
        MqttClient server = new MqttClient("tcp://127.0.0.1:" + port, "server", new MemoryPersistence());
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            device.connect(options);
            BlockingQueue<String> toDevice = new LinkedBlockingQueue<>();
            device.subscribe(new String[] {"lock/all/#", "lock/aabbccddeeff/#"}, new int[] {0, 0},
                    new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                        (topic, m) -> toDevice.add(topic), (topic, m) -> toDevice.add(topic)});
            MqttConnectOptions login = new MqttConnectOptions();
            login.setUserName("server");
            login.setPassword("secret".toCharArray());
            server.connect(login);
            BlockingQueue<String> toServer = new LinkedBlockingQueue<>();
            server.subscribe("ask/#", 1, (topic, m) -> toServer.add(topic));

            // the PONG first: it is the oldest of the three addresses when the other two are deleted
            device.publish("ask/lock/aabbccddeeff/pong", new MqttMessage("{\"timestamp\": 1}".getBytes()));
            assertEquals("ask/lock/aabbccddeeff/pong", toServer.poll(10, TimeUnit.SECONDS));
            exchange(device, server, toDevice, toServer);
            Set<String> stores = broker.pagingStores();
            assertTrue(stores.containsAll(List.of(PONG, SUP, CUP)), "an address per topic published to: " + stores);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((stores = broker.pagingStores()).contains(CUP) || stores.contains(SUP)) {
                assertTrue(System.nanoTime() < deadline, "the CUP and SUP addresses are still there: " + stores);
                Thread.sleep(50);
            }
            assertTrue(stores.containsAll(List.of(PONG, "lock.aabbccddeeff.#")),
                    "the PONG address and the device's subscription stay: " + stores);
            exchange(device, server, toDevice, toServer);
        } finally {
            for (MqttClient client : List.of(device, server)) {
                if (client.isConnected()) {
                    client.disconnect();
                }
                client.close();
            }
            broker.stop();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** A broker on the port: the server logs in as server/secret; devices anonymously (or as skaben-device/pw), no ACL. */
    private static EmbeddedBroker broker(int port, Path data) {
        return new EmbeddedBroker("127.0.0.1", port, data.toString(), 32L * 1024 * 1024,
                new BrokerSecurity(new BrokerSecurity.Settings("server", "secret", "skaben-device", "pw",
                        new java.util.HashMap<>(), true, false)), null);
    }

    private static final String PONG = "ask.lock.aabbccddeeff.pong";
    private static final String SUP = "ask.lock.aabbccddeeff.sup";
    private static final String CUP = "lock.aabbccddeeff.cup";

    /** The device sends a SUP and the server a CUP; each arrives. */
    private static void exchange(MqttClient device, MqttClient server, BlockingQueue<String> toDevice,
            BlockingQueue<String> toServer) throws Exception {
        device.publish("ask/lock/aabbccddeeff/sup", new MqttMessage("{\"timestamp\": 1}".getBytes()));
        server.publish("lock/aabbccddeeff/cup", new MqttMessage("{\"timestamp\": 1}".getBytes()));
        assertEquals("ask/lock/aabbccddeeff/sup", toServer.poll(10, TimeUnit.SECONDS));
        assertEquals("lock/aabbccddeeff/cup", toDevice.poll(10, TimeUnit.SECONDS));
    }
}
