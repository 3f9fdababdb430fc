package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.skaben.device.Json;
import org.skaben.scene.Scene;
import org.skaben.scene.SceneCapture;
import org.skaben.scene.SceneRestore;

/**
 * Scenes as the operator API checks and shows them (SceneRoutes): the whole game setup saved under a name,
 * restored, exported as a JSON document and imported from one. The scene table is read and written by the
 * routes' {@code sql:} steps (sql/scene-*.sql); what this does around them: the requests' checks (a 400 naming
 * the field, 404, 409), the setup's capture and restore (Java: each one consistent pass over every game table,
 * see {@link SceneCapture} and {@link SceneRestore}), and the rows as the API answers them. A name is taken once:
 * saving or importing under a name in use is refused (409) rather than overwriting a scene, so "before-run"
 * cannot be lost by a slip; delete it first to save it anew.
 */
public record SceneApi(SceneCapture capture, SceneRestore restorer, LongSupplier clock) {

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

    /** A scene's name, checked: the parameter of sql/scene-by-name.sql and sql/scene-delete.sql. */
    public record SceneName(String name) {
    }

    /** A row of the scene table as sql/scene-*.sql read it: its document still JSON text. */
    public record SceneRow(String name, long savedAt, String document) {
    }

    /** A scene stored: its name, when it was saved and its document. */
    public record Stored(String name, long savedAt, Scene scene) {
    }

    /** A scene to store (sql/scene-insert.sql's parameters) and the journal's line about it. */
    public record NewScene(String name, long savedAt, Scene scene, String note) {

        /** The document as the scene table keeps it (JSON text). */
        public String document() {
            return Json.write(scene);
        }
    }

    // --- reads ------------------------------------------------------------------------------------------

    /** {name} in the path. */
    public SceneName name(String name) {
        return new SceneName(checkedName(name, "name"));
    }

    /** The row sql/scene-by-name.sql read, or 404. */
    public Stored found(SceneRow row, SceneName key) {
        if (row == null) {
            throw new ApiException(404, "scene '" + key.name() + "' does not exist");
        }
        return stored(row);
    }

    /** The rows of sql/scene-list.sql. */
    public List<SceneSummary> summaries(List<SceneRow> rows) {
        return rows.stream().map(r -> summary(stored(r))).toList();
    }

    /** GET /api/scenes/{name}. */
    public SceneView view(Stored s) {
        SceneSummary summary = summary(s);
        return new SceneView(summary.name(), summary.savedAt(), summary.state(), summary.counter(), summary.counts(),
                s.scene());
    }

    private static SceneSummary summary(Stored s) {
        Scene scene = s.scene();
        return new SceneSummary(s.name(), Instant.ofEpochMilli(s.savedAt()).toString(),
                scene.alert() == null ? null : scene.alert().state(),
                scene.alert() == null ? null : scene.alert().counter(), scene.counts());
    }

    /** The summary of a scene just stored. */
    public SceneSummary savedSummary(NewScene s) {
        return summary(new Stored(s.name(), s.savedAt(), s.scene()));
    }

    // --- writes -----------------------------------------------------------------------------------------

    /** POST /api/scenes: the name to save the setup under. */
    public SceneName saveName(SceneRequest request) {
        Fields.body(request);
        return new SceneName(checkedName(Fields.text(request.name(), "name", null), "name"));
    }

    /** 409 when sql/scene-by-name.sql found a scene of the name (null: none). */
    public void nameFree(SceneRow holder) {
        if (holder != null) {
            taken(holder.name());
        }
    }

    /** 409: the insert found the name taken after all (another request stored it meanwhile). */
    public void taken(String name) {
        throw new ApiException(409, "scene '" + name + "' exists already: delete it first, or choose another name");
    }

    /** The setup as it is now, under the name. */
    public NewScene captured(SceneName name) {
        long now = clock.getAsLong();
        Scene scene = capture.capture(name.name(), now);
        return new NewScene(name.name(), now, scene, "scene '" + name.name() + "' saved: " + scene.counts());
    }

    /**
     * An uploaded document, under its own name or under {@code ?name=}. It is taken only if it could be restored
     * on this server as it is: 400 naming the first bad value by its path otherwise.
     */
    public NewScene imported(Scene document, String nameParameter) {
        Fields.body(document);
        List<String> problems = restorer.problems(document);
        if (!problems.isEmpty()) {
            throw new ApiException(400, problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        String name = nameParameter != null && !nameParameter.isBlank() ? checkedName(nameParameter, "?name")
                : checkedName(Fields.text(document.name(), "name", null), "name");
        long savedAt = document.savedAt() == null ? clock.getAsLong() : Instant.parse(document.savedAt()).toEpochMilli();
        Scene scene = document.named(name);
        return new NewScene(name, savedAt, scene, "scene '" + name + "' imported"
                + (name.equals(document.name()) ? "" : " (saved as '" + document.name() + "')") + ": " + scene.counts());
    }

    /** sql/scene-delete.sql deleted {@code rows} rows: 404 when none. */
    public SceneDeleted deleted(SceneName name, int rows) {
        if (rows == 0) {
            throw new ApiException(404, "scene '" + name.name() + "' does not exist");
        }
        return new SceneDeleted(name.name());
    }

    /** POST /api/scenes/{name}/restore: the stored scene in place of the game's setup. */
    public SceneRestore.Restored restore(Stored stored, String source) {
        return restorer.restore(stored.scene(), source);
    }

    /** The journal's line about a restore. */
    public String restoredNote(SceneRestore.Restored restored) {
        return "scene '" + restored.scene() + "' restored: " + restored.state()
                + ", counter " + restored.counter() + ", " + restored.devices() + " device(s)"
                + (restored.notInScene().isEmpty() ? "" : "; registered since, left as they are: " + restored.notInScene())
                + (restored.underOverride().isEmpty() ? "" : "; under override, no CUP: " + restored.underOverride());
    }

    private static Stored stored(SceneRow row) {
        try {
            return new Stored(row.name(), row.savedAt(), Json.MAPPER.readValue(row.document(), Scene.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored scene is not a scene document: " + e.getOriginalMessage(), e);
        }
    }

    private static String checkedName(String name, String field) {
        if (!Scene.validName(name)) {
            throw new ApiException(400, ApiJson.field(field, "must be 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit"));
        }
        return name;
    }
}
