package org.skaben.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skaben.device.ConfigHasher;
import org.skaben.journal.JournalRepository;
import org.skaben.journal.JournalWriter;

/** The game's verbs and the configs they lead to, on an in-memory database, with the broadcasts recorded. */
class GameActionsTest extends GameOnDatabase {

    private GameActions game;
    private JournalWriter writer;

    @BeforeEach
    void freshGame() {
        startGame("jdbc:hsqldb:mem:" + UUID.randomUUID(), "classpath:db/migration");
        writer = new JournalWriter(ds, 100, 1000);
        game = new GameActions(alert, registry, access, new JournalRepository(writer), recorder, "white");
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    private String lock(String uid) {
        registry.register(registry.requireType("lock"), uid);
        return uid;
    }

    private List<String> journal(String kind) {
        return db.queryForList("SELECT detail FROM event WHERE kind = ? ORDER BY id", String.class, kind);
    }

    @Test
    void aLockIsSentItsConfigTheAlertStateAndAnAclFromThePermissions() {
        String uid = lock("aabbccddeeff");
        card("123456", "unknown");
        card("654321", "unknown");
        permission("654321", uid, List.of(4, 5));
        permission("123456", uid, List.of(6));
        Map<String, Object> datahold = composer.smart(registry.require(uid));
        assertEquals(Map.of("alert", "1", "override", false, "closed", true, "blocked", false, "sound", false,
                "timer", 10, "acl", Map.of("123456", List.of(6), "654321", List.of(4, 5))), datahold);
        assertEquals(ConfigHasher.hash(datahold), composer.hash(registry.require(uid)));

        game.setState("green", "operator");
        assertEquals("4", composer.smart(registry.require(uid)).get("alert"));
    }

    @Test
    void theHashIsTheSameWhateverTheOrderPermissionsWereGivenIn() {
        String a = lock("000000000001");
        String b = lock("000000000002");
        card("111111", "unknown");
        card("222222", "unknown");
        permission("111111", a, List.of(4, 5));
        permission("222222", a, List.of(4));
        permission("222222", b, List.of(4));
        permission("111111", b, List.of(4, 5));
        assertEquals(composer.hash(registry.require(a)), composer.hash(registry.require(b)));
    }

    @Test
    void aTerminalGetsTheContentForTheCurrentState() {
        registry.register(registry.requireType("terminal"), "0000000000aa");
        registry.updateConfig("0000000000aa", Map.of("states", Map.of(
                "white", Map.of("content", "setup menu"), "green", Map.of("content", "mail", "blocked", true))), false);
        assertEquals("setup menu", composer.smart(registry.require("0000000000aa")).get("content"));
        game.setState("green", "operator");
        Map<String, Object> green = composer.smart(registry.require("0000000000aa"));
        assertEquals("mail", green.get("content"));
        assertEquals(true, green.get("blocked"));
        assertFalse(green.containsKey("states"), "only the current state's content is sent");
    }

    @Test
    void simpleTypesGetTheirConfigForTheCurrentStateAndTheScaleIsComputed() {
        assertNull(composer.simple("rgb"), "nothing to send without a config for the state");
        saveSimpleConfig("rgb", 4, Map.of("RGB", "00FF00"));
        assertNull(composer.simple("rgb"));
        game.setState("green", "operator");
        assertEquals(Map.of("RGB", "00FF00"), composer.simple("rgb"));
        assertEquals(Map.of("level", 1, "state", "green", "borders", List.of(334, 667, 1000)), composer.simple("scl"));
    }

    @Test
    void thePowerShieldPathAndTheCounter() {
        assertFalse(game.switchState("blue", "cyan", "power-shield"), "aux does nothing while white");
        game.setState("blue", "operator");
        assertTrue(game.switchState("blue", "cyan", "power-shield"));
        assertTrue(game.startGame("cyan", "power-shield"));
        assertEquals("green", alert.current().name());
        assertEquals(1, alert.counter());
        sent.clear();
        game.raiseCounter("denied-access-raises-alert", "access denied");
        assertEquals(List.of("scale: green 51"), sent, "inside a state only the scale hears of it");
        game.changeCounter(500, "operator", "alarm");
        assertEquals("all: yellow 551", sent.get(1));
        assertEquals(List.of(551, 51, 1), db.queryForList("SELECT counter FROM alert_counter ORDER BY id DESC LIMIT 3", Integer.class));
        assertTrue(journal("alert-state").get(journal("alert-state").size() - 1).contains("green -> yellow"));
        game.setState("black", "operator");
        sent.clear();
        game.raiseCounter("rule", "x");
        assertEquals(List.of(), sent, "black is not in game: a refused card moves nothing");
    }

    @Test
    void aSuccessfulActionLowersTheCounterByTheStatesDecreaseOnlyInGame() {
        game.lowerCounter("rule", "x");
        assertEquals(-1, alert.counter(), "white is not in game");
        game.setState("green", "operator");
        game.setCounter(300, "operator", "setup");
        game.lowerCounter("rule", "hack succeeded");
        assertEquals(290, alert.counter(), "green's counter_decrease is 10");
    }

    @Test
    void cardsPresentedInWhiteAreRegisteredElsewhereTheyAreErrors() {
        String uid = lock("aabbccddee01");
        assertFalse(game.accessAttempt(uid, Map.of("type", "access", "content", "777777", "success", false), "lock-access"));
        assertEquals("unknown", access.owner("777777").orElseThrow());
        assertEquals(List.of("access denied for 777777 (unknown) at " + uid), journal("access-denied"));
        assertTrue(game.accessAttempt(uid, Map.of("type", "access", "access_code", "12", "success", true), "lock-access"));
        assertTrue(access.owner("12").isEmpty(), "only 6-character cards are registered");
        game.setState("green", "operator");
        game.accessAttempt(uid, Map.of("type", "access", "content", "888888", "success", false), "lock-access");
        assertTrue(access.owner("888888").isEmpty());
        assertTrue(journal("error").get(1).contains("unknown code '888888'"));
    }

    @Test
    void configuringATypeLeavesDevicesUnderOverrideAlone() {
        String a = lock("aabbccddee02");
        String b = lock("aabbccddee03");
        registry.setOverride(b, true);
        String before = composer.hash(registry.require(a));
        assertEquals(List.of(a), game.configureType("lock", "{\"closed\": false}", "entering-white"));
        assertEquals(false, registry.require(a).config().get("closed"));
        assertEquals(true, registry.require(b).config().get("closed"));
        assertEquals(List.of("device " + a), sent);
        assertNotEquals(before, composer.hash(registry.require(a)));
        assertTrue(journal("config").get(0).contains("left alone: " + b));
    }
}
