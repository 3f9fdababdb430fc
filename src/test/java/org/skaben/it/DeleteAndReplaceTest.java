package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.access.AccessBook;

/**
 * Issue 12.3: DELETE /api/devices/{uid} (a device registered by mistake) and POST /api/devices/{uid}/replace (a
 * lock swapped during a game), with their refusals.
 */
class DeleteAndReplaceTest extends SkabenAppTestSupport {

    private void grant(String code, TestDevice lock) throws Exception {
        if (http("GET", "/api/cards/" + code, null).statusCode() == 404) {
            ok("POST", "/api/cards", "{\"code\": \"" + code + "\", \"person\": \"unknown\"}");
        }
        ok("POST", "/api/permissions", "{\"card\": \"" + code + "\", \"lock\": \"" + lock.uid()
                + "\", \"states\": [\"white\", \"green\"]}");
        lock.awaitCup(c -> c instanceof Map<?, ?> m && m.get("acl") instanceof Map<?, ?> acl && acl.containsKey(code),
                "acl with " + code);
    }

    private AccessBook accessBook() {
        return context.getRegistry().lookupByNameAndType("accessBook", AccessBook.class);
    }

    private String unregistered() {
        try {
            return http("GET", "/api/unregistered-devices", null).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String sql, Object... args) {
        return db().queryForObject(sql, Integer.class, args);
    }

    @Test
    void aDeletedDeviceIsGoneWithItsPermissionsAndRegistersAsNewWhenItSpeaksAgain() throws Exception {
        TestDevice lock = started("lock");
        ok("PUT", "/api/devices/" + lock.uid() + "/config", "{\"timer\": 42}");
        grant("310001", lock);
        int rowsBefore = count("SELECT COUNT(*) FROM event WHERE uid = ?", lock.uid());

        Map<String, Object> deleted = ok("DELETE", "/api/devices/" + lock.uid().toUpperCase(), null);
        assertEquals(Map.of("deleted", lock.uid(), "type", "lock", "permissions", 1), deleted);
        assertError(http("GET", "/api/devices/" + lock.uid(), null), 404, "device " + lock.uid() + " is not registered");
        assertEquals(0, count("SELECT COUNT(*) FROM device WHERE uid = ?", lock.uid()));
        assertEquals(0, count("SELECT COUNT(*) FROM permission WHERE lock_uid = ?", lock.uid()));
        assertEquals(0, count("SELECT COUNT(*) FROM cup_delivery WHERE uid = ?", lock.uid()));
        assertEquals(Map.of(), accessBook().acl(lock.uid()), "the acl cache forgot it");
        assertTrue(http("GET", "/api/devices", null).body().indexOf(lock.uid()) < 0);
        // the journal keeps its rows, and says who deleted it
        assertTrue(count("SELECT COUNT(*) FROM event WHERE uid = ?", lock.uid()) > rowsBefore);
        List<Map<String, Object>> row = eventually(() -> journal(lock.uid(), "device-deleted"));
        assertEquals("operator", row.get(0).get("source"));
        assertEquals("deleted by operator, with 1 permission(s)", row.get(0).get("detail"));
        assertError(http("DELETE", "/api/devices/" + lock.uid(), null), 404, "device " + lock.uid() + " is not registered");

        // it speaks again (white: locks register): a new device, with the type's config, not its old one
        lock.clear();
        lock.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        Map<String, Object> config = lock.await("cup").datahold();
        assertEquals(10, config.get("timer"));
        assertEquals(Map.of(), config.get("acl"));
        assertEquals(2, journal(lock.uid(), "registered").size(), "registered twice, both journaled");
        assertEquals(10, ((Map<?, ?>) ok("GET", "/api/devices/" + lock.uid(), null).get("config")).get("timer"));
    }

    @Test
    void deleteRefusals() throws Exception {
        assertError(http("DELETE", "/api/devices/001122334455", null), 404, "device 001122334455 is not registered");
        assertError(http("DELETE", "/api/devices/not-a-mac", null), 400, "malformed uid");
        assertError(http("DELETE", "/api/devices/all", null), 400, "'all' is not a device");
    }

    @Test
    void aReplacementInheritsTypeConfigOverrideAndPermissionsAndTheOldUidIsRetired() throws Exception {
        TestDevice old = started("lock");
        ok("PUT", "/api/devices/" + old.uid() + "/config", "{\"timer\": 25}");
        grant("320001", old);
        ok("PUT", "/api/devices/" + old.uid() + "/override", "{\"override\": true}");
        // the new lock is on the network but has said nothing yet
        TestDevice fresh = device("lock", newUid());

        Map<String, Object> view = ok("POST", "/api/devices/" + old.uid() + "/replace",
                "{\"uid\": \"" + fresh.uid().toUpperCase() + "\"}");
        assertEquals(fresh.uid(), view.get("uid"));
        assertEquals("lock", view.get("type"));
        assertEquals(true, view.get("override"));
        assertEquals(25, ((Map<?, ?>) view.get("config")).get("timer"));
        // its CUP goes out at once (the game master asked: under override too), with the old lock's acl
        Map<String, Object> cup = fresh.awaitCup(c -> c instanceof Map<?, ?> m && Integer.valueOf(25).equals(m.get("timer")),
                "the old lock's config").datahold();
        assertEquals(Map.of("320001", List.of(1, 4)), cup.get("acl"));
        assertEquals(true, cup.get("override"));
        assertEquals(Map.of("320001", List.of(1, 4)), accessBook().acl(fresh.uid()));
        assertEquals(Map.of(), accessBook().acl(old.uid()));
        assertEquals(1, count("SELECT COUNT(*) FROM permission WHERE lock_uid = ?", fresh.uid()));
        assertError(http("GET", "/api/devices/" + old.uid(), null), 404, "device " + old.uid() + " is not registered");
        assertEquals(List.of(Map.of("kind", "device-replaced", "source", "operator", "detail", "replaced by "
                + fresh.uid() + " (config, override and 1 permission(s) moved); retired")),
                eventually(() -> journal(old.uid(), "device-replaced")).stream()
                        .map(r -> Map.of("kind", r.get("kind"), "source", r.get("source"), "detail", r.get("detail")))
                        .toList());
        assertEquals("registered by operator in place of " + old.uid(),
                eventually(() -> journal(fresh.uid(), "registered")).get(0).get("detail"));

        // the new lock takes the old one's place: its packets are a known device's
        fresh.send("sup", "{\"timestamp\": " + now() + ", \"datahold\": {\"closed\": false}}");
        eventually(() -> journal(fresh.uid(), "sup"));

        // the old uid is refused, journaled once, and listed with the refused devices
        for (int i = 0; i < 3; i++) {
            old.send("pong", "{\"timestamp\": " + now() + "}");
        }
        String reason = "device " + old.uid() + " is retired: replaced by " + fresh.uid();
        eventually(() -> unregistered().contains("\"packets\":3,\"reason\":\"" + reason + "\""));
        List<Map<String, Object>> refused = journal(old.uid(), "refused");
        assertEquals(1, refused.size(), "journaled once: " + refused);
        assertEquals(reason, refused.get(0).get("detail"));
        assertEquals(0, count("SELECT COUNT(*) FROM device WHERE uid = ?", old.uid()));
        assertEquals(1, count("SELECT COUNT(*) FROM retired_device WHERE uid = ? AND replaced_by = ?", old.uid(),
                fresh.uid()));

        // a terminal cannot take the place of a uid heard as a lock
        TestDevice terminal = device("terminal", newUid());
        terminal.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        terminal.await("cup");
        assertError(http("POST", "/api/devices/" + terminal.uid() + "/replace", "{\"uid\": \"" + old.uid() + "\"}"),
                409, "device " + old.uid() + " was heard as a lock, not a terminal");

        // registered by hand, the old uid is in use again
        assertEquals(201, http("POST", "/api/devices", "{\"uid\": \"" + old.uid() + "\", \"type\": \"lock\"}").statusCode());
        assertEquals(0, count("SELECT COUNT(*) FROM retired_device WHERE uid = ?", old.uid()));
        old.clear();
        old.send("cup", "{\"timestamp\": 0, \"datahold\": {\"request\": \"all\"}}");
        assertEquals(10, old.await("cup").datahold().get("timer"));
        assertEquals(1, journal(old.uid(), "refused").size());
    }

    @Test
    void replaceRefusals() throws Exception {
        TestDevice lock = started("lock");
        TestDevice other = started("lock");
        String path = "/api/devices/" + lock.uid() + "/replace";
        assertError(http("POST", "/api/devices/001122334455/replace", "{\"uid\": \"" + newUid() + "\"}"), 404,
                "device 001122334455 is not registered");
        assertError(http("POST", path, null), 400, "expected {\"uid\"");
        assertError(http("POST", path, "{}"), 400, "expected {\"uid\"");
        assertError(http("POST", path, "{\"uid\": 5}"), 400, "\"uid\" must be a string");
        assertError(http("POST", path, "{\"uid\": \"zz\"}"), 400, "malformed uid");
        assertError(http("POST", path, "{\"uid\": \"all\"}"), 400, "'all' is not a device");
        assertError(http("POST", path, "{\"uid\": \"" + lock.uid() + "\"}"), 400, "a device cannot replace itself");
        assertError(http("POST", path, "{\"uid\": \"" + other.uid() + "\"}"), 409,
                "device " + other.uid() + " is already registered");
        assertError(http("POST", path, "{\"uid\": \"" + newUid() + "\", \"type\": \"lock\"}"), 400, "unknown field 'type'");
        // nothing changed
        assertEquals(2, count("SELECT COUNT(*) FROM device WHERE uid IN (?, ?)", lock.uid(), other.uid()));
        assertEquals(0, count("SELECT COUNT(*) FROM retired_device WHERE uid = ?", lock.uid()));
        assertEquals(0, journal(lock.uid(), "device-replaced").size());
    }
}
