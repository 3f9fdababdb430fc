package org.skaben.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port, data.toString(), 32L * 1024 * 1024,
                new BrokerSecurity(new BrokerSecurity.Settings("server", "secret", "skaben-device", "pw", new java.util.HashMap<>(),
                        true, false)), null);
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
}
