package org.skaben.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.skaben.cluster.PrivateMosquitto;
import org.skaben.device.Json;

/**
 * Many devices on one server (issue 15, goals 4 and 5): the packaged server as its own process (-Xmx1g), and N
 * devices (10,000 by default), each its own MQTT 3.1.1 connection to the server's broker (its embedded one, or
 * with -Dbench.broker=mosquitto a private mosquitto; client id
 * {@code <type>_<uid>}, clean session, subscribed to {@code <type>/all/#} and {@code <type>/<uid>/#} as a
 * deployed device is), played by HiveMQ's asynchronous client on two Netty threads. Prints:
 * <ol>
 * <li>the time to connect them, and to register them (first hello to all registered, in the journal);
 * <li>PONG-to-CUP latency: every device answers every server PING with a PONG, a tenth of them per round with a
 * stale timestamp, so the server sends those a CUP; the baseline is the same rounds with the PONGs answered by
 * one plain client (it sends each stale device its "CUP" the moment it has the PONG), as LoadBenchmark's;
 * <li>the server's live heap after a forced GC: before any device connects, once all are connected and subscribed,
 * once registered, and after the rounds;
 * <li>start-up with N devices in the database: the server stopped and started again, the time from the process
 * start to GET /health/ready 200, and to the last CUP of its start-up sync (each device is sent its config).
 * </ol>
 *
 * <pre>mvn -B -q -DskipTests package exec:java -Dbench.main=org.skaben.bench.ManyDevices
 *   [-Dbench.devices=10000 -Dbench.rounds=3 -Dbench.warmup-rounds=2 -Dbench.ping-seconds=10 -Dbench.qos=1
 *    -Dbench.histogram=25 -Dbench.broker=embedded|mosquitto -Dbench.login=device|anonymous]</pre>
 */
public final class ManyDevices {

    private static final int DEVICES = Integer.getInteger("bench.devices", 10_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 2);
    private static final int PING_SECONDS = Integer.getInteger("bench.ping-seconds", 10);
    private static final int QOS = Integer.getInteger("bench.qos", 1);
    private static final String DB_URL = System.getProperty("bench.db-url", "");
    // the server's broker: its embedded one, or mosquitto (a private one started here with
    // src/test/resources/bench/mosquitto.conf, the server then holding no broker in its heap)
    private static final String BROKER = System.getProperty("bench.broker", "embedded");
    // the classes holding most of the server's heap after the rounds (jcmd GC.class_histogram), this many lines
    private static final int HISTOGRAM = Integer.getInteger("bench.histogram", 0);
    private static final String MAX_HEAP = "1g";
    // connections being opened at once: the broker accepts them one by one on its acceptor thread
    private static final int CONNECTING = 200;

    private final MqttClientExecutorConfig executor = MqttClientExecutorConfig.builder().nettyThreads(2).build();
    private final MqttQos qos = MqttQos.fromCode(QOS);
    private final List<Device> devices = new ArrayList<>();
    private ServerProcess server;
    private PrivateMosquitto mosquitto;
    private volatile Phase phase;

    public static void main(String[] args) throws Exception {
        new ManyDevices().run();
        System.exit(0);
    }

    private void run() throws Exception {
        server = new ServerProcess(Files.createTempDirectory("skaben-many"), MAX_HEAP, PING_SECONDS, DB_URL);
        try {
            String brokerName = "the server's embedded broker";
            if (BROKER.equals("mosquitto")) {
                mosquitto = LoadBenchmark.privateMosquitto(Files.createTempDirectory("skaben-many-mosquitto"));
                server.with("skaben.mqtt.embedded", "false").with("skaben.mqtt.url", mosquitto.url());
                brokerName = "private mosquitto " + mosquitto.url() + " (bench/mosquitto.conf)";
            } else if (!BROKER.equals("embedded")) {
                throw new IllegalArgumentException("-Dbench.broker: embedded or mosquitto, not " + BROKER);
            }
            for (int i = 0; i < DEVICES; i++) {
                String uid = String.format("b0%010x", i);
                devices.add(new Device(i, LoadBenchmark.type(uid), uid));
            }
            System.out.printf("SKABEN, many devices: %d devices, one MQTT 3.1.1 connection each (HiveMQ client, 2 Netty "
                    + "threads) to %s, PONG at QoS %d, server -Xmx%s, HSQLDB file, PING every %d s; this program and "
                    + "the server share the machine's %d cores%n%n", DEVICES, brokerName, QOS, MAX_HEAP, PING_SECONDS,
                    Runtime.getRuntime().availableProcessors());
            server.launch();
            long ready = server.awaitOk("/health/ready", Duration.ofSeconds(120), Duration.ofMillis(50));
            System.out.printf("first start (empty database): ready (GET /health/ready 200) %.1f s after the process start%n",
                    (ready - server.startedNanos()) / 1e9);
            // where the heap goes: the server alone, then with every device's connection and subscriptions at the
            // broker (nothing published yet), then with them registered and pinged
            System.out.printf("server heap after GC, no device connected: %.0f MB used%n",
                    ServerProcess.usedMb(server.heapAfterGc()));
            connect();
            System.out.printf("server heap after GC, devices connected and subscribed (none has published): %.0f MB used%n",
                    ServerProcess.usedMb(server.heapAfterGc()));
            register();
            System.out.printf("server heap after GC, devices connected and registered: %.0f MB used%n",
                    ServerProcess.usedMb(server.heapAfterGc()));
            latency();
            String heap = server.heapAfterGc();
            System.out.printf("%nserver heap after GC (-Xmx%s, %d devices connected): %.0f MB used%n%s%n", MAX_HEAP,
                    DEVICES, ServerProcess.usedMb(heap), heap.strip());
            if (HISTOGRAM > 0) {
                System.out.println(server.histogram(HISTOGRAM));
            }
            disconnect();
            startUp();
        } finally {
            server.stop();
            if (mosquitto != null) {
                mosquitto.close();
            }
        }
    }

