package org.skaben.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.skaben.broker.EmbeddedBroker;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Soak: N simulated devices for M minutes against the server (in this JVM, embedded broker, HSQLDB file),
 * with bad packets mixed in and, in turn, a broker restart, a database stall and a database refusing
 * connections. Devices send SUP and INFO with unique task ids at QoS 1 and resend what they could not
 * publish. At the end it prints what the broker took, what it never delivered (a non-persistent broker
 * restarting), and of what the server received (its skaben_packets_in count): accepted, refused,
 * dead-lettered and lost (none of these). Lost must be 0.
 *
 * <pre>mvn -B -DskipTests package exec:java -Dbench.main=org.skaben.bench.Soak [-Dsoak.devices=200 -Dsoak.minutes=3
 *     -Dsoak.rate=300 -Dsoak.bad-percent=5 -Dsoak.fault-seconds=30]</pre>
 */
public final class Soak {

    private static final int DEVICES = Integer.getInteger("soak.devices", 200);
    private static final int MINUTES = Integer.getInteger("soak.minutes", 3);
    private static final int RATE = Integer.getInteger("soak.rate", 300);
    private static final int BAD_PERCENT = Integer.getInteger("soak.bad-percent", 5);
    private static final int FAULT_SECONDS = Integer.getInteger("soak.fault-seconds", 30);
    private static final String[] BAD = {
        "{not json", "{\"timestamp\": \"yesterday\"}", "[1, 2, 3]", "{\"timestamp\": 1, \"datahold\": {\"closed\": \"maybe\"}}",
        "{\"timestamp\": 1, \"datahold\": {\"acl\": {}}}", "\u00ff\u00fe", "{\"timestamp\": 1e999}",
    };

    private final Random random = new Random(7);
    private final List<String> uids = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong badSent = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private final ConcurrentLinkedQueue<String[]> resend = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private CamelContext camel;

    public static void main(String[] args) throws Exception {
        new Soak().run();
        System.exit(0);
    }

