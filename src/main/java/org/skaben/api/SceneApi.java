package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.skaben.journal.JournalRepository;
import org.skaben.scene.Scene;
import org.skaben.scene.SceneCapture;
import org.skaben.scene.SceneRestore;
import org.skaben.scene.SceneStore;

/**
 * Scenes as the operator API shows and changes them (SceneRoutes): the whole game setup saved under a name,
 * restored, exported as a JSON document and imported from one. A name is taken once: saving or importing under
 * a name in use is refused (409) rather than overwriting a scene, so "before-run" cannot be lost by a slip;
 * delete it first to save it anew. Every change is journaled (kind "scene") with the caller's source.
 */
public record SceneApi(SceneStore store, SceneCapture capture, SceneRestore restorer, JournalRepository journal,
                       LongSupplier clock) {

    private static final String KIND = "scene";

    /** POST /api/scenes: the name to save the setup under, now. */
    public record SceneRequest(String name) {
    }

    /** A stored scene: its name, when it was saved, the alert it holds and how many of each. */
    public record SceneSummary(String name, @JsonProperty("saved_at") String savedAt, String state, Integer counter,
                               Map<String, Integer> counts) {
    }

    /** GET /api/scenes/{name}: the summary and the document itself. */
    public record SceneView(String name, @JsonProperty("saved_at") String savedAt, String state, Integer counter,
                            Map<String, Integer> counts, Scene scene) {
    }

    public record SceneDeleted(String deleted) {
    }

    public List<SceneSummary> scenes() {
        return store.findAll().stream().map(SceneApi::summary).toList();
    }

    public SceneView scene(String name) {
        SceneStore.Stored s = stored(name);
        SceneSummary summary = summary(s);
        return new SceneView(summary.name(), summary.savedAt(), summary.state(), summary.counter(), summary.counts(),
                s.scene());
    }

    /** Saves the setup as it is now; 409 when the name is taken. */
    public SceneSummary save(SceneRequest request, String source) {
        Fields.body(request);
        String name = name(Fields.text(request.name(), "name", null), "name");
        refuseTaken(name);
        long now = clock.getAsLong();
        Scene scene = capture.capture(name, now);
        return stored(name, now, scene, source, "scene '" + name + "' saved: " + scene.counts());
    }

    public SceneDeleted delete(String name, String source) {
        String n = name(name, "name");
        if (!store.delete(n)) {
            throw new ApiException(404, "scene '" + n + "' does not exist");
        }
        journal.note(KIND, source, null, null, "scene '" + n + "' deleted");
        return new SceneDeleted(n);
    }

    /** Restores a stored scene (POST /api/scenes/{name}/restore). */
    public SceneRestore.Restored restore(String name, String source) {
        Scene scene = stored(name).scene();
        SceneRestore.Restored restored = restorer.restore(scene, source);
        journal.note(KIND, source, null, null, "scene '" + restored.scene() + "' restored: " + restored.state()
                + ", counter " + restored.counter() + ", " + restored.devices() + " device(s)"
                + (restored.notInScene().isEmpty() ? "" : "; registered since, left as they are: " + restored.notInScene())
                + (restored.underOverride().isEmpty() ? "" : "; under override, no CUP: " + restored.underOverride()));
        return restored;
    }

    /** The document, as GET /api/scenes/{name}/export answers it and POST /api/scenes/import takes it. */
    public Scene export(String name) {
        return stored(name).scene();
    }

    /**
     * Stores an uploaded document under its own name, or under {@code ?name=}. Nothing is stored unless the
     * document could be restored on this server as it is: 400 naming the first bad value by its path.
     */
    public SceneSummary importScene(Scene document, String nameParameter, String source) {
        Fields.body(document);
        List<String> problems = restorer.problems(document);
        if (!problems.isEmpty()) {
            throw new ApiException(400, problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        String name = nameParameter != null && !nameParameter.isBlank() ? name(nameParameter, "?name")
                : name(Fields.text(document.name(), "name", null), "name");
        refuseTaken(name);
        long savedAt = document.savedAt() == null ? clock.getAsLong() : Instant.parse(document.savedAt()).toEpochMilli();
        Scene scene = document.named(name);
        return stored(name, savedAt, scene, source, "scene '" + name + "' imported"
                + (name.equals(document.name()) ? "" : " (saved as '" + document.name() + "')") + ": " + scene.counts());
    }

    private SceneSummary stored(String name, long savedAt, Scene scene, String source, String note) {
        if (!store.insert(name, savedAt, scene)) {
            throw new ApiException(409, "scene '" + name + "' exists already: delete it first, or choose another name");
        }
        journal.note(KIND, source, null, null, note);
        return summary(new SceneStore.Stored(name, savedAt, scene));
    }

    private void refuseTaken(String name) {
        if (store.find(name).isPresent()) {
            throw new ApiException(409, "scene '" + name + "' exists already: delete it first, or choose another name");
        }
    }

    private SceneStore.Stored stored(String name) {
        String n = name(name, "name");
        return store.find(n).orElseThrow(() -> new ApiException(404, "scene '" + n + "' does not exist"));
    }

    private static SceneSummary summary(SceneStore.Stored s) {
        Scene scene = s.scene();
        return new SceneSummary(s.name(), Instant.ofEpochMilli(s.savedAt()).toString(),
                scene.alert() == null ? null : scene.alert().state(),
                scene.alert() == null ? null : scene.alert().counter(), scene.counts());
    }

    private static String name(String name, String field) {
        if (!Scene.validName(name)) {
            throw new ApiException(400, ApiJson.field(field, "must be 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit"));
        }
        return name;
    }
}
