package org.skaben.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skaben.device.Json;
import org.skaben.game.Alert;
import org.skaben.game.GameOnDatabase;
import org.skaben.game.GameRefused;

/**
 * Capture and restore on an in-memory database with the real views: what a restore writes, what the views
 * show afterwards, what it sends, and that a restore that fails half-way leaves the game as it was.
 */
class SceneRestoreTest extends GameOnDatabase {

    private static final String LOCK = "a1a1a1a1a1a1";
    private static final String TERMINAL = "b2b2b2b2b2b2";
    private static final String LATE_LOCK = "c3c3c3c3c3c3";

    private SceneCapture capture;
    private SceneRestore restore;

    @BeforeEach
    void game() {
        startGame("jdbc:hsqldb:mem:scene-" + UUID.randomUUID() + ";hsqldb.tx=mvcc", "classpath:db/migration",
                "classpath:db/vendor/hsqldb");
        GameCaches caches = new GameCaches(registry, alert, access, simple);
        SceneTables tables = SceneTables.of(ds);
        capture = new SceneCapture(tables, caches);
        restore = new SceneRestore(tables, caches, recorder, "lock");

        registry.register(registry.requireType("lock"), LOCK);
        registry.register(registry.requireType("terminal"), TERMINAL);
        registry.updateConfig(TERMINAL, Map.of("states", Map.of("green", Map.of("content", "hello"))), false);
        person("Anna", "player");
        card("CARD01", "Anna");
        permission("CARD01", LOCK, List.of(4, 5));
        saveSimpleConfig("rgb", 4, Map.of("rgb", "00FF00"));
        alert.setState("green", "test", "test");
        alert.setCounter(100, "test", "test");
    }

    @AfterEach
    void close() {
        db.execute("SHUTDOWN");
    }

    private Scene beforeRun() {
        return capture.capture("before-run", 1_700_000_000_000L);
    }

    @Test
    void aCapturedSceneHoldsTheWholeSetupByNames() {
        Scene scene = beforeRun();
        assertEquals(new Scene.Alert("green", 100), scene.alert());
        assertEquals(7, scene.states().size());
        assertTrue(scene.persons().contains(new Scene.Person("Anna", "player", "")));
        assertTrue(scene.persons().stream().anyMatch(p -> p.name().equals("unknown") && p.role().equals("player")));
        assertEquals(List.of(new Scene.Card("CARD01", "card", "Anna")), scene.cards());
        assertEquals(List.of(new Scene.Permission("CARD01", LOCK, List.of("green", "yellow"))), scene.permissions());
        assertEquals(List.of(new Scene.SimpleConfig("rgb", "green", Map.of("rgb", "00FF00"))), scene.simpleConfigs());
        assertEquals(List.of(LOCK, TERMINAL), scene.devices().stream().map(Scene.Device::uid).toList());
        assertEquals("2023-11-14T22:13:20Z", scene.savedAt());
        assertEquals(List.of(), restore.problems(scene));
        // the document reads back as it was written
        assertEquals(scene, Json.MAPPER.convertValue(Json.MAPPER.convertValue(scene, Map.class), Scene.class));
    }

    @Test
    void aRestoreBringsBackTablesAndViewsAndSendsEveryTypeItsConfig() {
        Scene scene = beforeRun();
        long annaId = personId("Anna");
        // a run: everything changes
        alert.setState("red", "test", "test");
        registry.updateConfig(TERMINAL, Map.of("blocked", true), false);
        registry.setOverride(LOCK, true);
        deleteCard("CARD01");
        person("Boris", "master");
        saveSimpleConfig("rgb", 4, Map.of("rgb", "FF0000"));
        registry.register(registry.requireType("lock"), LATE_LOCK);
        card("LATE01", "Boris");
        permission("LATE01", LATE_LOCK, List.of(4));

        SceneRestore.Restored restored = restore.restore(scene, "operator");

        assertEquals(new SceneRestore.Restored("before-run", "green", 100, 2, List.of(LATE_LOCK), List.of(), 1),
                restored);
        assertEquals("green", alert.current().name());
        assertEquals(100, alert.counter());
        assertEquals(false, registry.require(LOCK).override());
        assertEquals(false, registry.require(TERMINAL).config().get("blocked"));
        assertEquals(Map.of("CARD01", List.of(4, 5)), access.acl(LOCK));
        assertEquals("Anna", access.owner("CARD01").orElseThrow());
        assertEquals(annaId, personId("Anna"), "a person there already keeps her id");
        assertEquals(0, db.queryForObject("SELECT COUNT(*) FROM person WHERE name = 'Boris'", Integer.class));
        assertEquals(Map.of("rgb", "00FF00"), simple.find("rgb", 4).orElseThrow());
        // the late lock is left as it was; its permission went with Boris's card, which the scene does not have
        assertTrue(registry.find(LATE_LOCK).isPresent());
        assertEquals(Map.of(), access.acl(LATE_LOCK));
        // what the lock is sent now is the saved setup's
        assertEquals("4", composer.smart(registry.require(LOCK)).get("alert"));
        assertEquals("hello", composer.smart(registry.require(TERMINAL)).get("content"));
        assertEquals(registry.activeTypeNames().stream().map(t -> "type " + t).toList(), sent);
        // the counter's history keeps its rows and says who restored what
        assertEquals("scene 'before-run' restored", db.queryForObject(
                "SELECT reason FROM alert_counter ORDER BY id DESC LIMIT 1", String.class));
        assertTrue(db.queryForObject("SELECT COUNT(*) FROM alert_counter", Integer.class) > 3);
        assertEquals(scene.devices(), capture.capture("x", 0).devices().stream()
                .filter(d -> !d.uid().equals(LATE_LOCK)).toList());
    }

