package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skaben.journal.JournalWriter;
import org.skaben.journal.TaskIdRepository;

/**
 * The leader's drain of a dead instance's persistent ingress session, on a mosquitto of its own: the packets the
 * broker had in flight to the dead instance and those it routed there afterwards all come through the drain,
 * after which the session is gone and the broker routes everything to the live instance.
 */
class SessionDrainTest {

    private static final String FILTER = "$share/skaben/ask/#";

    private PrivateMosquitto mosquitto;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private JournalWriter writer;

    @AfterEach
    void stop() throws Exception {
        for (MqttAsyncClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnectForcibly(0, 1000, false);
                }
                c.close(true);
            } catch (MqttException ignored) {
                // closed already
            }
        }
        if (writer != null) {
            writer.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** An instance's ingress: persistent session, manual acks (acknowledging only when {@code acks}). */
    private MqttAsyncClient ingress(String instance, List<String> got, boolean acks) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(mosquitto.url(), "skaben-server-" + instance + "-ingress",
                new MemoryPersistence());
        clients.add(c);
        c.setManualAcks(true);
        c.setCallback(new MessagesCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws MqttException {
                got.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                if (acks) {
                    c.messageArrivedComplete(message.getId(), message.getQos());
                }
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(600L);
        c.connect(o).waitForCompletion(5000);
        c.subscribe(FILTER, 1).waitForCompletion(5000);
        return c;
    }

    private void publish(MqttAsyncClient device, String payload) throws MqttException {
        device.publish("ask/lock/aabbccddeeff/info", payload.getBytes(StandardCharsets.UTF_8), 1, false)
                .waitForCompletion(5000);
    }

    @Test
    void whatTheBrokerHeldForADeadInstanceComesThroughTheDrainAndThenTheSessionIsGone() throws Exception {
        assumeTrue(Files.isExecutable(ClusterPrerequisites.MOSQUITTO), "needs " + ClusterPrerequisites.MOSQUITTO);
        mosquitto = PrivateMosquitto.start(Path.of("target", "cluster-it", "session-drain"));
        List<String> dead = new CopyOnWriteArrayList<>();
        List<String> live = new CopyOnWriteArrayList<>();
        MqttAsyncClient deadIngress = ingress("node-x", dead, false);
        ingress("node-y", live, true);
        MqttAsyncClient device = new MqttAsyncClient(mosquitto.url(), "device-1", new MemoryPersistence());
        clients.add(device);
        device.connect().waitForCompletion(5000);
        for (int i = 0; i < 10; i++) {
            publish(device, "before" + i);
        }
        Waits.until("10 delivered", Duration.ofSeconds(5), () -> dead.size() + live.size() == 10);
        int inFlight = dead.size();
        assertTrue(inFlight > 0, "the broker shared nothing with node-x");
        // killed: no DISCONNECT, its packets never acknowledged
        deadIngress.disconnectForcibly(0, 0, false);
        for (int i = 0; i < 10; i++) {
            publish(device, "after" + i);
        }
        // positive witness that the broker went on sharing: node-y's part of the ten is there
        Waits.until("node-y's share of the later ten", Duration.ofSeconds(5),
                () -> live.stream().filter(p -> p.startsWith("after")).count() >= 1);

        JDBCDataSource db = new JDBCDataSource();
        db.setUrl("jdbc:hsqldb:mem:drain-" + System.nanoTime());
        db.setUser("SA");
        Flyway.configure().dataSource(db).load().migrate();
        LeaseRepository leases = new LeaseRepository(db, Duration.ofSeconds(2));
        assertTrue(leases.take(MemberLease.namespace("node-x"), "node-x", Duration.ofMillis(1)));
        Waits.until("node-x's membership expired", Duration.ofSeconds(5),
                () -> leases.expired(MemberLease.PREFIX).contains(MemberLease.namespace("node-x")));
        writer = new JournalWriter(db, 10, 100);
        List<String> drained = new CopyOnWriteArrayList<>();
        SessionDrain drain = new SessionDrain(new SessionDrain.Broker(mosquitto.url(), "", ""), "skaben-server",
                FILTER, 600, Duration.ofMillis(500), (topic, payload, qos) -> {
                    assertEquals("ask/lock/aabbccddeeff/info", topic);
                    drained.add(new String(payload, StandardCharsets.UTF_8));
                    return true;
                }, new TaskIdRepository(db, writer), leases);

        SessionDrain.Drained result = drain.drain("node-x");

        assertTrue(result.sessionPresent());
        assertFalse(result.takenBack());
        assertEquals(drained.size(), result.packets());
        Set<String> all = new HashSet<>(live);
        all.addAll(drained);
        assertEquals(20, all.size(), "live " + live + ", drained " + drained);
        assertEquals(20, live.size() + drained.size(), "delivered twice: live " + live + ", drained " + drained);
        assertTrue(drained.containsAll(dead), "in flight at the kill " + dead + ", drained " + drained);
        assertEquals(List.of(), leases.expired(MemberLease.PREFIX), "the membership is removed");

        // the session is gone: everything goes to node-y now, and node-x's id starts afresh
        int before = live.size();
        for (int i = 0; i < 4; i++) {
            publish(device, "later" + i);
        }
        Waits.until("node-y got the later four", Duration.ofSeconds(5), () -> live.size() == before + 4);
        MqttAsyncClient again = new MqttAsyncClient(mosquitto.url(), "skaben-server-node-x-ingress",
                new MemoryPersistence());
        clients.add(again);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(600L);
        IMqttToken connected = again.connect(o);
        connected.waitForCompletion(5000);
        assertFalse(connected.getSessionPresent());
    }
}
