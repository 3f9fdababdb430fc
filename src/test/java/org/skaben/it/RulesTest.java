package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;

/** Each rule of routes/rules and each transition, one by one, through the broker; and the game master's API. */
class RulesTest extends SkabenAppTestSupport {

    private int counter() throws Exception {
        return (Integer) Json.readObject(http("GET", "/api/alert/counter", null).body()).get("value");
    }

    private String info(String json) {
        return "{\"timestamp\": " + now() + ", \"datahold\": " + json + "}";
    }

    /** A device registered while white is current (devices register only then). */
    private TestDevice registered(String type) throws Exception {
        setState("white");
        TestDevice d = device(type, newUid());
        d.send("pong", "{\"timestamp\": " + now() + "}");
        eventually(() -> db().queryForObject("SELECT COUNT(*) FROM device WHERE uid = ?", Integer.class, d.uid()) == 1);
        return d;
    }

    /** The next CUP whose datahold has this field with this value. */
    private static Map<String, Object> cupWith(TestDevice d, String field, Object value) throws Exception {
        return d.awaitCup(c -> c instanceof Map<?, ?> m && value.equals(m.get(field)), field + "=" + value).datahold();
    }

    @Test
    void unknownDevicesRegisterOnlyInWhite() throws Exception {
        setState("green");
        TestDevice stranger = device("lock", newUid());
        stranger.send("info", info("{\"type\": \"access\", \"content\": \"123456\", \"success\": false}"));
        assertEquals("device " + stranger.uid() + " is not registered: locks register only while the alert state is white",
                eventually(() -> journal(stranger.uid(), "refused")).get(0).get("detail"));
        assertEquals(0, (int) db().queryForObject("SELECT COUNT(*) FROM device WHERE uid = ?", Integer.class, stranger.uid()));
        setState("white");
        stranger.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        assertEquals("1", stranger.await("cup").datahold().get("alert"));
    }

