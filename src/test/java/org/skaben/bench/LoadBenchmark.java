package org.skaben.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.skaben.cluster.PrivateMosquitto;
import org.skaben.cluster.PrivatePostgres;
import org.skaben.device.Json;

/**
 * Load generator: starts the packaged server (target/skaben-server.jar, -Xmx256m or -Dbench.server-heap) as its own process, plays N
 * devices through its broker (its embedded one, or mosquitto) and prints, from one run:
 * the raw broker rate (publisher to a plain subscriber, same broker), the server's end-to-end rate (received,
 * processed and persisted), their ratio, PONG-to-CUP latency percentiles with every device pinged, and the
 * server's heap. With {@code -Dbench.preload-journal=1000000 -Dbench.preload-tasks=500000} it first writes a
 * weekend's game into the database ({@link WeekendPreload}), printing how long that took and the database's size;
 * the journal queries a game master makes are timed on the database either way.
 *
 * <pre>mvn -q -DskipTests package exec:java [-Dbench.devices=1000 -Dbench.messages=50000 -Dbench.qos=1 -Dbench.rounds=3]</pre>
 * On mosquitto and PostgreSQL (both private ones the benchmark starts, and stops at its end):
 * <pre>... exec:java -Dbench.broker=mosquitto -Dbench.db=postgres [-Dbench.cluster=true]</pre>
 * The clients log in as the shared device user, or with {@code -Dbench.login=anonymous} without one ({@link BenchServer#LOGIN}).
 */
public final class LoadBenchmark {