    /** Where the devices connect: the server's embedded broker, or mosquitto. */
    private int brokerPort() {
        return URI.create(server.brokerUrl()).getPort();
    }

    /** Every device connects and subscribes as a deployed one does, {@link #CONNECTING} at a time. */
    private void connect() throws Exception {
        long t0 = System.nanoTime();
        Semaphore window = new Semaphore(CONNECTING);
        AtomicInteger failed = new AtomicInteger();
        for (Device device : devices) {
            window.acquire();
            device.connect().whenComplete((ok, error) -> {
                if (error != null && failed.getAndIncrement() == 0) {
                    error.printStackTrace();
                }
                window.release();
            });
        }
        window.acquire(CONNECTING);
        window.release(CONNECTING);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + DEVICES + " devices could not connect (ulimit -n?)");
        }
        System.out.printf("connected and subscribed %d devices in %.1f s%n", DEVICES, (System.nanoTime() - t0) / 1e9);
    }

    /** Every device says hello (a PONG); done when the journal counts every device registered. */
    private void register() throws Exception {
        long since = System.currentTimeMillis() - 1000;
        long t0 = System.nanoTime();
        long ts = now() - 5;
        for (Device device : devices) {
            device.publish("ask/" + device.type + "/" + device.uid + "/pong", "{\"timestamp\": " + ts + "}");
        }
        long sent = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(300);
        long registered = 0;
        while (System.nanoTime() < deadline && (registered = server.count("registered", since)) < DEVICES) {
            Thread.sleep(200);
        }
        System.out.printf("registered %d of %d devices in %.1f s after the first hello (all hellos published in %.1f s)%n",
                registered, DEVICES, (System.nanoTime() - t0) / 1e9, (sent - t0) / 1e9);
        if (registered < DEVICES) {
            throw new IllegalStateException("not every device registered; see " + server.log());
        }
    }

    /**
     * Warm-up rounds through the server, then the baseline (each PONG to a plain client that answers the stale
     * ones at once), then the measured rounds through the server; each round is one server PING. The baseline's
     * PONGs go to one topic per device type ({@code echo/<type>/pong}, the uid in the body) and its answers to the
     * device's CUP topic, the one the server answers on: every topic published to is an address of the broker
     * (about 10 KB of the server's heap each), and a topic per device would count a second PONG address per device
     * that the server's own traffic never makes. The broker's work per message is the same.
     */
    private void latency() throws Exception {
        System.out.printf("%nPONG->CUP: every device answers every PING (every %d s), a tenth of them stale per round; "
                + "%d warm-up rounds, then %d rounds each ...%n", PING_SECONDS, WARMUP_ROUNDS, ROUNDS);
        runPhase(new Phase(false, WARMUP_ROUNDS, 0));
        Mqtt3AsyncClient echo = client("bench-echo");
        login(echo).cleanSession(true).send().get(10, TimeUnit.SECONDS);
        long[] staleBefore = {0};
        echo.subscribeWith().topicFilter("echo/+/pong").qos(qos).callback(pong -> {
            Map<String, Object> body = body(pong);
            if (((Number) body.get("timestamp")).longValue() < staleBefore[0]) {
                String type = pong.getTopic().getLevels().get(1);
                echo.publishWith().topic(type + "/" + body.get("uid") + "/cup").qos(qos).send();
            }
        }).send().get(10, TimeUnit.SECONDS);
        staleBefore[0] = now() - 60;
        Phase baseline = new Phase(true, ROUNDS, WARMUP_ROUNDS);
        runPhase(baseline);
        echo.disconnect().get(10, TimeUnit.SECONDS);
        Phase measured = new Phase(false, ROUNDS, WARMUP_ROUNDS + ROUNDS);
        runPhase(measured);
        LoadBenchmark.print("  raw broker (plain client answers)", baseline.sorted());
        LoadBenchmark.print("  server", measured.sorted());
    }

    /** Runs the phase's rounds, then waits for its last answers (at most a ping interval). */
    private void runPhase(Phase next) throws Exception {
        phase = next;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((next.rounds + 2L) * PING_SECONDS + 60);
        while (next.started.get() < next.rounds || System.nanoTime() - next.lastRoundStart.get()
                < TimeUnit.SECONDS.toNanos(PING_SECONDS) - TimeUnit.MILLISECONDS.toNanos(500)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no PING for " + next.name() + " rounds; see " + server.log());
            }
            Thread.sleep(100);
        }
        // the devices ignore PINGs between phases
        phase = null;
        int unanswered = 0;
        for (Device device : devices) {
            if (device.pending.getAndSet(0) != 0) {
                unanswered++;
            }
        }
        System.out.printf("  %-6s %d rounds: %d PONGs sent, %d answers, %d stale PONGs got no answer within %d s%n",
                next.name(), next.rounds, next.pongs.get(), next.latencies.size(), unanswered, PING_SECONDS);
    }

    private void disconnect() throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Device device : devices) {
            all.add(device.client.disconnect());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    /**
     * The server stopped and started again on the same database with the N devices in it: from the process start
     * to ready, and to the last CUP of the start-up sync, seen by one client subscribed to every device's CUP
     * topic (it connects as soon as the broker takes connections, before the sync begins).
     */
    private void startUp() throws Exception {
        System.out.printf("%nstart-up with %d devices in the database ...%n", DEVICES);
        server.stop();
        Set<String> cupped = ConcurrentHashMap.newKeySet();
        AtomicLong firstCup = new AtomicLong();
        AtomicLong lastCup = new AtomicLong();
        long since = System.currentTimeMillis();
        server.launch();
        long t0 = server.startedNanos();
        long[] watcherAt = {0};
        Thread watch = new Thread(() -> watchCups(cupped, firstCup, lastCup, watcherAt));
        watch.setDaemon(true);
        watch.start();
        long ready = server.awaitOk("/health/ready", Duration.ofSeconds(120), Duration.ofMillis(50));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int seen = -1;
        long quietSince = System.nanoTime();
        // done when every device had its CUP, or none came for 10 s after the first
        while (cupped.size() < DEVICES && System.nanoTime() < deadline
                && (cupped.isEmpty() || System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(10))) {
            if (cupped.size() != seen) {
                seen = cupped.size();
                quietSince = System.nanoTime();
            }
            Thread.sleep(100);
        }
        long journaled = server.count("cup", since);
        if (cupped.isEmpty()) {
            throw new IllegalStateException("no start-up CUP within 120 s of ready; see " + server.log());
        }
        System.out.printf("  ready (GET /health/ready 200)     %6.1f s after the process start%n", (ready - t0) / 1e9);
        System.out.printf("  CUP watcher subscribed           %6.1f s%n", (watcherAt[0] - t0) / 1e9);
        System.out.printf("  first start-up CUP               %6.1f s%n", (firstCup.get() - t0) / 1e9);
        System.out.printf("  last start-up CUP                %6.1f s  (%d of %d devices got one; %d CUPs in the journal)%n",
                (lastCup.get() - t0) / 1e9, cupped.size(), DEVICES, journaled);
    }

    /** One client on every smart device's CUP topic, connecting again and again until the broker takes it. */
    private void watchCups(Set<String> cupped, AtomicLong firstCup, AtomicLong lastCup, long[] subscribedAt) {
        Consumer<Mqtt3Publish> onCup = cup -> {
            long at = System.nanoTime();
            firstCup.compareAndSet(0, at);
            lastCup.set(at);
            cupped.add(cup.getTopic().getLevels().get(1));
        };
        while (true) {
            Mqtt3AsyncClient watcher = client("bench-cup-watcher");
            try {
                login(watcher).cleanSession(true).send().get(5, TimeUnit.SECONDS);
                watcher.subscribeWith()
                        .addSubscription().topicFilter("lock/+/cup").qos(MqttQos.AT_MOST_ONCE).applySubscription()
                        .addSubscription().topicFilter("terminal/+/cup").qos(MqttQos.AT_MOST_ONCE).applySubscription()
                        .callback(onCup).send().get(5, TimeUnit.SECONDS);
                subscribedAt[0] = System.nanoTime();
                return;
            } catch (Exception notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private Mqtt3AsyncClient client(String id) {
        return MqttClient.builder().useMqttVersion3().identifier(id)
                .serverHost("127.0.0.1").serverPort(brokerPort())
                .executorConfig(executor).buildAsync();
    }

    private static long timestamp(Mqtt3Publish message) {
        return ((Number) body(message).get("timestamp")).longValue();
    }

    /** A CONNECT with the benchmarks' login ({@link BenchServer#LOGIN}): the shared device user, or none. */
    private static Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> login(Mqtt3AsyncClient client) {
        Mqtt3ConnectBuilder.Send<CompletableFuture<Mqtt3ConnAck>> connect = client.connectWith();
        if (BenchServer.deviceLogin()) {
            connect = connect.simpleAuth().username(BenchServer.DEVICE_USER)
                    .password(BenchServer.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        return connect;
    }

    private static Map<String, Object> body(Mqtt3Publish message) {
        return Json.readObject(StandardCharsets.UTF_8.decode(message.getPayload().orElseThrow()).toString());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /**
     * Rounds answered by the server (ask/...) or by the plain client (echo/...), each started by the first
     * PING a device gets after a ping interval; in round r the devices with index % 10 == (first + r) % 10 are
     * stale.
     */
    private static final class Phase {
        final boolean echo;
        final int rounds;
        final int first;
        final AtomicInteger started = new AtomicInteger();
        final AtomicLong lastRoundStart = new AtomicLong();
        final AtomicInteger pongs = new AtomicInteger();
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        // a PING sent before the phase began (still on its way to some devices: the broker fans one PING out
        // to every device's queue) belongs to no round of it
        private final long after = now();
        private final ConcurrentHashMap<Long, Integer> roundOfPing = new ConcurrentHashMap<>();

        Phase(boolean echo, int rounds, int first) {
            this.echo = echo;
            this.rounds = rounds;
            this.first = first;
        }

        String name() {
            return echo ? "echo/" : "ask/";
        }

        /** The round a PING (its timestamp) belongs to, or -1 when it is none of the phase's rounds. */
        int round(long pingTs) {
            return roundOfPing.computeIfAbsent(pingTs, ts -> {
                if (ts <= after || started.get() >= rounds) {
                    return -1;
                }
                lastRoundStart.set(System.nanoTime());
                return started.getAndIncrement();
            });
        }

        List<Long> sorted() {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted;
        }
    }

    /** One device: its own connection, answering PINGs and timing the CUP its stale PONG brings. */
    private final class Device {
        final int index;
        final String type;
        final String uid;
        final Mqtt3AsyncClient client;
        // System.nanoTime() of a stale PONG whose answer has not come yet, else 0
        final AtomicLong pending = new AtomicLong();

        Device(int index, String type, String uid) {
            this.index = index;
            this.type = type;
            this.uid = uid;
            this.client = MqttClient.builder().useMqttVersion3().identifier(type + "_" + uid)
                    .serverHost("127.0.0.1").serverPort(brokerPort())
                    .executorConfig(executor).buildAsync();
        }

        CompletableFuture<?> connect() {
            return login(client).cleanSession(true).keepAlive(60).send()
                    .thenCompose(ack -> client.subscribeWith()
                            .addSubscription().topicFilter(type + "/all/#").qos(MqttQos.AT_MOST_ONCE).applySubscription()
                            .addSubscription().topicFilter(type + "/" + uid + "/#").qos(MqttQos.AT_MOST_ONCE)
                            .applySubscription()
                            .callback(this::received)
                            .send());
        }

        void publish(String topic, String payload) {
            client.publishWith().topic(topic).qos(qos).payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        }

        private void received(Mqtt3Publish message) {
            List<String> levels = message.getTopic().getLevels();
            String command = levels.get(levels.size() - 1);
            if (command.equals("ping")) {
                ping(timestamp(message));
            } else if (command.equals("cup")) {
                long sent = pending.getAndSet(0);
                Phase current = phase;
                if (sent != 0 && current != null) {
                    current.latencies.add(System.nanoTime() - sent);
                }
            }
        }

        private void ping(long pingTs) {
            Phase current = phase;
            if (current == null) {
                return;
            }
            int round = current.round(pingTs);
            if (round < 0) {
                return;
            }
            boolean stale = index % 10 == (current.first + round) % 10;
            if (stale) {
                pending.set(System.nanoTime());
            }
            current.pongs.incrementAndGet();
            long ts = stale ? pingTs - 600 : pingTs - PING_SECONDS;
            if (current.echo) {
                publish("echo/" + type + "/pong", "{\"timestamp\": " + ts + ", \"uid\": \"" + uid + "\"}");
            } else {
                publish("ask/" + type + "/" + uid + "/pong", "{\"timestamp\": " + ts + "}");
            }
        }
    }
}
