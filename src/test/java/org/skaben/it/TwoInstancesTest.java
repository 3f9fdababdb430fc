package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.SkabenServer;
import org.skaben.cluster.TestPostgres;

/**
 * Two server instances with the cluster on, in this JVM: the test's own (a) and a second one (b) on the same
 * mosquitto (started here) and the same PostgreSQL, the class's own ({@link TestPostgres}); skipped without
 * either, or failed under -Dskaben.test.cluster=required. The broker shares the device packets between them: each is handled once, a task id applied on one is a
 * duplicate on the other, and the counter changes both make add up. (The two-JVM test with SIGKILL is another.)
 */
class TwoInstancesTest extends SkabenAppTestSupport {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(TwoInstancesTest.class);

    private Mosquitto broker;
    private Main instanceB;
    private Thread instanceBThread;

    @Override
    protected Map<String, String> extraProperties() {
        if (!TestPostgres.available()) {
            return Map.of();
        }
        broker = Mosquitto.startIfInstalled(mqttPort);
        if (broker == null) {
            return Map.of();
        }
        // PostgreSQL for this class only: the other end-to-end tests keep the test database
        Map<String, String> settings = new HashMap<>(POSTGRES.serverSettings());
        settings.putAll(Map.of("skaben.cluster.enabled", "true", "skaben.instance.id", "a",
                "skaben.mqtt.embedded", "false", "skaben.mqtt.url", brokerUrl));
        return settings;
    }

    @BeforeEach
    void skipOrFailWithoutPostgresOrMosquitto() {
        TestPostgres.check();
        Mosquitto.check();
    }

