package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.skaben.device.ConfigHasher;
import org.skaben.device.Json;

/** protocol.md section 4, row by row, from a real MQTT 3.1.1 device through the broker to the database and back. */
class ProtocolTest extends SkabenAppTestSupport {

    /** A lock that asked for its config at start-up, as the deployed client does. */
    private TestDevice startedLock() throws Exception {
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}, \"task_id\": \"start1\"}");
        lock.await("cup");
        return lock;
    }

    /** The hash of what the server would send the device now, as the API shows it. */
    private String storedHash(String uid) throws Exception {
        return String.valueOf(Json.readObject(http("GET", "/api/devices/" + uid, null).body()).get("hash"));
    }

    @Test
    void pingGoesToEveryActiveTypeWithTheServerTime() throws Exception {
        for (String type : new String[] {"lock", "terminal", "rgb", "scl", "pwr", "box"}) {
            TestDevice d = device(type, newUid());
            TestDevice.Received ping = d.await("ping", Duration.ofSeconds(5));
            assertEquals(type + "/all/ping", ping.topic());
            long ts = ((Number) ping.json().get("timestamp")).longValue();
            assertTrue(Math.abs(now() - ts) <= 2, "server time in PING: " + ts);
            assertEquals(1, ping.json().size(), "PING carries only the timestamp");
        }
    }

    @Test
    void pongInStepIsRecordedAsSeenWithoutACup() throws Exception {
        TestDevice lock = startedLock();
        long before = System.currentTimeMillis();
        long mark = journalMark();
        lock.send("pong", "{\"timestamp\": " + (now() - 10) + ", \"hash\": \"" + storedHash(lock.uid()) + "\"}");
        Long seen = eventually(() -> db().queryForObject("SELECT last_seen FROM device WHERE uid = ? AND last_seen >= ?",
                Long.class, lock.uid(), before));
        assertTrue(seen <= System.currentTimeMillis(), "last seen is server time");
        assertNoCupSince(mark, lock);
    }

    @Test
    void pongLaggingBeyondTheKeepaliveTimeoutGetsACup() throws Exception {
        TestDevice lock = startedLock();
        lock.send("pong", "{\"timestamp\": " + (now() - 120) + ", \"hash\": \"" + storedHash(lock.uid()) + "\"}");
        TestDevice.Received cup = lock.await("cup");
        assertEquals("lock/" + lock.uid() + "/cup", cup.topic());
        assertEquals(storedHash(lock.uid()), cup.datahold().get("hash"));
        assertTrue(String.valueOf(journal(lock.uid(), "cup").get(0).get("detail")).contains("keepalive lag"));
    }

    @Test
    void pongWithAnotherHashGetsACup() throws Exception {
        TestDevice lock = startedLock();
        lock.send("pong", "{\"timestamp\": " + now() + ", \"hash\": \"deadbeef\"}");
        assertEquals(storedHash(lock.uid()), lock.await("cup").datahold().get("hash"));
        assertTrue(String.valueOf(journal(lock.uid(), "cup").get(0).get("detail")).contains("config hash drift"));
    }

    @Test
    void cupRequestIsAnsweredEveryTimeWithHashAndTaskIdInsideDatahold() throws Exception {
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}, \"task_id\": \"a1\"}");
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}, \"task_id\": \"a2\"}");
        TestDevice.Received first = lock.await("cup");
        TestDevice.Received second = lock.await("cup");
        Map<String, Object> datahold = first.datahold();
        assertEquals(true, datahold.get("closed"));
        assertEquals(10, datahold.get("timer"));
        String hash = storedHash(lock.uid());
        assertEquals(hash, datahold.get("hash"));
        assertEquals(first.json().get("task_id"), datahold.get("task_id"));
        assertEquals(hash, first.json().get("hash"));
        assertFalse(first.json().containsKey("overwrite"), "a normal CUP merges");
        Map<String, Object> sent = new java.util.LinkedHashMap<>(datahold);
        sent.remove("hash");
        sent.remove("task_id");
        assertEquals(ConfigHasher.hash(sent), hash, "the hash covers exactly the config sent");
        assertEquals("1", datahold.get("alert"), "the current alert state's id, as a string (white on a fresh install)");
        assertEquals(Map.of(), datahold.get("acl"));
        assertEquals(false, datahold.get("override"));
        assertTrue(Math.abs(now() - ((Number) first.json().get("timestamp")).longValue()) <= 2);
        assertTrue(((Number) second.json().get("timestamp")).longValue()
                >= ((Number) first.json().get("timestamp")).longValue(), "server time never decreases");
        assertEquals(2, (int) db().queryForObject("SELECT COUNT(*) FROM cup_delivery WHERE uid = ? AND status = 'sent'",
                Integer.class, lock.uid()));
        assertEquals(1, journal(lock.uid(), "registered").size());
    }

    @Test
    void simpleFirmwareAsksForItsTypeConfigOnTheBroadcastAddress() throws Exception {
        assertEquals(200, http("PUT", "/api/simple-configs/rgb/white", "{\"RGB\": \"FF0000/3000/1000/C\"}").statusCode());
        TestDevice rgb = device("rgb", newUid());
        rgb.sendRaw("ask/rgb/all/cup", "{\"timestamp\": 1}".getBytes());
        TestDevice.Received cup = rgb.await("cup");
        assertEquals("rgb/all/cup", cup.topic());
        assertEquals(Map.of("RGB", "FF0000/3000/1000/C"), cup.datahold(), "a simple device's datahold is its whole config");
        assertNotNull(cup.json().get("hash"));
    }

    @Test
    void savingAConfigPushesItAtOnceMergedOrOverwritten() throws Exception {
        TestDevice lock = startedLock();
        var response = http("PUT", "/api/devices/" + lock.uid() + "/config", "{\"closed\": false, \"timer\": 30}");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> datahold = lock.await("cup").datahold();
        assertEquals(false, datahold.get("closed"));
        assertEquals(30, datahold.get("timer"));
        assertEquals(false, datahold.get("sound"), "merge keeps the other keys");
        assertEquals(storedHash(lock.uid()), datahold.get("hash"));
        assertEquals(1, journal(lock.uid(), "config").size());

        http("PUT", "/api/devices/" + lock.uid() + "/config?overwrite=true", "{\"closed\": true}");
        TestDevice.Received overwrite = lock.await("cup");
        assertEquals(true, overwrite.json().get("overwrite"));
        assertEquals(true, overwrite.datahold().get("FORCE"));
        assertEquals(Map.of("closed", true), Json.readObject(db().queryForObject(
                "SELECT config FROM device WHERE uid = ?", String.class, lock.uid())));
        assertEquals(Set.of("closed", "alert", "override", "acl", "hash", "task_id", "FORCE"),
                overwrite.datahold().keySet(), "the game's fields are part of every lock config");
    }

    @Test
    void syncSendsACupToADeviceATypeOrEverything() throws Exception {
        TestDevice lock = startedLock();
        TestDevice scl = device("scl", newUid());
        assertEquals(200, http("POST", "/api/devices/" + lock.uid() + "/sync", null).statusCode());
        lock.await("cup");
        assertEquals(200, http("POST", "/api/types/lock/sync", null).statusCode());
        lock.await("cup");
        assertEquals(200, http("POST", "/api/sync", null).statusCode());
        lock.await("cup");
        assertEquals("scl/all/cup", scl.await("cup").topic());
    }

    @Test
    void aDeviceUnderOverrideGetsNoAutomaticCup() throws Exception {
        TestDevice lock = startedLock();
        var response = http("PUT", "/api/devices/" + lock.uid() + "/override", "{\"override\": true}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(true, db().queryForObject("SELECT manual_override FROM device WHERE uid = ?", Boolean.class, lock.uid()));
        // the lock hears of its override at once
        lock.awaitCup(c -> c instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("override")), "override=true");
        long mark = journalMark();
        lock.send("pong", "{\"timestamp\": " + (now() - 500) + "}");
        assertNoCupSince(mark, lock);
        http("POST", "/api/devices/" + lock.uid() + "/sync", null);
        lock.await("cup");
        http("PUT", "/api/devices/" + lock.uid() + "/override", "{\"override\": false}");
        lock.send("pong", "{\"timestamp\": " + (now() - 500) + "}");
        lock.await("cup");
        assertEquals(2, journal(lock.uid(), "override").size());
    }

    /** issue 11.5: a refused SUP of a device under override is journaled, and the device is sent nothing. */
    @Test
    void aRefusedSupUnderOverrideBringsNoCup() throws Exception {
        TestDevice lock = startedLock();
        assertEquals(200, http("PUT", "/api/devices/" + lock.uid() + "/override", "{\"override\": true}").statusCode());
        lock.awaitCup(c -> c instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("override")), "override=true");
        lock.send("sup", "{\"timestamp\": " + now() + ", \"task_id\": \"ov1\", \"datahold\": {\"closed\": 7}}");
        eventually(() -> journal(lock.uid(), "refused"));
        // the witness: the CUPs up to the one a sync asked for afterwards are that sync's alone
        var sync = http("POST", "/api/devices/" + lock.uid() + "/sync", null);
        List<Map<String, Object>> cups = lock.cupsUpTo(String.valueOf(Json.readObject(sync.body()).get("task_id")));
        assertEquals(1, cups.size(), "only the sync's CUP: " + cups);
        assertEquals(0, db().queryForObject("SELECT COUNT(*) FROM event WHERE uid = ? AND kind = 'cup' AND detail LIKE ?",
                Integer.class, lock.uid(), "%refused SUP%"));
    }

    @Test
    void supIsSavedMergedIntoTheConfigAndNotEchoed() throws Exception {
        TestDevice lock = startedLock();
        String oldHash = storedHash(lock.uid());
        long mark = journalMark();
        lock.send("sup", "{\"timestamp\": " + now() + ", \"task_id\": \"s1\", \"datahold\": {\"closed\": false}}");
        eventually(() -> journal(lock.uid(), "sup"));
        Map<String, Object> config = Json.readObject(db().queryForObject("SELECT config FROM device WHERE uid = ?",
                String.class, lock.uid()));
        assertEquals(false, config.get("closed"), "the next CUP must not slam the door shut");
        assertEquals(Map.of("closed", false), Json.readObject(db().queryForObject(
                "SELECT reported_state FROM device WHERE uid = ?", String.class, lock.uid())));
        assertEquals("{\"closed\":false}", journal(lock.uid(), "sup").get(0).get("detail"));
        assertNoCupSince(mark, lock);
        // the device still holds the old hash: its next PONG shows drift and one CUP brings both sides together
        lock.send("pong", "{\"timestamp\": " + now() + ", \"hash\": \"" + oldHash + "\"}");
        TestDevice.Received cup = lock.await("cup");
        assertEquals(false, cup.datahold().get("closed"));
        assertEquals(storedHash(lock.uid()), cup.datahold().get("hash"));
    }

    @Test
    void invalidSupIsRefusedNothingSavedAndTheAuthoritativeConfigSent() throws Exception {
        TestDevice lock = startedLock();
        String before = db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, lock.uid());
        // nothing a lock may change
        lock.send("sup", "{\"timestamp\": " + now() + ", \"datahold\": {\"acl\": {\"1\": [1]}}}");
        TestDevice.Received cup = lock.await("cup");
        assertEquals(true, cup.datahold().get("closed"));
        assertTrue(String.valueOf(journal(lock.uid(), "refused").get(0).get("detail"))
                .startsWith("SUP datahold has no field a lock device may change: acl"));
        assertEquals(before, db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, lock.uid()));
        // an allowed field with a wrong value refuses all of it, the right value beside it too
        lock.send("sup", "{\"timestamp\": " + now() + ", \"datahold\": {\"closed\": false, \"blocked\": \"yes\"}}");
        assertEquals(true, lock.await("cup").datahold().get("closed"));
        assertEquals("field 'blocked' must be a boolean", journal(lock.uid(), "refused").get(0).get("detail"));
        assertEquals(before, db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, lock.uid()));
        assertTrue(journal(lock.uid(), "sup").isEmpty());
    }

    @Test
    void infoIsJournaledForTheRules() throws Exception {
        TestDevice lock = startedLock();
        long mark = journalMark();
        lock.send("info", "{\"timestamp\": " + now() + ", \"datahold\": {\"type\": \"access\", \"content\": \"123456\", \"success\": true}}");
        var rows = eventually(() -> journal(lock.uid(), "info"));
        assertEquals("{\"content\":\"123456\",\"success\":true,\"type\":\"access\"}", rows.get(0).get("detail"));
        assertEquals("device", rows.get(0).get("source"));
        // the INFO reached the rules: the lock-access rule journals the attempt under its own name
        // (the rule may journal the card's registration first: wait for the decision itself)
        List<String> ruled = eventually(() -> db().queryForList(
                "SELECT kind FROM event WHERE uid = ? AND source = 'lock-access' AND kind LIKE 'access-%'",
                String.class, lock.uid()));
        assertTrue(ruled.contains("access-granted") || ruled.contains("access-denied"), ruled.toString());
        assertNoCupSince(mark, lock);
    }

    @Test
    void ackAndNackAreRecordedAgainstTheDeliveryAndNeverAnswered() throws Exception {
        TestDevice lock = device("lock", newUid());
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        TestDevice.Received cup = lock.await("cup");
        String taskId = (String) cup.datahold().get("task_id");
        lock.send("ack", "{\"timestamp\": " + now() + ", \"hash\": \"" + cup.datahold().get("hash") + "\", \"task_id\": \"" + taskId + "\"}");
        eventually(() -> "ack".equals(db().queryForObject("SELECT status FROM cup_delivery WHERE task_id = ?",
                String.class, taskId)));
        // the delivery row is written before the journal entry: wait for both
        assertTrue(String.valueOf(eventually(() -> journal(lock.uid(), "ack")).get(0).get("detail"))
                .startsWith("task " + taskId));

        http("POST", "/api/devices/" + lock.uid() + "/sync", null);
        String second = (String) lock.await("cup").datahold().get("task_id");
        long mark = journalMark();
        lock.send("nack", "{\"timestamp\": " + now() + ", \"task_id\": \"" + second + "\"}");
        eventually(() -> "nack".equals(db().queryForObject("SELECT status FROM cup_delivery WHERE task_id = ?",
                String.class, second)));
        lock.send("ack", "{\"timestamp\": " + now() + ", \"task_id\": \"never-sent\"}");
        eventually(() -> journal(lock.uid(), "ack").size() == 2);
        assertTrue(String.valueOf(journal(lock.uid(), "ack").get(0).get("detail")).contains("no such CUP"));
        assertNoCupSince(mark, lock);
    }

    @Test
    void anUnknownDeviceIsRegisteredWithItsTypeDefaultsAndSentItsConfig() throws Exception {
        TestDevice terminal = device("terminal", newUid());
        terminal.send("pong", "{\"timestamp\": " + now() + "}");
        TestDevice.Received cup = terminal.await("cup");
        assertEquals(false, cup.datahold().get("powered"));
        assertEquals("terminal", db().queryForObject("SELECT device_type FROM device WHERE uid = ?", String.class,
                terminal.uid()));
        assertEquals(1, journal(terminal.uid(), "registered").size());
    }
}
