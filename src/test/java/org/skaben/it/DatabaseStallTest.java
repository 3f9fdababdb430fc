package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.broker.EmbeddedBroker;

/**
 * The database stalls (no connection to be had) while a burst of packets arrives: the server keeps retrying
 * the packet it holds, the burst waits in the broker rather than in the server's memory, the process stays
 * up, and once the database is back every packet is stored once; none is lost or dead-lettered.
 */
class DatabaseStallTest extends SkabenAppTestSupport {

    private static final int BURST = 2000;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.db.allow-suspension", "true",
                "skaben.db.connection-timeout-millis", "300",
                "skaben.retry.max-delay-millis", "500");
    }

    /** A lock that registered and got its config while the database was fine. */
    private TestDevice startedLock() throws Exception {
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        lock.await("cup");
        return lock;
    }

    private HikariPoolMXBean pool() {
        return context.getRegistry().lookupByNameAndType("dataSource", HikariDataSource.class).getHikariPoolMXBean();
    }

    private int count(String sql, Object... args) {
        return db().queryForObject(sql, Integer.class, args);
    }

    @Test
    void aStalledDatabaseLosesNothingAndTheBurstWaitsInTheBroker() throws Exception {
        TestDevice lock = startedLock();
        HikariPoolMXBean pool = pool();
        EmbeddedBroker broker = context.getRegistry().lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);

        pool.suspendPool();
        try {
            for (int i = 0; i < BURST; i++) {
                lock.sendAcknowledged("info", "{\"timestamp\": " + now() + ", \"task_id\": \"b" + i
                        + "\", \"datahold\": {\"type\": \"console\", \"content\": \"" + i + "\"}}");
            }
            Thread.sleep(2000);
            // a packet per ingress lane waits for the database, its lane's queue full behind it, the MQTT client's
            // thread waits with one more (and a timer or two); the rest wait in the broker, not in the server
            int lanes = Integer.parseInt(context.resolvePropertyPlaceholders("{{skaben.ingress.lanes}}"));
            int queue = Integer.parseInt(context.resolvePropertyPlaceholders("{{skaben.ingress.lane-queue}}"));
            assertTrue(context.getInflightRepository().size() < lanes * (queue + 1) + 10,
                    "in flight in the server: " + context.getInflightRepository().size());
            assertTrue(broker.backlog() >= BURST - 10, "held by the broker: " + broker.backlog());
            assertTrue(context.getRouteController().getRouteStatus("mqtt-ingress").isStarted());
        } finally {
            pool.resumePool();
        }

        assertEquals(true, eventually(() -> count("SELECT COUNT(*) FROM event WHERE uid = ? AND kind = 'info'",
                lock.uid()) == BURST));
        assertEquals(BURST, count("SELECT COUNT(DISTINCT detail) FROM event WHERE uid = ? AND kind = 'info'", lock.uid()),
                "each packet stored once");
        assertEquals(0, count("SELECT COUNT(*) FROM dead_letter"));
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        lock.await("cup");
    }

    @Test
    void aDatabaseThatRefusesConnectionsIsRetriedUntilItIsBack() throws Exception {
        TestDevice lock = startedLock();
        HikariPoolMXBean pool = pool();
        TestDevice newcomer = device("lock", newUid());
        // a suspended pool now fails every request for a connection at once, as a database that is down does
        System.setProperty("com.zaxxer.hikari.throwIfSuspended", "true");
        pool.suspendPool();
        try {
            // bad input first, while the database is away: its refusal is journaled once the database is back
            lock.sendAcknowledged("info", "{\"timestamp\": \"soon\"}");
            // and a device never seen before: it is registered once the database is back
            newcomer.sendAcknowledged("pong", "{\"timestamp\": " + now() + "}");
            for (int i = 0; i < 20; i++) {
                lock.sendAcknowledged("info", "{\"timestamp\": " + now() + ", \"task_id\": \"r" + i
                        + "\", \"datahold\": {\"type\": \"console\", \"content\": \"r" + i + "\"}}");
            }
            lock.sendAcknowledged("sup", "{\"timestamp\": " + now() + ", \"task_id\": \"r-sup\", "
                    + "\"datahold\": {\"closed\": false}}");
            // far longer than the few retries of an ordinary failure: these would have been dead-lettered
            Thread.sleep(3000);
        } finally {
            pool.resumePool();
            System.clearProperty("com.zaxxer.hikari.throwIfSuspended");
        }
        assertEquals(true, eventually(() -> count("SELECT COUNT(*) FROM event WHERE uid = ? AND kind IN ('info', 'sup')",
                lock.uid()) == 21));
        assertEquals(0, count("SELECT COUNT(*) FROM dead_letter"));
        assertEquals(true, eventually(() -> count("SELECT COUNT(*) FROM device WHERE uid = ?", newcomer.uid()) == 1));
        assertEquals(true, eventually(() -> count("SELECT COUNT(*) FROM event WHERE topic = ? AND kind = 'refused'",
                "ask/lock/" + lock.uid() + "/info") == 1));
        assertTrue(db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, lock.uid())
                .contains("\"closed\":false"));
    }
}