    /** The second instance: the first one's settings, its own id, REST port and data folder. */
    private CamelContext b() throws Exception {
        if (instanceB == null) {
            instanceB = new Main(SkabenServer.class);
            instanceB.setPropertyPlaceholderLocations("classpath:application.properties");
            serverProperties.forEach((k, v) -> instanceB.addOverrideProperty(String.valueOf(k), String.valueOf(v)));
            instanceB.addOverrideProperty("skaben.instance.id", "b");
            instanceB.addOverrideProperty("skaben.http.port", String.valueOf(freePort()));
            instanceB.addOverrideProperty("skaben.data-dir", serverProperties.get("skaben.data-dir") + "-b");
            instanceBThread = new Thread(() -> {
                try {
                    instanceB.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "instance-b");
            instanceBThread.start();
            eventually(() -> instanceB.getCamelContext() != null && instanceB.getCamelContext().getRoute("mqtt-ingress") != null
                    && instanceB.getCamelContext().getRouteController().getRouteStatus("mqtt-ingress") == ServiceStatus.Started);
        }
        return instanceB.getCamelContext();
    }

    @AfterAll
    void stopInstanceBAndTheBroker() throws Exception {
        if (instanceB != null) {
            instanceB.completed();
            instanceBThread.join(30_000);
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static double infosReceived(CamelContext instance) {
        var counter = instance.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class)
                .find("skaben.packets.in").tag("command", "info").counter();
        return counter == null ? 0 : counter.count();
    }

    private int journaled(List<TestDevice> devices, String kind) {
        int n = 0;
        for (TestDevice d : devices) {
            n += journal(d.uid(), kind).size();
        }
        return n;
    }

    @Test
    void eachPacketIsHandledOnceByOneOfTheInstances() throws Exception {
        CamelContext b = b();
        double aBefore = infosReceived(context);
        double bBefore = infosReceived(b);
        List<TestDevice> locks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            locks.add(started("lock"));
        }
        int infos = 25;
        int sups = 5;
        for (int n = 0; n < infos; n++) {
            for (TestDevice lock : locks) {
                lock.send("info", "{\"timestamp\": " + now() + ", \"task_id\": \"i" + n + "\", \"datahold\": "
                        + "{\"type\": \"console\", \"content\": \"packet " + n + "\"}}");
                if (n < sups) {
                    lock.send("sup", "{\"timestamp\": " + now() + ", \"task_id\": \"s" + n + "\", \"datahold\": "
                            + "{\"closed\": " + (n % 2 == 0) + "}}");
                }
            }
        }
        eventually(() -> journaled(locks, "info") >= infos * locks.size() && journaled(locks, "sup") >= sups * locks.size());
        // a last packet from each, handled after the others on whichever instance: nothing more is on its way
        for (TestDevice lock : locks) {
            lock.send("info", "{\"timestamp\": " + now() + ", \"datahold\": {\"type\": \"console\", \"content\": \"last\"}}");
        }
        eventually(() -> locks.stream().allMatch(l -> journal(l.uid(), "info").stream()
                .anyMatch(r -> "last".equals(String.valueOf(r.get("detail"))) || String.valueOf(r.get("detail")).contains("last"))));
        assertEquals((infos + 1) * locks.size(), journaled(locks, "info"));
        assertEquals(sups * locks.size(), journaled(locks, "sup"));
        assertEquals(0, journaled(locks, "refused"), "no packet was taken for a repeat");
        double onA = infosReceived(context) - aBefore;
        double onB = infosReceived(b) - bBefore;
        assertEquals((infos + 1) * locks.size(), onA + onB, "each INFO reached one instance");
        assertTrue(onA >= (infos + 1) && onB >= (infos + 1), "each instance handled a quarter or more: a " + onA + ", b " + onB);
    }

    @Test
    void aTaskAppliedOnOneInstanceIsADuplicateOnTheOther() throws Exception {
        CamelContext b = b();
        TestDevice door = started("lock");
        String sup = "{\"timestamp\": " + now() + ", \"task_id\": \"twice\", \"datahold\": {\"closed\": false}}";
        // only a listens: the broker hands it the SUP (b's ingress stopped, and its session, which the broker would
        // keep and queue for, ended)
        b.getRouteController().stopRoute("mqtt-ingress");
        endSession(b);
        try {
            door.send("sup", sup);
            eventually(() -> journal(door.uid(), "sup"));
        } finally {
            b.getRouteController().startRoute("mqtt-ingress");
        }
        // only b listens: the same SUP again
        context.getRouteController().stopRoute("mqtt-ingress");
        endSession(context);
        try {
            door.send("sup", sup);
            List<Map<String, Object>> refused = eventually(() -> journal(door.uid(), "refused"));
            assertEquals("duplicate task_id twice: already applied", refused.get(0).get("detail"));
        } finally {
            context.getRouteController().startRoute("mqtt-ingress");
        }
        assertEquals(1, journal(door.uid(), "sup").size());
    }

    /**
     * Ends the persistent MQTT session of an instance whose ingress route is stopped: connected with its client id,
     * a clean start and no expiry, so that the broker shares nothing with it until the route starts again.
     */
    private void endSession(CamelContext instance) throws Exception {
        String clientId = instance.resolvePropertyPlaceholders("{{skaben.mqtt.instance-client-id}}-ingress");
        MqttClient client = new MqttClient(brokerUrl,
                clientId, new MemoryPersistence());
        MqttConnectionOptions clean = new MqttConnectionOptions();
        clean.setCleanStart(true);
        clean.setSessionExpiryInterval(0L);
        client.connect(clean);
        client.disconnect();
        client.close();
    }

    @Test
    void counterChangesThroughBothInstancesAtOnceAddUp() throws Exception {
        CamelContext b = b();
        List<TestDevice> locks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            locks.add(started("lock"));
        }
        setState("green");
        int start = latestCounter();
        double aBefore = infosReceived(context);
        double bBefore = infosReceived(b);
        int refusals = 9;
        // cards refused at three locks at once; the broker spreads them over both instances, whose rule raises
        // the counter by green's counter_increase (50) for each
        for (int n = 0; n < refusals; n++) {
            locks.get(n % locks.size()).send("info", "{\"timestamp\": " + now() + ", \"datahold\": "
                    + "{\"type\": \"access\", \"content\": \"000000\", \"success\": false}}");
        }
        int expected = start + refusals * 50;
        eventually(() -> latestCounter() == expected);
        awaitIdle();
        assertEquals(expected, latestCounter());
        assertTrue(infosReceived(context) > aBefore && infosReceived(b) > bBefore,
                "both instances took some: a " + (infosReceived(context) - aBefore) + ", b " + (infosReceived(b) - bBefore));
    }

    private int latestCounter() {
        return db().queryForObject("SELECT counter FROM alert_counter ORDER BY id DESC LIMIT 1", Integer.class);
    }
}
