package org.skaben.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skaben.device.ConfigHasher;
import org.skaben.device.Json;
import org.skaben.it.TestDevice;

class VirtualLockTest {

    private static final String UID = "025abe010001";
    private VirtualLock lock;
    private FakeLink link;

    @BeforeEach
    void boot() {
        lock = new VirtualLock("lock", UID);
        link = FakeLink.attachedTo(lock);
    }

    /** The config the server composes for a lock (ConfigComposer): what it hashes. */
    private static Map<String, Object> serverConfig(String alert, boolean closed, boolean blocked, int timer) {
        return TestDevice.lockConfig(alert, closed, blocked, timer, Map.of("111111", List.of(4, 5)));
    }

    /** A CUP as CupBuilder sends it: hash and task_id inside datahold too. */
    private void cup(long timestamp, String taskId, Map<String, Object> config) {
        Map<String, Object> datahold = new LinkedHashMap<>(config);
        String hash = ConfigHasher.hash(config);
        datahold.put("hash", hash);
        datahold.put("task_id", taskId);
        lock.receive("lock/" + UID + "/cup", Json.write(Map.of("timestamp", timestamp, "task_id", taskId,
                "hash", hash, "datahold", datahold)));
    }

    private void ping(long timestamp) {
        lock.receive("lock/all/ping", "{\"timestamp\": " + timestamp + "}");
    }

    @Test
    void atStartItAsksForItsConfigTwice() {
        lock.boot();
        FakeLink.Sent first = link.only();
        assertEquals("ask/lock/" + UID + "/cup", first.topic());
        assertEquals(Map.of("request", "all"), first.datahold());
        assertEquals(SmartVirtualDevice.SECOND_REQUEST_MILLIS, link.pending().get(0).delayMillis());
        link.runTimers();
        FakeLink.Sent second = link.only();
        assertEquals("ask/lock/" + UID + "/cup", second.topic());
        assertTrue(!first.payload().get("task_id").equals(second.payload().get("task_id")), "a task id each");
    }

    @Test
    void aCupIsAppliedAndAcknowledgedWithItsTaskIdAndHash() {
        Map<String, Object> config = serverConfig("4", true, false, 10);
        cup(1000, "c-1", config);
        FakeLink.Sent ack = link.only();
        assertEquals("ask/lock/" + UID + "/ack", ack.topic());
        assertEquals(Map.of("timestamp", 1000L, "task_id", "c-1", "hash", ConfigHasher.hash(config)), ack.payload());
        assertEquals(config, lock.config());

        // a PING is answered with the timestamp stored before it, and the hash
        ping(1010);
        assertEquals(Map.of("timestamp", 1000L, "hash", ConfigHasher.hash(config)), link.only().payload());
        ping(1020);
        assertEquals(1010L, link.only().payload().get("timestamp"));
    }

    @Test
    void pingsAndCupsOlderThanTheStoredTimestampAreDropped() {
        cup(1000, "c-1", serverConfig("4", true, false, 10));
        link.take();
        ping(999);
        cup(999, "c-old", serverConfig("6", true, true, 10));
        assertEquals(List.of(), link.take());
        assertEquals("4", lock.config().get("alert"));
        assertEquals(2, lock.view().get("dropped_packets"));
        // the same second is not older
        ping(1000);
        assertEquals("ask/lock/" + UID + "/pong", link.only().topic());
    }

    @Test
    void aPermittedCardOpensTheDoorWhichClosesAgainAfterItsTimer() {
        cup(1000, "c-1", serverConfig("4", true, false, 3));
        link.take();
        Map<String, Object> result = lock.act(Map.of("action", "card", "code", "111111"));
        assertEquals("opened", result.get("outcome"));
        List<FakeLink.Sent> sent = link.take();
        assertEquals("ask/lock/" + UID + "/info", sent.get(0).topic());
        assertEquals(Map.of("type", "access", "content", "111111", "success", true), sent.get(0).datahold());
        assertEquals("ask/lock/" + UID + "/sup", sent.get(1).topic());
        assertEquals(Map.of("closed", false), sent.get(1).datahold());
        assertTrue(sent.get(0).payload().get("task_id") instanceof String, "INFO has a task id");
        assertTrue(sent.get(1).payload().get("task_id") instanceof String, "SUP has a task id");
        // the server merges closed: false into its config: the device's hash is that config's, so no drift
        assertEquals(ConfigHasher.hash(serverConfig("4", false, false, 3)), lock.hash());
        assertEquals(3000, link.pending().get(0).delayMillis());

        link.runTimers();
        FakeLink.Sent closes = link.only();
        assertEquals("ask/lock/" + UID + "/sup", closes.topic());
        assertEquals(Map.of("closed", true), closes.datahold());
        assertEquals(true, lock.state().get("closed"));
        assertEquals(ConfigHasher.hash(serverConfig("4", true, false, 3)), lock.hash());
    }