    @Test
    void aDeviceUnderOverrideInTheSceneStaysSoAndALateLockKeepsPermissionsForTheScenesCards() {
        registry.setOverride(TERMINAL, true);
        Scene scene = beforeRun();
        registry.setOverride(TERMINAL, false);
        registry.register(registry.requireType("lock"), LATE_LOCK);
        permission("CARD01", LATE_LOCK, List.of(6));

        SceneRestore.Restored restored = restore.restore(scene, "operator");

        assertEquals(List.of(TERMINAL), restored.underOverride());
        assertTrue(registry.require(TERMINAL).override());
        assertEquals(Map.of("CARD01", List.of(6)), access.acl(LATE_LOCK));
        assertEquals(0, restored.permissionsDropped());
    }

    @Test
    void aDeviceGoneSinceTheSaveIsRegisteredAgainWithItsConfig() {
        Scene scene = beforeRun();
        db.update("DELETE FROM device WHERE uid = ?", TERMINAL);
        restore.restore(scene, "operator");
        assertEquals(Map.of("green", Map.of("content", "hello")), registry.require(TERMINAL).config().get("states"));
        assertEquals(1, db.queryForObject("SELECT COUNT(*) FROM device WHERE uid = ?", Integer.class, TERMINAL));
    }

    @Test
    void aRestoreThatFailsHalfWayChangesNothing() {
        Scene scene = beforeRun();
        alert.setState("red", "test", "test");
        person("Boris", "master");
        // a lock became a terminal since: only found while writing, after the states and persons were written
        db.update("UPDATE device SET device_type = 'terminal' WHERE uid = ?", LOCK);
        GameRefused refused = assertThrows(GameRefused.class, () -> restore.restore(scene, "operator"));
        assertEquals(409, refused.status());
        assertTrue(refused.getMessage().contains("device " + LOCK + " is a terminal now"), refused.getMessage());
        assertEquals("red", db.queryForObject("SELECT s.name FROM alert_current c JOIN alert_state s ON s.id = c.state_id",
                String.class));
        assertEquals(1, db.queryForObject("SELECT COUNT(*) FROM person WHERE name = 'Boris'", Integer.class));
        assertEquals(1, db.queryForObject("SELECT COUNT(*) FROM permission", Integer.class));
        assertEquals("red", alert.current().name());
        assertEquals(List.of(), sent);
    }

    @Test
    void aSceneWithATypeThisServerLacksIsRefusedNamingIt() {
        Scene scene = beforeRun();
        List<Scene.Device> devices = new ArrayList<>(scene.devices());
        devices.set(1, new Scene.Device(TERMINAL, "toaster", Map.of(), false));
        Scene other = new Scene(1, "x", null, scene.alert(), scene.states(), devices, scene.persons(), scene.cards(),
                scene.permissions(), scene.simpleConfigs());
        assertEquals(List.of("\"devices[1].type\" names no device type of this server: 'toaster'"), restore.problems(other));
        GameRefused refused = assertThrows(GameRefused.class, () -> restore.restore(other, "operator"));
        assertEquals(409, refused.status());
        assertFalse(sent.contains("type lock"));
    }
}
