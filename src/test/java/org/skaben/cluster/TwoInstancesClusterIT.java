package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.device.Json;
import org.skaben.it.TestDevice;

/**
 * Two servers, one dungeon (issue 14): instances node-a and node-b, each the packaged jar in its own JVM, share
 * a private mosquitto (device packets split by an MQTT 5 shared subscription) and the tests' PostgreSQL (the
 * game, the journal, the leader's lease). Started once for the class; the tests that freeze, kill or cut off
 * a server come last. Which instance handled a packet or sent a PING is told by its own GET /metrics
 * (skaben_packets_in_total, skaben_packets_out_total{command="ping"}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesClusterIT {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(TwoInstancesClusterIT.class);

    private static final int PING_SECONDS = 3;
    // the leader's and every membership lease: failover (lease, plus a renew interval, plus the routes' start)
    // and the start of a dead instance's drain well within two ping intervals
    private static final int LEASE_SECONDS = 2;
    private static final String ASK_CONFIG = "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}";

    private final Path dir = Path.of("target", "cluster-it", "two-instances");
    private PrivateMosquitto mosquitto;
    private SharedJournal journal;
    private ServerProcess a;
    private ServerProcess b;
    private final List<TestDevice> devices = new ArrayList<>();

    @BeforeAll
    void startTheCluster() throws Exception {
        if (!ClusterPrerequisites.met()) {
            return;
        }
        journal = new SharedJournal(POSTGRES);
        mosquitto = PrivateMosquitto.start(dir.resolve("mosquitto"));
        a = ServerProcess.start("node-a", dir, clusterSettings("node-a"));
        b = ServerProcess.start("node-b", dir, clusterSettings("node-b"));
        long starting = System.nanoTime();
        a.awaitReady(Duration.ofSeconds(120));
        b.awaitReady(Duration.ofSeconds(120));
        System.out.printf("both instances ready after %d ms%n", (System.nanoTime() - starting) / 1_000_000);
    }

    private Map<String, String> clusterSettings(String instance) {
        Map<String, String> settings = new HashMap<>(POSTGRES.serverSettings());
        settings.putAll(Map.of(
                "skaben.cluster.enabled", "true",
                "skaben.instance.id", instance,
                "skaben.mqtt.embedded", "false",
                "skaben.mqtt.url", mosquitto.url(),
                "skaben.ping.interval-seconds", String.valueOf(PING_SECONDS),
                "skaben.cluster.lease-seconds", String.valueOf(LEASE_SECONDS),
                "skaben.retry.delay-millis", "10"));
        return settings;
    }

    @BeforeEach
    void skipOrFailWithoutPrerequisites() {
        ClusterPrerequisites.check();
    }

    @AfterAll
    void stopTheCluster() throws Exception {
        for (TestDevice d : devices) {
            d.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {a, b, mosquitto}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void aThousandPacketsAreSplitOverBothInstancesAndEachIsHandledOnce() throws Exception {
        List<TestDevice> locks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            locks.add(registered("lock"));
        }
        List<String> uids = locks.stream().map(TestDevice::uid).toList();
        long mark = journal.mark();
        long[] before = {handled(a), handled(b)};
        long pongsBefore = a.packetsIn("pong") + b.packetsIn("pong");
        long now = System.currentTimeMillis() / 1000;

        // 100 packets per device, a third each PONG, SUP, INFO; QoS 1, so the broker has each once sent
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sending = new ArrayList<>();
        for (int d = 0; d < locks.size(); d++) {
            TestDevice lock = locks.get(d);
            int first = d * 100;
            sending.add(senders.submit(() -> {
                for (int k = first; k < first + 100; k++) {
                    switch (k % 3) {
                        case 0 -> lock.sendAcknowledged("pong", "{\"timestamp\": " + now + "}");
                        case 1 -> lock.sendAcknowledged("sup", "{\"timestamp\": " + now + ", \"task_id\": \"s" + k
                                + "\", \"datahold\": {\"closed\": " + (k % 2 == 0) + "}}");
                        default -> lock.sendAcknowledged("info", "{\"timestamp\": " + now + ", \"task_id\": \"i" + k
                                + "\", \"datahold\": {\"level\": \"info\", \"message\": \"packet " + k + "\"}}");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : sending) {
            f.get();
        }
        senders.shutdown();
        int pongs = 334;
        int sups = 333;
        int infos = 333;

        Waits.until("every SUP and INFO journaled", Duration.ofSeconds(60), () ->
                journal.details("sup", uids, mark).size() + journal.details("info", uids, mark).size()
                        >= sups + infos);
        // a witness per device, after its thousand: once they are journaled, a late duplicate would have shown
        for (TestDevice lock : locks) {
            lock.sendAcknowledged("info", "{\"timestamp\": " + now + ", \"task_id\": \"w" + lock.uid()
                    + "\", \"datahold\": {\"level\": \"info\", \"message\": \"witness " + lock.uid() + "\"}}");
        }
        Waits.until("the witnesses journaled", Duration.ofSeconds(30), () ->
                journal.details("info", uids, mark).stream().filter(d -> d.contains("witness")).count()
                        == locks.size());
        Waits.until("every PONG counted", Duration.ofSeconds(30), () ->
                a.packetsIn("pong") + b.packetsIn("pong") - pongsBefore >= pongs);

        List<String> infoDetails = journal.details("info", uids, mark);
        assertEquals(sups, journal.details("sup", uids, mark).size(), "SUP journal rows");
        assertEquals(infos + locks.size(), infoDetails.size(), "INFO journal rows");
        assertEquals(infoDetails.size(), new HashSet<>(infoDetails).size(), "an INFO journaled twice");
        assertEquals(List.of(), journal.details("refused", uids, mark), "refusals (a duplicate task_id is one)");
        assertEquals(pongs, a.packetsIn("pong") + b.packetsIn("pong") - pongsBefore, "PONGs handled");
        long byA = handled(a) - before[0];
        long byB = handled(b) - before[1];
        System.out.printf("1,000 packets (+%d witnesses): node-a handled %d, node-b %d%n", locks.size(), byA, byB);
        assertTrue(byA >= 250 && byB >= 250, "each instance handles at least a quarter: node-a " + byA
                + ", node-b " + byB);
    }

    @Test
    @Order(2)
    void aConfigChangedOnAIsWhatBAnswersAPongWithTheNewHashWith() throws Exception {
        TestDevice lock = registered("lock");
        long mark = journal.mark();
        a.ok("PUT", "/api/devices/" + lock.uid() + "/config", "{\"timer\": 17}");
        List<TestDevice.Received> cups = new ArrayList<>();
        TestDevice.Received pushed = Waits.until("node-a's CUP with timer 17", Duration.ofSeconds(10), () -> {
            cups.addAll(lock.takeAll().stream().filter(r -> r.topic().endsWith("/cup")).toList());
            return cups.stream().filter(r -> "17".equals(String.valueOf(r.datahold().get("timer")))).findFirst()
                    .orElse(null);
        });
        String hash = String.valueOf(pushed.datahold().get("hash"));

        // at once, the device confirms the new hash until node-b has had a PONG; then asks for its config until
        // node-b has answered once: node-b handles its packets in order, so a stale CUP of its would come first
        sendUntilHandledBy(b, lock, "pong", k -> "{\"timestamp\": " + System.currentTimeMillis() / 1000
                + ", \"hash\": \"" + hash + "\"}");
        int asked = sendUntilHandledBy(b, lock, "cup", k -> ASK_CONFIG);

        for (TestDevice.Received cup : cupsUntilAnswered(lock, mark, asked, cups)) {
            assertEquals(hash, cup.datahold().get("hash"), "a CUP with another config than the new one: " + cup);
            assertEquals("17", String.valueOf(cup.datahold().get("timer")), cup.payload());
        }
    }

    @Test
    @Order(3)
    void aStateSwitchedOnAIsInTheCupBSendsADevice() throws Exception {
        TestDevice lock = registered("lock");
        String current = String.valueOf(a.ok("GET", "/api/alert/counter", null).get("state"));
        String target = "blue".equals(current) ? "cyan" : "blue";
        String targetId = stateId(target);
        long mark = journal.mark();
        a.ok("POST", "/api/alert/states/" + target + "/current", null);

        int asked = sendUntilHandledBy(b, lock, "cup", k -> ASK_CONFIG);
        for (TestDevice.Received cup : cupsUntilAnswered(lock, mark, asked, new ArrayList<>())) {
            assertEquals(targetId, String.valueOf(cup.datahold().get("alert")), "a CUP of the old state: " + cup);
        }
        Waits.until("node-b's API shows " + target, Duration.ofSeconds(2), () ->
                target.equals(b.ok("GET", "/api/alert/counter", null).get("state")));
    }

    @Test
    @Order(4)
    void counterChangesThroughBothInstancesAtOnceAddUp() throws Exception {
        a.ok("POST", "/api/alert/states/green/current", null);
        int start = ((Number) a.ok("GET", "/api/alert/counter", null).get("value")).intValue();
        int each = 40;
        ExecutorService operators = Executors.newFixedThreadPool(2);
        List<Future<?>> changes = new ArrayList<>();
        for (ServerProcess server : List.of(a, b)) {
            changes.add(operators.submit(() -> {
                for (int i = 0; i < each; i++) {
                    server.ok("POST", "/api/alert/counter", "{\"delta\": 1, \"reason\": \"cluster test\"}");
                }
                return null;
            }));
        }
        for (Future<?> f : changes) {
            f.get();
        }
        operators.shutdown();
        int expected = start + 2 * each;
        for (ServerProcess server : List.of(a, b)) {
            Waits.until(server.name() + " shows the counter at " + expected, Duration.ofSeconds(5), () ->
                    ((Number) server.ok("GET", "/api/alert/counter", null).get("value")).intValue() == expected);
        }
        // back to white, where the tests after this one register their locks
        a.ok("POST", "/api/alert/states/white/current", null);
    }

    @Test
    @Order(5)
    void pingsComeFromExactlyOneInstance() throws Exception {
        ServerProcess leader = leader();
        long[] before = {a.packetsOut("ping"), b.packetsOut("ping")};
        TestDevice watcher = device("lock");
        for (int period = 0; period < 3; period++) {
            watcher.await("ping", Duration.ofSeconds(3L * PING_SECONDS));
        }
        long byA = a.packetsOut("ping") - before[0];
        long byB = b.packetsOut("ping") - before[1];
        System.out.printf("PINGs over three periods: node-a %d, node-b %d%n", byA, byB);
        assertTrue(byA > 0 != byB > 0, "PINGs from one instance: node-a sent " + byA + ", node-b " + byB);
        for (ServerProcess server : List.of(a, b)) {
            String ready = server.get("/health/ready").body();
            System.out.println(server.name() + " readiness: " + ready);
            assertTrue(ready.contains(leader.name()), server.name() + "'s readiness names the leader: " + ready);
        }
    }

    @Test
    @Order(6)
    void bothInstancesReconnectAndResubscribeAfterTheBrokerRestarts() throws Exception {
        mosquitto.stop();
        for (ServerProcess server : List.of(a, b)) {
            Waits.until(server.name() + " not ready without its broker", Duration.ofSeconds(15), () ->
                    server.get("/health/ready").statusCode() == 503);
        }
        mosquitto.startAgain();
        a.awaitReady(Duration.ofSeconds(30));
        b.awaitReady(Duration.ofSeconds(30));
        // resubscribed: each instance gets a share of the device packets again, and PINGs go out
        TestDevice lock = device("lock");
        String info = "{\"timestamp\": 1, \"task_id\": \"%s\", \"datahold\": {\"level\": \"info\", \"message\": \"back\"}}";
        sendUntilHandledBy(a, lock, "info", k -> String.format(info, "ra" + k));
        sendUntilHandledBy(b, lock, "info", k -> String.format(info, "rb" + k));
        lock.await("ping", Duration.ofSeconds(3L * PING_SECONDS));
    }

    @Test
    @Order(7)
    void aFrozenLeaderIsReplacedAndLeadsNoMoreWhenItThaws() throws Exception {
        ServerProcess leader = leader();
        ServerProcess other = other(leader);
        TestDevice watcher = device("lock");
        // just after a PING: the leader's next one is an interval away, and its count is settled
        watcher.await("ping", Duration.ofSeconds(3L * PING_SECONDS));
        long leaderPings = settledPings(leader);
        long otherPings = other.packetsOut("ping");
        leader.pause();
        long frozenAt = System.nanoTime();
        Waits.until(other.name() + " sends PINGs while " + leader.name() + " is frozen", Duration.ofSeconds(60),
                () -> other.packetsOut("ping") > otherPings);
        System.out.printf("%s frozen: %s took over after %d ms%n", leader.name(), other.name(),
                (System.nanoTime() - frozenAt) / 1_000_000);

        leader.resume();
        // it runs again (answers), and the new leader goes on for two more periods: the old one sent nothing
        Waits.until(leader.name() + " answers after SIGCONT", Duration.ofSeconds(20), () ->
                leader.get("/metrics").statusCode() == 200);
        long taken = other.packetsOut("ping");
        watcher.takeAll();
        watcher.await("ping", Duration.ofSeconds(3L * PING_SECONDS));
        watcher.await("ping", Duration.ofSeconds(3L * PING_SECONDS));
        assertTrue(other.packetsOut("ping") > taken, other.name() + " still leads");
        assertEquals(leaderPings, leader.packetsOut("ping"), leader.name() + " sent PINGs after it thawed");
        System.out.println(leader.name() + " readiness after SIGCONT: " + leader.get("/health/ready").body());
    }

    @Test
    @Order(8)
    void aKilledLeaderIsReplacedWithinTwoIntervalsAndNothingAcknowledgedIsLost() throws Exception {
        TestDevice lock = registered("lock");
        List<String> uid = List.of(lock.uid());
        long mark = journal.mark();
        ServerProcess leader = leader();
        ServerProcess survivor = other(leader);
        // one device sends SUP and INFO (QoS 1) without pause before, through and after the kill; a packet
        // counts as sent once the broker acknowledged it
        List<Integer> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> traffic = sender.submit(() -> {
            for (int k = 0; sending.get(); k++) {
                if (k % 2 == 0) {
                    lock.sendAcknowledged("sup", "{\"timestamp\": 1, \"task_id\": \"k" + k
                            + "\", \"datahold\": {\"closed\": " + (k % 4 == 0) + "}}");
                } else {
                    lock.sendAcknowledged("info", "{\"timestamp\": 1, \"task_id\": \"k" + k
                            + "\", \"datahold\": {\"level\": \"info\", \"message\": \"kill " + k + "\"}}");
                }
                sent.add(k);
                // about 80 a second: a steady stream, not a flood the survivor works off for long
                Thread.sleep(10);
            }
            return null;
        });
        Waits.until("traffic through both instances", Duration.ofSeconds(30), () -> sent.size() >= 100);
        long survivorPings = survivor.packetsOut("ping");
        int journaledAtKill = journaled(uid, mark);
        int sentAtKill = sent.size();
        // the log goes on over runs and restarts: the drain of this kill is a line after these
        String drainedLine = "Drained the MQTT session of instance " + leader.name() + ":";
        int drainsBefore = survivor.logLines(drainedLine).size();
        long killedAt = System.nanoTime();
        leader.kill();
        Waits.until(survivor.name() + " sends PINGs", Duration.ofSeconds(30), () ->
                survivor.packetsOut("ping") > survivorPings);
        long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
        int sentAtFailover = sent.size();
        Waits.until("traffic after the failover", Duration.ofSeconds(30), () -> sent.size() >= sentAtFailover + 100);
        sending.set(false);
        traffic.get();
        sender.shutdown();

        int total = sent.size();
        // the survivor, now leading, drains the killed instance's session (what was in flight to it at the kill,
        // and what the broker routed to it since) and says so in its log
        String drained = Waits.until(survivor.name() + " drained " + leader.name() + "'s session",
                Duration.ofSeconds(30), () -> {
                    List<String> drains = survivor.logLines(drainedLine);
                    return drains.size() > drainsBefore ? drains.get(drains.size() - 1) : null;
                });
        boolean allThere = waitForJournal(uid, mark, total);
        String report = String.format("SIGKILL %s: %s pinged after %d ms; at the kill %d packets acknowledged, %d "
                        + "journaled (%d in flight); in all %d acknowledged, %d journaled with %s alone; %s",
                leader.name(), survivor.name(), failoverMillis, sentAtKill, journaledAtKill,
                sentAtKill - journaledAtKill, total, journaled(uid, mark), survivor.name(),
                drained.substring(drained.indexOf("Drained")));
        if (!allThere) {
            report += "; some never journaled within 30 s";
        }
        System.out.println(report);

        List<String> infos = journal.details("info", uid, mark);
        List<String> sups = journal.details("sup", uid, mark);
        assertEquals(total - total / 2, sups.size(), "SUPs acknowledged to the device and journaled; " + report);
        assertEquals(total / 2, infos.size(), "INFOs acknowledged to the device and journaled; " + report);
        assertEquals(total / 2, new HashSet<>(infos).size(), "an INFO journaled twice; " + report);
        assertTrue(failoverMillis <= 2000L * PING_SECONDS, "PINGs again within two intervals; " + report);
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** A device on the shared broker, closed after the class. */
    private TestDevice device(String type) throws Exception {
        TestDevice d = new TestDevice(mosquitto.url(), type, UUID.randomUUID().toString().replace("-", "")
                .substring(0, 12));
        devices.add(d);
        return d;
    }

    /**
     * A device that asked for its config and got it, registered on whichever instance took its request and
     * known to both (a change reaches the other instance within a second), its inbox empty.
     */
    private TestDevice registered(String type) throws Exception {
        TestDevice d = device(type);
        d.sendAcknowledged("cup", ASK_CONFIG);
        d.await("cup", Duration.ofSeconds(10));
        for (ServerProcess server : List.of(a, b)) {
            Waits.until(server.name() + " knows " + d.uid(), Duration.ofSeconds(2), () ->
                    server.get("/api/devices/" + d.uid()).statusCode() == 200);
        }
        d.takeAll();
        return d;
    }

    /** Device packets a server took (PONG, SUP, INFO). */
    private static long handled(ServerProcess server) throws Exception {
        return server.packetsIn("pong") + server.packetsIn("sup") + server.packetsIn("info");
    }

    /**
     * The device sends packets of this command (the k-th made by {@code payload}) until the server has
     * handled one; returns how many it sent. The broker picks the instance of each packet, so this takes a few.
     */
    private static int sendUntilHandledBy(ServerProcess server, TestDevice device, String command,
                                          IntFunction<String> payload) throws Exception {
        long before = server.packetsIn(command);
        for (int k = 1; k <= 30; k++) {
            device.sendAcknowledged(command, payload.apply(k));
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < deadline) {
                if (server.packetsIn(command) > before) {
                    return k;
                }
                Thread.sleep(50);
            }
        }
        return fail(server.name() + " handled none of 30 " + command + " packets");
    }

    /**
     * Every CUP the device got since the mark ({@code received}: those already taken from its inbox), up to the
     * answers to the {@code asked} CUP requests it sent: once the journal has those answers, it has every CUP
     * sent before them, and the device waits for as many.
     */
    private List<TestDevice.Received> cupsUntilAnswered(TestDevice device, long mark, int asked,
                                                        List<TestDevice.Received> received) throws Exception {
        List<String> journaled = Waits.until("answers to " + asked + " CUP requests journaled", Duration.ofSeconds(10),
                () -> {
                    List<String> cups = journal.details("cup", List.of(device.uid()), mark);
                    return cups.stream().filter(d -> d.endsWith(": device asked")).count() >= asked ? cups : null;
                });
        Waits.until(journaled.size() + " CUPs at " + device.uid() + " (" + journaled + ")", Duration.ofSeconds(10),
                () -> {
                    device.takeAll().stream().filter(r -> r.topic().endsWith("/cup")).forEach(received::add);
                    return received.size() >= journaled.size();
                });
        return received;
    }

    private String stateId(String name) throws Exception {
        List<?> states = Json.MAPPER.readValue(a.get("/api/alert/states").body(), List.class);
        return states.stream().map(s -> (Map<?, ?>) s).filter(s -> name.equals(s.get("name")))
                .map(s -> String.valueOf(s.get("id"))).findFirst().orElseThrow();
    }

    /** The instance whose PING count goes up. */
    private ServerProcess leader() throws Exception {
        long[] before = {a.packetsOut("ping"), b.packetsOut("ping")};
        return Waits.until("an instance sending PINGs", Duration.ofSeconds(30), () ->
                a.packetsOut("ping") > before[0] ? a : b.packetsOut("ping") > before[1] ? b : null);
    }

    private ServerProcess other(ServerProcess server) {
        return server == a ? b : a;
    }

    /** The server's PING count once the PINGs of one period (one per active type) are all out. */
    private static long settledPings(ServerProcess server) throws Exception {
        long[] last = {server.packetsOut("ping")};
        return Waits.until(server.name() + "'s PING count settled", Duration.ofSeconds(5), () -> {
            Thread.sleep(200);
            long now = server.packetsOut("ping");
            boolean settled = now == last[0];
            last[0] = now;
            return settled ? now : null;
        });
    }

    private int journaled(List<String> uid, long mark) throws Exception {
        return journal.details("sup", uid, mark).size() + journal.details("info", uid, mark).size();
    }

    /** True once the journal has as many SUP and INFO entries of the device as it sent (at most 30 s). */
    private boolean waitForJournal(List<String> uid, long mark, int total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (journaled(uid, mark) >= total) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