    @Test
    void aCardNotPermittedInTheCurrentStateIsDenied() {
        cup(1000, "c-1", serverConfig("6", true, false, 10));
        link.take();
        assertEquals("denied", lock.act(Map.of("action", "card", "code", "111111")).get("outcome"));
        assertEquals(Map.of("type", "access", "content", "111111", "success", false), link.only().datahold());
        assertEquals("denied", lock.act(Map.of("action", "card", "code", "999999")).get("outcome"));
        assertEquals(false, link.only().datahold().get("success"));
        assertEquals(List.of(), link.pending());
        assertEquals(true, lock.state().get("closed"));
    }

    @Test
    void aBlockedLockRefusesEveryCardAndTheButton() {
        cup(1000, "c-1", serverConfig("4", true, true, 10));
        link.take();
        Map<String, Object> result = lock.act(Map.of("action", "card", "code", "111111"));
        assertEquals("denied", result.get("outcome"));
        assertEquals("the lock is blocked", result.get("detail"));
        assertEquals(false, link.only().datahold().get("success"));
        assertEquals("refused", lock.act(Map.of("action", "open")).get("outcome"));
        assertEquals(List.of(), link.take());
    }

    @Test
    void theButtonOpensWithoutACard() {
        cup(1000, "c-1", serverConfig("4", true, false, 10));
        link.take();
        assertEquals("opened", lock.act(Map.of("action", "open")).get("outcome"));
        FakeLink.Sent sup = link.only();
        assertEquals(Map.of("closed", false), sup.datahold());
    }

    @Test
    void aDoorTheGameMasterClosesNeedsNoTimerAnyMore() {
        cup(1000, "c-1", serverConfig("4", true, false, 10));
        lock.act(Map.of("action", "open"));
        cup(1001, "c-2", serverConfig("4", true, false, 10));
        link.take();
        link.runTimers();
        assertEquals(List.of(), link.take());
    }

    @Test
    void aConfigItCannotApplyIsRefusedWithNack() {
        cup(1000, "c-1", serverConfig("4", true, false, 10));
        link.take();
        Map<String, Object> bad = serverConfig("four", true, false, 10);
        cup(1001, "c-2", bad);
        FakeLink.Sent nack = link.only();
        assertEquals("ask/lock/" + UID + "/nack", nack.topic());
        assertEquals("c-2", nack.payload().get("task_id"));
        assertEquals("4", lock.config().get("alert"));
    }

    @Test
    void mergeKeepsOtherFieldsAndForceReplaces() {
        cup(1000, "c-1", serverConfig("4", true, false, 10));
        lock.receive("lock/" + UID + "/cup", "{\"timestamp\": 1001, \"datahold\": {\"sound\": true, \"task_id\": \"c-2\"}}");
        assertEquals(true, lock.config().get("sound"));
        assertEquals("4", lock.config().get("alert"));
        lock.receive("lock/" + UID + "/cup",
                "{\"timestamp\": 1002, \"datahold\": {\"alert\": \"5\", \"FORCE\": true, \"task_id\": \"c-3\"}}");
        assertEquals(Map.of("alert", "5"), lock.config());
    }

    @Test
    void aWrongActionIsRefusedByName() {
        assertEquals(400, assertThrows(ActionRefused.class, () -> lock.act(Map.of("action", "hack"))).status());
        ActionRefused noCode = assertThrows(ActionRefused.class, () -> lock.act(Map.of("action", "card")));
        assertTrue(noCode.getMessage().contains("\"code\""), noCode.getMessage());
    }
}
