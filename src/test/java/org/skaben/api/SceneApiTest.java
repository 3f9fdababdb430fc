package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skaben.game.GameOnDatabase;
import org.skaben.scene.GameCaches;
import org.skaben.scene.Scene;
import org.skaben.scene.SceneCapture;
import org.skaben.scene.SceneRestore;
import org.skaben.scene.SceneTables;

/** The checks around SceneRoutes' sql: steps, the scene to store, and the rows they read as the API answers them. */
class SceneApiTest extends GameOnDatabase {

    private static final long NOW = 1_700_000_000_000L;

    private SceneApi api;

    @BeforeEach
    void game() {
        startGame("jdbc:hsqldb:mem:scene-api-" + UUID.randomUUID(), "classpath:db/migration", "classpath:db/vendor/hsqldb");
        GameCaches caches = new GameCaches(registry, alert, access, simple);
        SceneTables tables = SceneTables.of(ds);
        api = new SceneApi(new SceneCapture(tables, caches), new SceneRestore(tables, caches, recorder, "lock"),
                () -> NOW);
        registry.register(registry.requireType("lock"), "a1a1a1a1a1a1");
        alert.setState("green", "test", "test");
    }

    @AfterEach
    void close() {
        db.execute("SHUTDOWN");
    }

    private static int status(Runnable call) {
        return assertThrows(ApiException.class, call::run).status();
    }

    @Test
    void aNameIsCheckedAndNamesItsField() {
        assertEquals(new SceneApi.SceneName("before-run"), api.name("before-run"));
        assertEquals(new SceneApi.SceneName("x.1"), api.saveName(new SceneApi.SceneRequest("x.1")));
        ApiException bad = assertThrows(ApiException.class, () -> api.name("../x"));
        assertEquals(400, bad.status());
        assertTrue(bad.getMessage().startsWith("\"name\" must be 1-64 letters"), bad.getMessage());
        assertEquals(400, status(() -> api.saveName(null)), "no body");
        assertTrue(assertThrows(ApiException.class, () -> api.saveName(new SceneApi.SceneRequest(null)))
                .getMessage().contains("\"name\" is required"));
    }

    @Test
    void aSavedSceneIsTheSetupNowAndItsRowReadsBackAsTheSameScene() {
        SceneApi.NewScene saved = api.captured(new SceneApi.SceneName("before-run"));
        assertEquals("before-run", saved.name());
        assertEquals(NOW, saved.savedAt());
        assertEquals(new Scene.Alert("green", saved.scene().alert().counter()), saved.scene().alert());
        assertEquals("scene 'before-run' saved: " + saved.scene().counts(), saved.note());

        SceneApi.SceneRow row = new SceneApi.SceneRow(saved.name(), saved.savedAt(), saved.document());
        SceneApi.Stored stored = api.found(row, new SceneApi.SceneName("before-run"));
        assertEquals(new SceneApi.Stored("before-run", NOW, saved.scene()), stored);
        SceneApi.SceneSummary summary = api.savedSummary(saved);
        assertEquals(new SceneApi.SceneSummary("before-run", "2023-11-14T22:13:20Z", "green",
                saved.scene().alert().counter(), saved.scene().counts()), summary);
        assertEquals(List.of(summary), api.summaries(List.of(row)));
        assertEquals(saved.scene(), api.view(stored).scene());
    }

    @Test
    void noRowIsA404AndATakenNameA409() {
        ApiException none = assertThrows(ApiException.class, () -> api.found(null, new SceneApi.SceneName("nope")));
        assertEquals(404, none.status());
        assertEquals("scene 'nope' does not exist", none.getMessage());
        api.nameFree(null);
        SceneApi.SceneRow holder = new SceneApi.SceneRow("twice", NOW, "{}");
        ApiException taken = assertThrows(ApiException.class, () -> api.nameFree(holder));
        assertEquals(409, taken.status());
        assertTrue(taken.getMessage().startsWith("scene 'twice' exists already"), taken.getMessage());
        assertEquals(409, status(() -> api.taken("twice")), "the insert found it taken");
        assertEquals(404, status(() -> api.deleted(new SceneApi.SceneName("nope"), 0)));
        assertEquals(new SceneApi.SceneDeleted("twice"), api.deleted(new SceneApi.SceneName("twice"), 1));
    }

    @Test
    void anImportIsTakenUnderItsNameOrTheParameterOnlyIfItCouldBeRestored() {
        Scene document = api.captured(new SceneApi.SceneName("to-export")).scene();
        SceneApi.NewScene own = api.imported(document, null);
        assertEquals("to-export", own.name());
        assertEquals("scene 'to-export' imported: " + document.counts(), own.note());
        SceneApi.NewScene renamed = api.imported(document, "imported");
        assertEquals("imported", renamed.scene().name());
        assertEquals(NOW, renamed.savedAt(), "the document's own time");
        assertEquals("scene 'imported' imported (saved as 'to-export'): " + document.counts(), renamed.note());

        assertTrue(assertThrows(ApiException.class, () -> api.imported(document, ".."))
                .getMessage().startsWith("\"?name\" must be 1-64 letters"));
        Scene unknownType = new Scene(1, "x", null, document.alert(), document.states(),
                List.of(new Scene.Device("b2b2b2b2b2b2", "toaster", Map.of(), false)), document.persons(),
                document.cards(), document.permissions(), document.simpleConfigs());
        ApiException refused = assertThrows(ApiException.class, () -> api.imported(unknownType, null));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("\"devices[0].type\" names no device type"), refused.getMessage());
        assertEquals(400, status(() -> api.imported(null, "x")), "no body");
    }

    @Test
    void aRestoreIsJournaledWithWhatItLeftAlone() {
        SceneApi.Stored stored = api.found(rowOf(api.captured(new SceneApi.SceneName("run"))),
                new SceneApi.SceneName("run"));
        registry.register(registry.requireType("lock"), "c3c3c3c3c3c3");
        SceneRestore.Restored restored = api.restore(stored, "operator");
        assertEquals(List.of("c3c3c3c3c3c3"), restored.notInScene());
        assertEquals("scene 'run' restored: green, counter " + restored.counter() + ", 1 device(s); "
                + "registered since, left as they are: [c3c3c3c3c3c3]", api.restoredNote(restored));
    }

    private static SceneApi.SceneRow rowOf(SceneApi.NewScene scene) {
        return new SceneApi.SceneRow(scene.name(), scene.savedAt(), scene.document());
    }
}