    @Test
    void powerShieldSwitchesOnlyFromTheRightState() throws Exception {
        TestDevice pwr = registered("pwr");
        setState("green");
        long mark = journalMark();
        pwr.send("info", info("{\"powerstate\": \"aux\"}"));
        // witness: the INFO is journaled, and then the server is idle, the rules done with it
        eventually(() -> journal(pwr.uid(), "info"));
        awaitIdle();
        assertEquals("green", state(), "aux does nothing outside blue");
        setState("blue");
        pwr.send("info", info("{\"powerstate\": \"pwr\"}"));
        eventually(() -> journal(pwr.uid(), "info").size() == 2);
        awaitIdle();
        assertEquals("blue", state(), "the reactor cannot start before auxiliary power");
        pwr.send("info", info("{\"powerstate\": \"Aux\"}"));
        eventually(() -> {
            try {
                return state().equals("cyan");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the one switch the power shield made
        List<String> switched = db().queryForList("SELECT detail FROM event WHERE kind = 'alert-state' "
                + "AND source = 'power-shield' AND id > ? ORDER BY id", String.class, mark);
        assertEquals(1, switched.size(), switched.toString());
        assertTrue(switched.get(0).startsWith("state blue -> cyan"), switched.toString());
    }

    @Test
    void aFailedHackRaisesTheCounterAndASuccessIsNoted() throws Exception {
        TestDevice term = registered("terminal");
        setState("green");
        term.send("info", info("{\"type\": \"hack\", \"success\": false}"));
        eventually(() -> {
            try {
                return counter() == 51;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        term.send("info", info("{\"type\": \"hack\", \"success\": true}"));
        assertEquals("terminal " + term.uid() + " hacked", eventually(() -> db().queryForList(
                "SELECT detail FROM event WHERE kind = 'rule' AND source = 'terminal-hack'", String.class)).get(0));
    }

    @Test
    void aRepeatedInfoMovesTheCounterOnce() throws Exception {
        TestDevice lock = registered("lock");
        setState("green");
        String denied = "{\"timestamp\": " + now() + ", \"task_id\": \"t1\", \"datahold\": "
                + "{\"type\": \"access\", \"content\": \"000001\", \"success\": false}}";
        lock.send("info", denied);
        lock.send("info", denied);
        // witness: the repeat is refused at ingress, after the first went by; then the rules are done with it
        eventually(() -> journal(lock.uid(), "refused"));
        awaitIdle();
        assertEquals(51, counter());
    }

    @Test
    void entersWhiteOpensLocksAndPowersTerminals() throws Exception {
        TestDevice lock = registered("lock");
        TestDevice term = registered("terminal");
        setState("black");
        assertEquals(true, eventually(() -> lockConfig(lock).get("blocked").equals(true)));
        setState("white");
        Map<String, Object> cup = lock.awaitConfig(Map.of("alert", "1", "override", false, "closed", false,
                "blocked", false, "sound", false, "timer", 10, "acl", Map.of())).datahold();
        assertEquals("1", cup.get("alert"));
        term.awaitConfig(Map.of("alert", "1", "override", false, "powered", true, "blocked", false, "hacked", false));
    }

    @Test
    void aLockForcedOpenInBlackIsShutAgain() throws Exception {
        TestDevice lock = registered("lock");
        setState("black");
        cupWith(lock, "blocked", true);
        lock.send("sup", "{\"timestamp\": " + now() + ", \"datahold\": {\"closed\": false}}");
        assertEquals("black-keeps-locks-shut", eventually(() -> db().queryForList(
                "SELECT source FROM event WHERE uid = ? AND kind = 'config' AND source = 'black-keeps-locks-shut'",
                String.class, lock.uid())).get(0));
        lock.awaitConfig(Map.of("alert", "7", "override", false, "closed", true, "blocked", true, "sound", false,
                "timer", 10, "acl", Map.of()));
        assertEquals(true, lockConfig(lock).get("closed"));
    }

    @Test
    void aDeviceUnderOverrideIsLeftAloneByRulesAndBroadcasts() throws Exception {
        TestDevice lock = registered("lock");
        ok("PUT", "/api/devices/" + lock.uid() + "/override", "{\"override\": true}");
        cupWith(lock, "override", true);
        long mark = journalMark();
        setState("black");
        // witness: entering black went over the locks and left this one alone
        eventually(() -> db().queryForList("SELECT detail FROM event WHERE kind = 'config' AND source = 'entering-black' "
                + "AND id > ? AND detail LIKE ?", String.class, mark, "%left alone: %" + lock.uid() + "%"));
        assertNoCupSince(mark, lock);
        assertEquals(true, lockConfig(lock).get("closed"));
        assertEquals(false, lockConfig(lock).get("blocked"), "the rule left it alone");
        ok("PUT", "/api/devices/" + lock.uid() + "/override", "{\"override\": false}");
    }

    @Test
    void automaticDriftMovesTheCounterOnItsOwn() throws Exception {
        ok("PUT", "/api/alert/states/green", "{\"auto_change\": \"increase\", \"auto_level\": 5, \"auto_timeout\": 1}");
        try {
            setState("green");
            eventually(() -> {
                try {
                    return counter() >= 11;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("schedule", db().queryForObject(
                    "SELECT source FROM alert_counter ORDER BY id DESC LIMIT 1", String.class));
        } finally {
            ok("PUT", "/api/alert/states/green", "{\"auto_change\": \"none\"}");
        }
    }

    @Test
    void permissionsAndCardsReachTheLockAtOnce() throws Exception {
        TestDevice lock = registered("lock");
        ok("POST", "/api/persons", "{\"name\": \"Carol\", \"role\": \"master\"}");
        ok("POST", "/api/cards", "{\"code\": \"424242\", \"person\": \"Carol\"}");
        var created = http("POST", "/api/permissions", "{\"card\": \"424242\", \"lock\": \"" + lock.uid()
                + "\", \"states\": [\"green\", \"red\"]}");
        assertEquals(201, created.statusCode(), created.body());
        Object id = Json.readObject(created.body()).get("id");
        cupWith(lock, "acl", Map.of("424242", List.of(4, 6)));
        ok("PUT", "/api/permissions/" + id, "{\"states\": [\"yellow\"]}");
        cupWith(lock, "acl", Map.of("424242", List.of(5)));
        refused("DELETE", "/api/persons/" + Json.readObject(http("GET", "/api/cards/424242", null).body()).get("person_id"),
                null, 409, "person 'Carol' still owns codes");
        ok("DELETE", "/api/cards/424242", null);
        cupWith(lock, "acl", Map.of());
        assertEquals(0, (int) db().queryForObject("SELECT COUNT(*) FROM permission WHERE code = '424242'", Integer.class));
        assertTrue(db().queryForList("SELECT source FROM event WHERE kind IN ('person', 'card', 'permission')",
                String.class).stream().allMatch("operator"::equals));
    }

    @Test
    void aSimpleConfigForTheCurrentStateIsSentAtOnce() throws Exception {
        setState("green");
        TestDevice box = device("box", newUid());
        ok("PUT", "/api/simple-configs/box/yellow", "{\"SIREN\": \"ON\"}");
        ok("PUT", "/api/simple-configs/box/green", "{\"SIREN\": \"OFF\"}");
        // the green config is the witness: the server publishes in order, so a CUP for yellow would come first
        box.assertNoneBefore("cup", r -> Map.of("SIREN", "OFF").equals(TestDevice.configOf(r)), "green's config");
        assertEquals(Map.of("type", "box", "state", "yellow", "config", Map.of("SIREN", "ON")),
                Json.readObject(http("GET", "/api/simple-configs/box/yellow", null).body()));
        ok("DELETE", "/api/simple-configs/box/yellow", null);
        refused("GET", "/api/simple-configs/box/yellow", null, 404, "no config for box in yellow");
    }

    @Test
    void badRequestsAreRefusedWithAReasonAndNothingIsSaved() throws Exception {
        // the liveness rows are left out: a device of an earlier test may go offline meanwhile
        String count = "SELECT COUNT(*) FROM event WHERE kind NOT IN ('online', 'offline')";
        int events = db().queryForObject(count, Integer.class);
        refused("POST", "/api/alert/counter", "{\"value\": 5}", 400, "\"reason\" is required");
        refused("POST", "/api/alert/counter", "{\"value\": 5, \"delta\": 1, \"reason\": \"x\"}", 400, "give either");
        refused("POST", "/api/alert/counter", "{\"value\": \"5\", \"reason\": \"x\"}", 400, "\"value\" must be an integer");
        refused("POST", "/api/alert/counter", "[1]", 400, "the request body must be a JSON object");
        refused("POST", "/api/alert/states/purple/current", null, 404, "alert state 'purple' does not exist");
        refused("PUT", "/api/alert/states/green", "{\"auto_change\": \"sideways\"}", 400, "auto_change must be");
        refused("POST", "/api/cards", "{\"code\": \"12 34\", \"person\": \"unknown\"}", 400, "a code is 1-32 letters or digits");
        refused("POST", "/api/cards", "{\"code\": \"555555\", \"person\": \"Nobody\"}", 404, "person 'Nobody' does not exist");
        refused("POST", "/api/permissions", "{\"card\": \"555555\", \"lock\": \"aabbccddeeff\", \"states\": [\"green\"]}",
                404, "device aabbccddeeff is not registered");
        refused("PUT", "/api/simple-configs/lock/green", "{\"a\": 1}", 400, "lock is a smart type");
        refused("PUT", "/api/simple-configs/rgb/purple", "{\"a\": 1}", 404, "alert state 'purple' does not exist");
        refused("POST", "/api/persons", "{\"name\": \"Dave\", \"role\": \"king\"}", 400, "role is player or master");
        long unknown = db().queryForObject("SELECT id FROM person WHERE name = 'unknown'", Long.class);
        refused("DELETE", "/api/persons/" + unknown, null, 409, "person 'unknown' owns the cards");
        assertEquals(events, (int) db().queryForObject(count, Integer.class),
                "a refused request changes nothing, the journal included");
        assertEquals(0, (int) db().queryForObject("SELECT COUNT(*) FROM access_code WHERE code = '555555'", Integer.class));
    }

    private Map<String, Object> lockConfig(TestDevice lock) {
        return Json.readObject(db().queryForObject("SELECT config FROM device WHERE uid = ?", String.class, lock.uid()));
    }
}