    private static final int DEVICES = Integer.getInteger("bench.devices", 1000);
    private static final int MESSAGES = Integer.getInteger("bench.messages", 50_000);
    private static final int QOS = Integer.getInteger("bench.qos", 1);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 30_000);
    private static final int MAX_WARMUP_RUNS = Integer.getInteger("bench.max-warmup-runs", 12);
    private static final int PING_SECONDS = Integer.getInteger("bench.ping-seconds", 10);
    private static final int SUP_PERCENT = Integer.getInteger("bench.sup-percent", 10);
    private static final int INFO_PERCENT = Integer.getInteger("bench.info-percent", 10);
    private static final int WINDOW = 1000;
    private static final String TS = "@ts@";
    // the server's broker, which the raw baseline uses too: embedded (the server's own), mosquitto (a private one
    // started here with the settings of src/test/resources/bench/mosquitto.conf), or tcp://host:port (one running)
    private static final String BROKER = System.getProperty("bench.broker", "embedded");
    // the server's (and its embedded broker's) -Xmx: 256m keeps the figures comparable with those measured before;
    // a server started as README says gets the JVM's default, a quarter of the machine's memory
    private static final String SERVER_HEAP = System.getProperty("bench.server-heap", "256m");
    // the server's database: hsqldb (a file in the run's folder), postgres (a private PostgreSQL started here, with
    // its durable defaults), or jdbc:... (one running; -Dbench.db-username, -Dbench.db-password)
    private static final String DB = System.getProperty("bench.db", System.getProperty("bench.db-url", "hsqldb"));
    // the server as one instance of a cluster (skaben.cluster.enabled: shared subscription, persistent session,
    // leases in the database); needs a broker other than the embedded one and PostgreSQL
    private static final boolean CLUSTER = Boolean.getBoolean("bench.cluster");

    private String brokerName = "embedded broker";
    private PrivateMosquitto mosquitto;
    private String dbUrl;
    private String dbUsername = System.getProperty("bench.db-username", "");
    private String dbPassword = System.getProperty("bench.db-password", "");
    private String dbName;
    // a weekend's game written into the database before anything is measured (WeekendPreload); 0: none
    private static final int PRELOAD_JOURNAL = Integer.getInteger("bench.preload-journal", 0);
    private static final int PRELOAD_TASKS = Integer.getInteger("bench.preload-tasks", 0);
    private static final int QUERY_REPEATS = 7;
    private final List<String> uids = new ArrayList<>();
    private final Random random = new Random(42);
    private ServerProcess server;
    private String broker;

    public static void main(String[] args) throws Exception {
        new LoadBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        for (int i = 0; i < DEVICES; i++) {
            uids.add(String.format("b0%010x", i));
        }
        Path data = Files.createTempDirectory("skaben-bench");
        startBroker(data);
        startDatabase(data);
        startServer(data);
        try {
            System.out.printf("SKABEN benchmark: %d devices, %d messages per run (%d %% SUP, %d %% INFO, the rest PONG), "
                    + "QoS %d, server -Xmx" + SERVER_HEAP + "%s, %s, %s%n%n", DEVICES, MESSAGES, SUP_PERCENT, INFO_PERCENT, QOS,
                    CLUSTER ? " as one cluster instance" : "", brokerName, dbName);
            if (PRELOAD_JOURNAL > 0 || PRELOAD_TASKS > 0) {
                weekend(data);
            }
            register();
            journalQueries();
            // both paths warm up first (JIT, connection pools), then alternate; the median of each is reported.
            // The server's JIT takes several runs (its rate still rises run after run, the compiler busy on one
            // of the two cores): warm-up goes on until two server runs in a row are no more than 5 % faster
            // than the best before them
            System.out.println("warm-up ...");
            rawBrokerRate(WARMUP);
            double best = serverRate(WARMUP);
            int flat = 0;
            for (int i = 0; i < MAX_WARMUP_RUNS && flat < 2; i++) {
                rawBrokerRate(MESSAGES);
                double now = serverRate(MESSAGES);
                flat = now < 1.05 * best ? flat + 1 : 0;
                best = Math.max(best, now);
            }
            System.out.println("measured runs ...");
            List<Double> raw = new ArrayList<>();
            List<Double> e2e = new ArrayList<>();
            List<Double> rawCpu = new ArrayList<>();
            List<Double> e2eCpu = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                raw.add(rawBrokerRate(MESSAGES));
                rawCpu.add(lastCpuMicros);
                e2e.add(serverRate(MESSAGES));
                e2eCpu.add(lastCpuMicros);
            }
            double rawMedian = median(raw);
            double e2eMedian = median(e2e);
            System.out.printf("%nthroughput at QoS %d, median of %d runs (msg/s)%n", QOS, RUNS);
            System.out.printf("  raw broker (publisher -> plain subscriber)   %8.0f   runs %s%n", rawMedian, rates(raw));
            System.out.printf("  server end-to-end (processed and persisted)  %8.0f   runs %s%n", e2eMedian, rates(e2e));
            System.out.printf("  ratio                                        %8.2f%n", e2eMedian / rawMedian);
            // what a message costs the server's process (its embedded broker included), whatever else the machine
            // runs; the raw path's figure is the embedded broker's forwarding (on an external broker: the idle server's)
            System.out.printf("  server process CPU per message (us), median: raw path %.1f, server path %.1f%n%n",
                    median(rawCpu), median(e2eCpu));
            latency();
            heap();
            pruned();
        } finally {
            server.stop();
            if (mosquitto != null) {
                mosquitto.close();
                System.out.println("mosquitto's log: " + mosquitto.log());
            }
        }
    }

    private void startBroker(Path data) throws Exception {
        if (BROKER.equals("mosquitto")) {
            mosquitto = privateMosquitto(data.resolve("mosquitto"));
            broker = mosquitto.url();
            brokerName = "private mosquitto " + broker + " (bench/mosquitto.conf)";
        } else if (!BROKER.equals("embedded")) {
            broker = BROKER;
            brokerName = "broker " + broker;
        } else if (CLUSTER) {
            throw new IllegalArgumentException("-Dbench.cluster=true needs -Dbench.broker=mosquitto or tcp://...");
        }
    }

    /**
     * A private mosquitto with src/test/resources/bench/mosquitto.conf. It lets the load generator's clients in
     * whatever user name they give (no password file); nothing is kept beyond the run (persistence only saves at an
     * interval and at the end, and mosquitto started as root saves as the user mosquitto, who may not write to the
     * run's folder).
     */
    static PrivateMosquitto privateMosquitto(Path dir) throws Exception {
        String settings;
        try (var in = LoadBenchmark.class.getResourceAsStream("/bench/mosquitto.conf")) {
            settings = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return PrivateMosquitto.start(dir, settings + "allow_anonymous true\npersistence false\n");
    }

    private void startDatabase(Path data) throws Exception {
        if (DB.equals("postgres")) {
            // a folder of its own outside the run's (which only root may enter): as root, PostgreSQL runs as postgres
            PrivatePostgres postgres = PrivatePostgres.start(Files.createTempDirectory("skaben-bench-pg"), true);
            dbUrl = postgres.url();
            dbUsername = PrivatePostgres.USER;
            dbName = "private PostgreSQL " + dbUrl + " (fsync on)";
        } else if (DB.startsWith("jdbc:")) {
            dbUrl = DB;
            dbName = dbUrl;
        } else {
            dbUrl = BenchServer.hsqldbUrl(data);
            dbUsername = "SA";
            dbName = "HSQLDB file";
        }
        if (CLUSTER && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("-Dbench.cluster=true needs -Dbench.db=postgres or a jdbc:postgresql: URL");
        }
    }

    /**
     * The server has made the schema (Flyway); it is stopped, a weekend's rows are written into its database file,
     * and it starts again on them.
     */
    private void weekend(Path data) throws Exception {
        if (!dbUrl.equals(BenchServer.hsqldbUrl(data))) {
            throw new IllegalStateException("bench.preload-* writes the default HSQLDB file, not " + dbUrl);
        }
        server.stop();
        System.out.printf("a weekend's game (%d journal rows, %d task ids over %d h) ...%n", PRELOAD_JOURNAL,
                PRELOAD_TASKS, WeekendPreload.WEEKEND.toHours());
        WeekendPreload.Loaded loaded = new WeekendPreload(BenchServer.hsqldbUrl(data), uids, LoadBenchmark::type)
                .load(PRELOAD_JOURNAL, PRELOAD_TASKS, System.currentTimeMillis(), data.resolve("db"));
        System.out.printf("  written in %.1f s (%.0f rows/s); database on disk %.1f MB (%s)%n", loaded.seconds(),
                (loaded.journalRows() + loaded.taskIds()) / loaded.seconds(), loaded.bytesOnDisk() / 1e6,
                data.resolve("db"));
        long t0 = System.nanoTime();
        // on new ports (ServerProcess): the embedded broker's too
        server.start();
        broker = server.brokerUrl();
        System.out.printf("  server ready again on it in %.1f s%n%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * What a game master's console asks of the journal (GET /api/events, 100 entries: one device's, one kind's, the
     * newest of all; and how many SUPs came in the last hour), each asked QUERY_REPEATS times; the median and range.
     */
    private void journalQueries() throws Exception {
        System.out.printf("journal queries through the REST API, %d times each (median, min-max):%n", QUERY_REPEATS);
        Instant hourAgo = Instant.now().minusSeconds(3600);
        timeQuery("by device   GET /api/events?device=<uid>", i -> "/api/events?device=" + uids.get(i * 37 % uids.size()));
        timeQuery("by kind     GET /api/events?kind=info", i -> "/api/events?kind=info");
        timeQuery("newest page GET /api/events", i -> "/api/events");
        timeQuery("count       GET /api/events/count?kind=sup&since=<1 h ago>",
                i -> "/api/events/count?kind=sup&since=" + hourAgo);
        System.out.println();
    }

    private void timeQuery(String label, IntFunction<String> path) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < QUERY_REPEATS; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> answer = get(path.apply(i));
            millis.add((System.nanoTime() - t0) / 1e6);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path.apply(i) + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("  %-58s %8.1f ms  (%.1f-%.1f)%n", label, median(millis), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    /** Task ids the server pruned while the benchmark ran (skaben_task_ids_pruned_total), when it counts them. */
    private void pruned() throws Exception {
        get("/metrics").body().lines().filter(line -> line.startsWith("skaben_task_ids_pruned_total"))
                .forEach(line -> System.out.printf("%ntask ids pruned by the server during the benchmark: %s%n",
                        line.substring(line.lastIndexOf(' ') + 1)));
    }

    private void startServer(Path data) throws Exception {
        server = new ServerProcess(data, SERVER_HEAP, PING_SECONDS, "");
        if (broker != null) {
            server.with("skaben.mqtt.embedded", "false").with("skaben.mqtt.url", broker);
        }
        server.with("skaben.db.url", dbUrl).with("skaben.db.username", dbUsername)
                .with("skaben.db.password", dbPassword)
                // the cluster's instance id names its client ids and its session at the broker
                .with("skaben.cluster.enabled", String.valueOf(CLUSTER))
                .with("skaben.instance.id", CLUSTER ? "bench-1" : "");
        broker = server.brokerUrl();
        server.start();
    }

    /** Every device says hello once, so the runs below measure known devices. */
    private void register() throws Exception {
        long t0 = System.nanoTime();
        // registrations journaled from now (a preloaded weekend has its own)
        long since = System.currentTimeMillis();
        try (Publisher p = new Publisher("bench-register")) {
            System.out.printf("publishers keep up to %d QoS %d messages unacknowledged (the broker's receive maximum "
                    + "caps the benchmark's %d)%n", p.size, QOS, WINDOW);
            for (String uid : uids) {
                p.publish("ask/" + type(uid) + "/" + uid + "/pong", pong(now() - 5, null));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count("registered", since) < DEVICES && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.printf("registered %d devices in %.1f s%n", count("registered", since),
                (System.nanoTime() - t0) / 1e9);
    }

    // the server process's CPU time per message in the last run (rawBrokerRate or serverRate), microseconds
    private double lastCpuMicros;

    /** Publisher to a plain subscriber through the same broker: the ceiling for anything behind it. */
    private double rawBrokerRate(int messages) throws Exception {
        CountDownLatch done = new CountDownLatch(messages);
        MqttClient subscriber = new MqttClient(broker, "bench-raw-sub", new MemoryPersistence());
        subscriber.connect(options());
        subscribe(subscriber, "raw/#", QOS, (topic, message) -> done.countDown());
        List<String[]> packets = mix(messages);
        long t0;
        long cpu0 = server.cpuNanos();
        try (Publisher p = new Publisher("bench-raw-pub")) {
            t0 = System.nanoTime();
            for (String[] packet : packets) {
                p.publish("raw/" + packet[0], stamped(packet[1]));
            }
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw subscriber got " + (messages - done.getCount()));
            }
        }
        double rate = messages / ((System.nanoTime() - t0) / 1e9);
        lastCpuMicros = (server.cpuNanos() - cpu0) / 1e3 / messages;
        subscriber.disconnect();
        subscriber.close();
        System.out.printf("raw broker: %d messages at %.0f msg/s, server process CPU %.1f us/msg%n", messages, rate,
                lastCpuMicros);
        return rate;
    }

    /**
     * The realistic mix through the server; done when every packet's handling has finished (the server's
     * skaben_packets_handled_total grew by all of them: its route done, the broker acknowledged) and a marker sent
     * last is journaled, checked in the database.
     */
    private double serverRate(int messages) throws Exception {
        List<String[]> packets = mix(messages);
        long sups = packets.stream().filter(p -> p[0].endsWith("/sup")).count();
        long infos = packets.stream().filter(p -> p[0].endsWith("/info")).count();
        long since = System.currentTimeMillis();
        long handledBefore = handled();
        String marker = "bench" + Long.toHexString(System.nanoTime());
        long t0;
        long cpu0 = server.cpuNanos();
        try (Publisher p = new Publisher("bench-e2e-pub")) {
            t0 = System.nanoTime();
            for (String[] packet : packets) {
                p.publish("ask/" + packet[0], stamped(packet[1]));
            }
            p.publish("ask/lock/" + uids.get(0) + "/info",
                    "{\"timestamp\": " + now() + ", \"datahold\": {\"marker\": \"" + marker + "\"}}");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        // the marker first (/metrics costs the server more than a journal query); a server from before
        // skaben_packets_handled_total (-Dbench.server-dir): the marker alone ends its run
        while (!get("/api/events?kind=info&device=" + uids.get(0) + "&limit=1").body().contains(marker)
                || handledBefore >= 0 && handled() < handledBefore + messages + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server did not finish in 300 s");
            }
            // every query costs the server a little: often enough for a 1 % error on a run of 10 s
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        lastCpuMicros = (server.cpuNanos() - cpu0) / 1e3 / messages;
        long storedSups = count("sup", since);
        long storedInfos = count("info", since) - 1;
        double rate = messages / seconds;
        System.out.printf("server: %d messages (%d PONG, %d SUP, %d INFO) at %.0f msg/s, process CPU %.1f us/msg; "
                        + "stored SUP %d/%d, INFO %d/%d%s%n",
                messages, messages - sups - infos, sups, infos, rate, lastCpuMicros, storedSups, sups, storedInfos, infos,
                storedSups == sups && storedInfos == infos ? "" : "  <-- LOST");
        return rate;
    }

    /**
     * Every device answers every PING with a PONG; a tenth of them per round carry a stale timestamp, so the
     * server must send them a CUP. Latency is PONG publish to CUP arrival. The baseline, measured first, is the
     * same rounds answered by a plain client through the same broker: it receives the PONGs at the server's
     * QoS and answers each stale one at once (the least any server could do).
     */
    private void latency() throws Exception {
        System.out.printf("PONG->CUP: %d rounds, every device pinged every %d s ...%n", ROUNDS, PING_SECONDS);
        MqttClient echo = new MqttClient(broker, "bench-echo", new MemoryPersistence());
        echo.connect(options());
        long staleBefore = now() - 60;
        List<Long> raw;
        try (Publisher answers = new Publisher("bench-echo-out")) {
            subscribe(echo, "echo/+/+/pong", 1, (topic, message) -> {
                long ts = ((Number) Json.readObject(new String(message.getPayload(), StandardCharsets.UTF_8))
                        .get("timestamp")).longValue();
                if (ts < staleBefore) {
                    answers.publish("echo-cup/" + topic.split("/")[2], "{}");
                }
            });
            raw = rounds("echo/", "echo-cup/+", 1, null);
        }
        echo.disconnect();
        echo.close();
        long since = System.currentTimeMillis();
        List<Long> server = rounds("ask/", "lock/+/cup", 1, "lock/all/ping");
        print("  raw broker (plain client answers)", raw);
        print("  server", server);
    }

    /**
     * ROUNDS rounds of every device answering, triggered by the server's PING (ping topic given) or every
     * PING_SECONDS by the benchmark itself; returns the latencies of the CUPs that reached the stale devices.
     */
    private List<Long> rounds(String pongPrefix, String cupTopic, int cupUidLevel, String pingTopic) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch rounds = new CountDownLatch(ROUNDS);
        MqttClient devices = new MqttClient(broker, "bench-devices", new MemoryPersistence());
        devices.connect(options());
        try (Publisher p = new Publisher("bench-pong")) {
            subscribe(devices, cupTopic, 0, (topic, m) -> cup(topic.split("/")[cupUidLevel], sentAt, latencies));
            if (pongPrefix.equals("ask/")) {
                subscribe(devices, "terminal/+/cup", 0, (topic, m) -> cup(topic.split("/")[1], sentAt, latencies));
            }
            if (pingTopic != null) {
                subscribe(devices, pingTopic, 0, (topic, message) -> {
                    if (rounds.getCount() == 0) {
                        return;
                    }
                    long ts = ((Number) Json.readObject(new String(message.getPayload(), StandardCharsets.UTF_8))
                            .get("timestamp")).longValue();
                    new Thread(() -> answer(p, pongPrefix, ts, sentAt, rounds)).start();
                });
                rounds.await(ROUNDS * PING_SECONDS + 60L, TimeUnit.SECONDS);
            } else {
                while (rounds.getCount() > 0) {
                    answer(p, pongPrefix, now(), sentAt, rounds);
                    Thread.sleep(TimeUnit.SECONDS.toMillis(PING_SECONDS));
                }
            }
            Thread.sleep(2000);
        }
        devices.disconnect();
        devices.close();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (!sentAt.isEmpty()) {
            System.out.printf("  (%d stale PONGs got no CUP)%n", sentAt.size());
        }
        return sorted;
    }

    static void print(String label, List<Long> sorted) {
        System.out.printf("%-36s %5d CUPs: p50 %6.1f ms, p90 %6.1f ms, p99 %6.1f ms, max %6.1f ms%n", label,
                sorted.size(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    }

    private void answer(Publisher p, String prefix, long pingTs, Map<String, Long> sentAt, CountDownLatch rounds) {
        try {
            int round = (int) (ROUNDS - rounds.getCount());
            for (int i = 0; i < uids.size(); i++) {
                String uid = uids.get(i);
                boolean stale = i % 10 == round % 10;
                long ts = stale ? pingTs - 600 : pingTs - PING_SECONDS;
                if (stale) {
                    sentAt.put(uid, System.nanoTime());
                }
                p.publish(prefix + type(uid) + "/" + uid + "/pong", pong(ts, null));
            }
            rounds.countDown();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /** Paho 1.2.5's subscribe(String, int, listener) recurses forever; the array form works. */
    private static void subscribe(MqttClient client, String topic, int qos, IMqttMessageListener listener)
            throws Exception {
        client.subscribe(new MqttSubscription[] {new MqttSubscription(topic, qos)},
                new IMqttMessageListener[] {listener});
    }

    private static void cup(String uid, Map<String, Long> sentAt, List<Long> latencies) {
        Long sent = sentAt.remove(uid);
        if (sent != null) {
            latencies.add(System.nanoTime() - sent);
        }
    }

    private void heap() throws Exception {
        System.out.printf("%nserver heap after GC (-Xmx%s, %d devices):%n%s", SERVER_HEAP, DEVICES, server.heapAfterGc());
    }

    /** By default 80 % PONG, 10 % SUP, 10 % INFO, spread over the devices; SUP and INFO with unique task ids. */
    private List<String[]> mix(int messages) {
        List<String[]> packets = new ArrayList<>(messages);
        String ts = TS;
        for (int i = 0; i < messages; i++) {
            String uid = uids.get(random.nextInt(uids.size()));
            String type = type(uid);
            int kind = random.nextInt(100);
            String task = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            if (kind < SUP_PERCENT) {
                String field = type.equals("lock") ? "closed" : "hacked";
                packets.add(new String[] {type + "/" + uid + "/sup", "{\"timestamp\": " + ts + ", \"task_id\": \"" + task
                        + "\", \"datahold\": {\"" + field + "\": " + random.nextBoolean() + "}}"});
            } else if (kind < SUP_PERCENT + INFO_PERCENT) {
                packets.add(new String[] {type + "/" + uid + "/info", "{\"timestamp\": " + ts + ", \"task_id\": \"" + task
                        + "\", \"datahold\": {\"type\": \"access\", \"content\": \"" + (100000 + random.nextInt(900000))
                        + "\", \"success\": " + random.nextBoolean() + "}}"});
            } else {
                packets.add(new String[] {type + "/" + uid + "/pong", "{\"timestamp\": " + ts + "}"});
            }
        }
        return packets;
    }

    /**
     * A device answers with the timestamp of the last PING it got, so the timestamp is set when the packet is
     * published (a slow run must not make its own PONGs stale and bring CUPs the mix does not ask for).
     */
    private static String stamped(String payload) {
        return payload.replace(TS, Long.toString(now() - 5));
    }

    static String type(String uid) {
        return uid.hashCode() % 5 == 0 ? "terminal" : "lock";
    }

    private static String pong(long ts, String hash) {
        return hash == null ? "{\"timestamp\": " + ts + "}" : "{\"timestamp\": " + ts + ", \"hash\": \"" + hash + "\"}";
    }

    private long count(String kind, long since) throws Exception {
        return server.count(kind, since);
    }

    /** Device packets the server has finished with, all commands (skaben_packets_handled_total in /metrics); -1 if none. */
    private long handled() throws Exception {
        double sum = 0;
        boolean counted = false;
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith("skaben_packets_handled_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                counted = true;
            }
        }
        return counted ? Math.round(sum) : -1;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return server.get(path);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String rates(List<Double> values) {
        return values.stream().map(v -> String.format("%.0f", v)).toList().toString();
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(WINDOW);
        if (BenchServer.deviceLogin()) {
            options.setUserName(BenchServer.DEVICE_USER);
            options.setPassword(BenchServer.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    /**
     * An MQTT 5 publisher with a window of in-flight messages; close() waits for every acknowledgement. The window
     * is the broker's receive maximum when that is smaller (mosquitto's max_inflight_messages, 20 by default):
     * Paho refuses a publish beyond it ("Too many publishes in progress").
     */
    private final class Publisher implements AutoCloseable {
        private final MqttAsyncClient client;
        private final int size;
        private final Semaphore window;
        private final MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                window.release();
                error.printStackTrace();
            }
        };

        Publisher(String clientId) throws Exception {
            client = new MqttAsyncClient(broker, clientId, new MemoryPersistence());
            IMqttToken connected = client.connect(options());
            connected.waitForCompletion(10_000);
            size = Math.min(WINDOW, receiveMaximum(connected));
            window = new Semaphore(size);
        }

        void publish(String topic, String payload) throws Exception {
            window.acquire();
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(QOS);
            try {
                client.publish(topic, message, null, release);
            } catch (MqttException | RuntimeException refused) {
                // not sent, so no acknowledgement will release it: close() would otherwise wait forever and
                // hide this error
                window.release();
                throw refused;
            }
        }

        @Override
        public void close() throws Exception {
            window.acquire(size);
            window.release(size);
            client.disconnect().waitForCompletion(10_000);
            client.close();
        }
    }

    /** The broker's receive maximum from its CONNACK: 65,535 (MQTT 5's default) when it sent none. */
    private static int receiveMaximum(IMqttToken connected) {
        MqttProperties properties = connected.getResponseProperties();
        Integer maximum = properties == null ? null : properties.getReceiveMaximum();
        return maximum == null ? 65_535 : maximum;
    }
}
