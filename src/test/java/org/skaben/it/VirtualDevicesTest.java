package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.skaben.demo.VirtualDevices;
import org.skaben.device.Json;

/**
 * The rehearsal (skaben.demo.devices): virtual devices started inside the server, speaking through the real
 * broker; the server sees hardware. They register, get and acknowledge their configs, answer PINGs with the
 * hash the server holds, and the player buttons of /api/demo play a short game with them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VirtualDevicesTest extends SkabenAppTestSupport {

    private static final String LOCK = "025abe010001";
    private static final String TERMINAL = "025abe020001";
    private static final String PWR = "025abe050001";
    private static final List<String> ALL = List.of(LOCK, TERMINAL, PWR);

    @Override
    protected Map<String, String> extraProperties() {
        // a device silent for 5 s is offline (the PING comes every second)
        return Map.of("skaben.demo.devices", "lock:1,pwr:1,terminal:1", "skaben.keepalive.timeout-seconds", "5");
    }

    private Map<String, Object> serverView(String uid) throws Exception {
        var response = http("GET", "/api/devices/" + uid, null);
        return response.statusCode() == 200 ? Json.readObject(response.body()) : null;
    }

    private boolean online(String uid) throws Exception {
        Map<String, Object> view = serverView(uid);
        return view != null && Boolean.TRUE.equals(view.get("online"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> localConfig(String uid) throws Exception {
        return (Map<String, Object>) virtual(uid).get("config");
    }

    private Map<String, Object> act(String uid, String action) throws Exception {
        var response = http("POST", "/api/demo/devices/" + uid + "/actions", action);
        assertEquals(200, response.statusCode(), action + ": " + response.body());
        return Json.readObject(response.body());
    }

    private Map<String, Object> counter() throws Exception {
        return Json.readObject(http("GET", "/api/alert/counter", null).body());
    }

    /** Journal rows of a kind for a device whose detail contains the text, after the mark. */
    private List<Map<String, Object>> journaled(long mark, String uid, String kind, String text) {
        return db().queryForList("SELECT kind, detail FROM event WHERE uid = ? AND kind = ? AND id > ? "
                + "AND detail LIKE ? ORDER BY id", uid, kind, mark, "%" + text + "%");
    }

    private void assertNothingWrongJournaled() {
        List<Map<String, Object>> wrong = db().queryForList("SELECT uid, kind, detail FROM event WHERE uid IN (?, ?, ?) "
                + "AND kind IN ('refused', 'error', 'nack') ORDER BY id", LOCK, TERMINAL, PWR);
        assertEquals(List.of(), wrong);
    }

    @Test
    @Order(1)
    void theyRegisterGetTheirConfigsAndAnswerPings() throws Exception {
        for (String uid : ALL) {
            eventually(() -> {
                try {
                    return online(uid);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        // the smart ones acknowledged the CUPs the server sent them, by task id
        for (String uid : List.of(LOCK, TERMINAL)) {
            List<Map<String, Object>> acks = eventually(() -> journal(uid, "ack"));
            assertTrue(acks.stream().noneMatch(a -> String.valueOf(a.get("detail")).contains("no such CUP")), acks.toString());
            // and hold the config the server sends them, with its hash
            Map<String, Object> server = serverView(uid);
            assertEquals(server.get("sent_config"), localConfig(uid));
            assertEquals(server.get("hash"), virtual(uid).get("hash"));
        }
        // they keep answering PINGs: each is seen again 4 s after it was seen (PONGs alone bring that: a smart
        // device's second CUP request comes 2.5 s after its first)
        Map<String, java.time.Instant> seen = new java.util.HashMap<>();
        for (String uid : ALL) {
            seen.put(uid, java.time.Instant.parse((String) serverView(uid).get("last_seen")));
        }
        for (String uid : ALL) {
            eventually(() -> {
                try {
                    return java.time.Instant.parse((String) serverView(uid).get("last_seen"))
                            .isAfter(seen.get(uid).plusSeconds(4));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(online(uid), uid + " online");
            assertEquals(true, virtual(uid).get("connected"));
        }
        assertNothingWrongJournaled();
        // their PONGs carry the hash the server holds: no CUP was sent for drift (nothing changed the configs)
        assertEquals(List.of(), db().queryForList("SELECT uid, detail FROM event WHERE kind = 'cup' AND uid IN (?, ?, ?) "
                + "AND detail LIKE '%drift%'", LOCK, TERMINAL, PWR));
    }

    @Test
    @Order(2)
    void thePlayerButtonsPlayAShortGame() throws Exception {
        eventually(() -> {
            try {
                return online(LOCK) && online(TERMINAL) && online(PWR);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the game master prepares: Alice's card opens the virtual lock in green, Bob's nowhere; doors stay open 2 s
        ok("POST", "/api/persons", "{\"name\": \"Alice\"}");
        ok("POST", "/api/persons", "{\"name\": \"Bob\"}");
        ok("POST", "/api/cards", "{\"code\": \"111111\", \"person\": \"Alice\"}");
        ok("POST", "/api/cards", "{\"code\": \"222222\", \"person\": \"Bob\"}");
        ok("POST", "/api/permissions", "{\"card\": \"111111\", \"lock\": \"" + LOCK + "\", \"states\": [\"green\"]}");
        ok("PUT", "/api/devices/" + LOCK + "/config", "{\"timer\": 2}");
        eventually(() -> {
            try {
                Map<String, Object> config = localConfig(LOCK);
                return Integer.valueOf(2).equals(config.get("timer"))
                        && Map.of("111111", List.of(4)).equals(config.get("acl"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // blue; the players switch the shield to auxiliary power: cyan; then to the reactor: green
        ok("POST", "/api/alert/states/blue/current", "{\"reason\": \"rehearsal\"}");
        awaitLocalAlert("2");
        assertEquals("switched", act(PWR, "{\"action\": \"power\", \"state\": \"aux\"}").get("outcome"));
        eventually(() -> {
            try {
                return "cyan".equals(counter().get("state"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitLocalAlert("3");
        act(PWR, "{\"action\": \"power\", \"state\": \"pwr\"}");
        awaitLocalAlert("4");
        assertEquals(1, counter().get("value"));

        // Alice's card opens the door, which closes again after its timer
        long mark = journalMark();
        Map<String, Object> opened = act(LOCK, "{\"action\": \"card\", \"code\": \"111111\"}");
        assertEquals("opened", opened.get("outcome"), opened.toString());
        eventually(() -> journaled(mark, LOCK, "access-granted", "access granted for 111111 (Alice)"));
        eventually(() -> journaled(mark, LOCK, "sup", "{\"closed\":false}"));
        // the open lock knows the hash of its changed config as the server computes it, without a CUP (a PONG
        // with its old hash would bring one)
        assertEquals(serverView(LOCK).get("hash"), virtual(LOCK).get("hash"));
        List<Map<String, Object>> closed = eventually(() -> journaled(mark, LOCK, "sup", "{\"closed\":true}"));
        assertEquals(1, closed.size());
        assertEquals(Boolean.TRUE, ((Map<?, ?>) virtual(LOCK).get("state")).get("closed"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) serverView(LOCK).get("config")).get("closed"));
        assertEquals(List.of(), cupsJournaledSince(mark, LOCK));
        assertEquals(serverView(LOCK).get("hash"), virtual(LOCK).get("hash"));

        // Bob's card is denied, and in green the counter rises by green's counter_increase
        Map<String, Object> denied = act(LOCK, "{\"action\": \"card\", \"code\": \"222222\"}");
        assertEquals("denied", denied.get("outcome"));
        eventually(() -> journaled(mark, LOCK, "access-denied", "access denied for 222222 (Bob)"));
        eventually(() -> {
            try {
                return Integer.valueOf(51).equals(counter().get("value"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // a hacker fails once (the counter rises again), then gets in
        act(TERMINAL, "{\"action\": \"hack\", \"success\": false}");
        eventually(() -> {
            try {
                return Integer.valueOf(101).equals(counter().get("value"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("hacked", act(TERMINAL, "{\"action\": \"hack\", \"success\": true}").get("outcome"));
        eventually(() -> journaled(mark, TERMINAL, "sup", "{\"hacked\":true}"));
        eventually(() -> {
            try {
                return Boolean.TRUE.equals(((Map<?, ?>) serverView(TERMINAL).get("config")).get("hacked"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertNothingWrongJournaled();
    }

    private void awaitLocalAlert(String alert) throws InterruptedException {
        eventually(() -> {
            try {
                return alert.equals(localConfig(LOCK).get("alert"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Order(3)
    void aWrongRequestIsRefusedNamingWhatIsWrong() throws Exception {
        assertRefused(404, "000000000000", "{\"action\": \"open\"}", "no virtual device 000000000000");
        assertRefused(400, LOCK, "{\"action\": \"fly\"}", "'fly'");
        assertRefused(400, LOCK, "{\"action\": \"card\"}", "\"code\"");
        assertRefused(400, LOCK, "{\"code\": \"111111\"}", "\"action\"");
        assertRefused(400, LOCK, "not json", "not valid JSON");
        assertRefused(400, TERMINAL, "{\"action\": \"hack\"}", "\"success\"");
        assertRefused(400, PWR, "{\"action\": \"power\", \"state\": \"max\"}", "'max'");
        assertRefused(400, PWR, "{\"action\": \"card\", \"code\": \"111111\"}", "'card'");

        HttpResponse<String> noToken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/demo/devices")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noToken.statusCode());

        Map<String, Object> lock = virtual(LOCK);
        assertEquals("lock", lock.get("type"));
        assertEquals(true, lock.get("virtual"));
        assertTrue(((Map<?, ?>) lock.get("state")).containsKey("closed"), lock.toString());
    }

    private void assertRefused(int status, String uid, String body, String naming) throws Exception {
        var response = http("POST", "/api/demo/devices/" + uid + "/actions", body);
        assertEquals(status, response.statusCode(), body + ": " + response.body());
        String error = String.valueOf(Json.readObject(response.body()).get("error"));
        assertTrue(error.contains(naming), body + ": " + error);
    }

    @Test
    @Order(4)
    void turnedOffTheyLeaveTheBrokerAndTheServerMarksThemOffline() throws Exception {
        for (String uid : ALL) {
            assertTrue(online(uid), uid + " online before");
        }
        // what the server's stop does first
        context.getRegistry().lookupByNameAndType("virtualDevices", VirtualDevices.class).stop();
        for (String uid : ALL) {
            eventually(() -> {
                try {
                    return !online(uid);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(false, virtual(uid).get("connected"));
        }
        assertRefused(409, LOCK, "{\"action\": \"open\"}", "stopped");
    }
}
