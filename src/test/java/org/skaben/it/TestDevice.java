package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.skaben.device.Json;

/**
 * A device as deployed in the field: MQTT 3.1.1, QoS 0, clean session, client id {@code <type>_<uid>},
 * subscribed to {@code <type>/all/#} and {@code <type>/<uid>/#}. Keeps every packet the server sends it.
 */
public final class TestDevice implements AutoCloseable {

    /** A packet the device received. */
    public record Received(String topic, String payload) {
        public Map<String, Object> json() {
            return Json.readObject(payload);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> datahold() {
            return (Map<String, Object>) json().get("datahold");
        }
    }

    private final String type;
    private final String uid;
    private final MqttClient client;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();

    /** The shared device login the test server is configured with. */
    public static final String USER = "skaben-device";
    public static final String PASSWORD = "test-device-secret";

    public TestDevice(String brokerUrl, String type, String uid) throws MqttException {
        this(brokerUrl, type, uid, USER, PASSWORD, null);
    }

    /** A device with its own login (null user: none) and, for ssl:// URLs, a socket factory. */
    public TestDevice(String brokerUrl, String type, String uid, String user, String password,
                      javax.net.SocketFactory sockets) throws MqttException {
        this(brokerUrl, type + "_" + uid, type, uid, user, password, sockets);
    }

    /** Any client id: a device that pretends to be another one, for instance. */
    public TestDevice(String brokerUrl, String clientId, String type, String uid, String user, String password,
                      javax.net.SocketFactory sockets) throws MqttException {
        this.type = type;
        this.uid = uid;
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(60);
        // Paho 1.2.5 can count a QoS 1 publish as in flight for a moment after its PUBACK: room for bursts
        options.setMaxInflight(1000);
        client.connect(options);
        client.subscribe(new String[] {type + "/all/#", type + "/" + uid + "/#"}, new int[] {0, 0},
                new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {this::receive, this::receive});
    }

    private void receive(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
        inbox.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
    }

    public String uid() {
        return uid;
    }

    public void send(String command, String json) throws MqttException {
        sendRaw("ask/" + type + "/" + uid + "/" + command, json.getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 0, false);
    }

    /** Publishes at QoS 1: returns once the broker has the packet. */
    public void sendAcknowledged(String command, String json) throws MqttException {
        client.publish("ask/" + type + "/" + uid + "/" + command, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** The next packet whose topic ends with /suffix, skipping others (PINGs above all). */
    public Received await(String suffix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r != null && r.topic().endsWith("/" + suffix)) {
                return r;
            }
        }
        return fail("no " + suffix + " reached " + type + "/" + uid + " within " + timeout);
    }

    public Received await(String suffix) throws InterruptedException {
        return await(suffix, Duration.ofSeconds(10));
    }

    /** The config the server composes for a lock (ConfigComposer), not under override and silent. */
    public static Map<String, Object> lockConfig(String alert, boolean closed, boolean blocked, int timer,
                                                 Map<String, Object> acl) {
        return Map.of("alert", alert, "override", false, "closed", closed, "blocked", blocked, "sound", false,
                "timer", timer, "acl", acl);
    }

    /**
     * The next CUP whose config (datahold without the hash and task_id it carries) is exactly {@code expected};
     * CUPs with another config on the way are skipped (a state change can send a device two in a row).
     */
    public Received awaitConfig(Map<String, Object> expected) throws InterruptedException {
        return awaitCup(expected::equals, String.valueOf(expected));
    }

    /** The next CUP whose config (without hash and task_id) passes the test; others on the way are skipped. */
    public Received awaitCup(java.util.function.Predicate<Object> test, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        java.util.List<Object> seen = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            Received r = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r != null && r.topic().endsWith("/cup")) {
                Object datahold = r.json().get("datahold");
                if (datahold instanceof Map<?, ?> map) {
                    Map<Object, Object> config = new java.util.LinkedHashMap<>(map);
                    config.remove("hash");
                    config.remove("task_id");
                    datahold = config;
                }
                if (test.test(datahold)) {
                    return r;
                }
                seen.add(datahold);
            }
        }
        return fail(type + "/" + uid + " got no CUP with " + what + " within 10 s; it got " + seen);
    }

    /**
     * Nothing ending with /suffix arrives before the witness, a packet that proves the server already ran
     * past what the test expects no /suffix for (the witness may itself end with /suffix). Returns the witness.
     */
    public Received assertNoneBefore(String suffix, java.util.function.Predicate<Received> witness, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Received r = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                continue;
            }
            if (witness.test(r)) {
                return r;
            }
            if (r.topic().endsWith("/" + suffix)) {
                assertNull(r, "unexpected " + r.topic() + " " + r.payload() + " before " + what);
            }
        }
        return fail(type + "/" + uid + " got no " + what + " within 10 s");
    }

    /** The config of a CUP (datahold without the hash and task_id it carries); null for another packet. */
    public static Object configOf(Received r) {
        if (!r.topic().endsWith("/cup")) {
            return null;
        }
        Object datahold = r.json().get("datahold");
        if (datahold instanceof Map<?, ?> map) {
            Map<Object, Object> config = new java.util.LinkedHashMap<>(map);
            config.remove("hash");
            config.remove("task_id");
            return config;
        }
        return datahold;
    }

    /**
     * Nothing ending with /suffix arrives for the given time. Proves nothing on its own: use it only after a
     * positive witness, or use {@link #assertNoneBefore}.
     */
    public void assertNone(String suffix, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r != null && r.topic().endsWith("/" + suffix)) {
                assertNull(r, "unexpected " + r.topic() + " " + r.payload());
            }
        }
    }

    /**
     * Every CUP received up to and including the one with this task id (a positive witness: a sync's CUP, say),
     * each as its config without hash and task_id; nothing is skipped, so an extra CUP shows.
     */
    public java.util.List<Map<String, Object>> cupsUpTo(String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        java.util.List<Map<String, Object>> cups = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            Received r = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r != null && r.topic().endsWith("/cup")) {
                Map<String, Object> config = new java.util.LinkedHashMap<>(r.datahold());
                Object id = config.remove("task_id");
                config.remove("hash");
                cups.add(config);
                if (taskId.equals(String.valueOf(id))) {
                    return cups;
                }
            }
        }
        return fail(type + "/" + uid + " got no CUP with task " + taskId + " within 10 s; it got " + cups);
    }

    /** Every packet received and not taken yet, in the order of arrival; the inbox is empty afterwards. */
    public java.util.List<Received> takeAll() {
        java.util.List<Received> all = new java.util.ArrayList<>();
        inbox.drainTo(all);
        return all;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public void clear() {
        inbox.clear();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