    private void run() throws Exception {
        int mqttPort = BenchServer.freePort();
        Main main = BenchServer.startInProcess("soak", mqttPort, Map.of(
                "skaben.mqtt.anonymous", "true",
                "skaben.db.allow-suspension", "true",
                "skaben.db.connection-timeout-millis", "1000"));
        camel = main.getCamelContext();
        for (int i = 0; i < DEVICES; i++) {
            uids.add(String.format("50%010x", i));
        }
        System.out.printf("SKABEN soak: %d devices, %d min, %d packets/s, %d %% bad, a fault every %d s%n",
                DEVICES, MINUTES, RATE, BAD_PERCENT, FAULT_SECONDS);

        MqttClient devices = new MqttClient("tcp://127.0.0.1:" + mqttPort, "soak-devices", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        devices.connect(options);
        // the devices register while white is current
        for (String uid : uids) {
            publish(devices, "ask/lock/" + uid + "/pong", "{\"timestamp\": " + now() + "}", false);
        }
        published.set(0);
        Thread faults = new Thread(this::faults, "soak-faults");
        faults.start();
        long end = System.currentTimeMillis() + MINUTES * 60_000L;
        long sequence = 0;
        while (System.currentTimeMillis() < end) {
            long second = System.currentTimeMillis();
            for (int i = 0; i < RATE; i++) {
                String uid = uids.get(random.nextInt(uids.size()));
                int dice = random.nextInt(100);
                if (dice < BAD_PERCENT) {
                    String command = random.nextBoolean() ? "sup" : "info";
                    if (publish(devices, "ask/lock/" + uid + "/" + command, BAD[random.nextInt(BAD.length)], false)) {
                        badSent.incrementAndGet();
                    }
                } else if (dice < 40) {
                    String task = "s" + (sequence++);
                    String command = random.nextBoolean() ? "sup" : "info";
                    String json = command.equals("sup")
                            ? "{\"timestamp\": " + now() + ", \"task_id\": \"" + task + "\", \"datahold\": {\"closed\": " + random.nextBoolean() + "}}"
                            : "{\"timestamp\": " + now() + ", \"task_id\": \"" + task + "\", \"datahold\": {\"type\": \"console\", \"content\": \"" + task + "\"}}";
                    resend.add(new String[] {"ask/lock/" + uid + "/" + command, json});
                } else if (publish(devices, "ask/lock/" + uid + "/pong", "{\"timestamp\": " + now() + "}", false)) {
                    pongs.incrementAndGet();
                }
            }
            // what could not be published (the broker away) is sent again, as a device retries
            for (int n = resend.size(); n > 0; n--) {
                String[] packet = resend.poll();
                if (!publish(devices, packet[0], packet[1], true)) {
                    resend.add(packet);
                    break;
                }
            }
            Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - second)));
        }
        running.set(false);
        faults.join();
        while (!resend.isEmpty()) {
            String[] packet = resend.poll();
            if (!publish(devices, packet[0], packet[1], true)) {
                resend.add(packet);
                Thread.sleep(200);
            }
        }
        report();
        devices.disconnect();
        main.stop();
    }

    /** True when the broker took the packet (PUBACK); {@code counted} packets are the ones accounted at the end. */
    private boolean publish(MqttClient client, String topic, String json, boolean counted) {
        try {
            client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
            if (counted) {
                published.incrementAndGet();
            }
            return true;
        } catch (Exception e) {
            publishFailures.incrementAndGet();
            return false;
        }
    }

    /** In turn: a broker restart, a database stall, a database refusing connections; each for a few seconds. */
    private void faults() {
        EmbeddedBroker broker = camel.getRegistry().lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);
        var pool = camel.getRegistry().lookupByNameAndType("dataSource", HikariDataSource.class).getHikariPoolMXBean();
        int turn = 0;
        try {
            while (running.get()) {
                Thread.sleep(FAULT_SECONDS * 1000L);
                if (!running.get()) {
                    return;
                }
                switch (turn++ % 3) {
                    case 0 -> {
                        long held = broker.held(a -> a.endsWith(".sup") || a.endsWith(".info"));
                        broker.stop();
                        System.out.printf("  fault: broker stopped (it held %d SUP/INFO for the server) ...%n", held);
                        Thread.sleep(5000);
                        broker.start();
                        System.out.println("  ... broker back");
                    }
                    case 1 -> {
                        System.out.println("  fault: database stalled ...");
                        pool.suspendPool();
                        Thread.sleep(5000);
                        pool.resumePool();
                        System.out.println("  ... database back");
                    }
                    default -> {
                        System.out.println("  fault: database refusing connections ...");
                        System.setProperty("com.zaxxer.hikari.throwIfSuspended", "true");
                        pool.suspendPool();
                        Thread.sleep(5000);
                        pool.resumePool();
                        System.clearProperty("com.zaxxer.hikari.throwIfSuspended");
                        System.out.println("  ... database back");
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("fault injection failed", e);
        }
    }

    private void report() throws Exception {
        JdbcTemplate db = new JdbcTemplate(camel.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        EmbeddedBroker broker = camel.getRegistry().lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);
        // the server drains what the broker still holds
        long quiet = 0;
        long last = -1;
        long deadline = System.currentTimeMillis() + 120_000;
        while (quiet < 5 && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            long stored = count(db, "SELECT COUNT(*) FROM event WHERE kind IN ('sup', 'info')");
            quiet = stored == last ? quiet + 1 : 0;
            last = stored;
        }
        if (broker.backlog() > 0) {
            System.out.println("the broker still holds: " + broker.queues());
        }
        long accepted = count(db, "SELECT COUNT(*) FROM event WHERE kind IN ('sup', 'info')");
        long refused = count(db, "SELECT COUNT(*) FROM event WHERE kind = 'refused' AND (topic LIKE '%/sup' OR topic LIKE '%/info')");
        long dead = count(db, "SELECT COUNT(*) FROM dead_letter");
        // each good INFO carries its own task id as content: the same content twice is a packet applied twice
        String good = "kind = 'info' AND detail LIKE '{\"content\":\"s%'";
        long duplicates = count(db, "SELECT COUNT(*) FROM event WHERE " + good)
                - count(db, "SELECT COUNT(DISTINCT detail) FROM event WHERE " + good);
        // what reached the server, by its own count at the door (skaben_packets_in_total)
        MeterRegistry meters = camel.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        long received = (long) (meters.get("skaben.packets.in").tag("command", "sup").counter().count()
                + meters.get("skaben.packets.in").tag("command", "info").counter().count());
        long sentToServer = published.get() + badSent.get();
        long lost = received - accepted - refused - dead;
        System.out.printf("%nSUP and INFO packets, good and bad, that the broker acknowledged: %d%n", sentToServer);
        System.out.printf("  not delivered by the broker (dropped in its restarts, or published before the server%n"
                + "  had subscribed again; the embedded broker keeps nothing across a restart): %d%n", sentToServer - received);
        System.out.printf("  received by the server:                   %d%n", received);
        System.out.printf("    accepted (stored and journaled):        %d%n", accepted);
        System.out.printf("    refused with a reason (bad, repeated):  %d%n", refused);
        System.out.printf("    dead-lettered:                          %d%n", dead);
        System.out.printf("    LOST (received, none of these):         %d%s%n", Math.max(0, lost), lost < 0
                ? " (" + lost + ": a refused SUP whose answering CUP was dead-lettered counts as both)" : "");
        System.out.printf("PONGs %d; publishes refused while the broker was away %d (SUP/INFO resent); the same INFO "
                + "applied twice: %d%n", pongs.get(), publishFailures.get(), duplicates);
    }

    private static long count(JdbcTemplate db, String sql) {
        Long n = db.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
