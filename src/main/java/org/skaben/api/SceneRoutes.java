package org.skaben.api;

import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;
import org.skaben.scene.Scene;
import org.skaben.scene.SceneRestore;

/**
 * /api/scenes: the whole game setup saved under a name ("before-run"), restored in one go between runs, and
 * moved between servers as a JSON document (export, import). See {@link SceneApi} and org.skaben.scene.
 */
public class SceneRoutes extends ApiRoutes {

    private static final String SOURCE = "${header." + Headers.SOURCE + "}";

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/scenes", "scenes");
        endpoint(rest.get().outType(SceneApi.SceneSummary[].class), "scenes",
                "every stored scene: name, when it was saved, its alert state and counter, how many of each it holds",
                "sceneApi", "scenes");
        creating(rest.post().type(SceneApi.SceneRequest.class).outType(SceneApi.SceneSummary.class), "scene-save",
                "saves the game setup as it is now under the name (device configs and overrides, alert states, the "
                        + "current state and counter, persons, cards, permissions, simple configs); 409 when the name "
                        + "is taken (a scene is never overwritten: delete it first)",
                "sceneApi", "save(${body}, " + SOURCE + ")");
        creating(query(rest.post("/import").type(Scene.class).outType(SceneApi.SceneSummary.class), "name", "string",
                        "store it under this name instead of the document's"), "scene-import",
                "stores a scene document (as export gives it) from this or another server; a document this server "
                        + "could not restore is refused with 400 naming the bad value by its JSON path, and nothing "
                        + "is stored; 409 when the name is taken",
                "sceneApi", "importScene(${body}, ${header.name}, " + SOURCE + ")");
        endpoint(name(rest.get("/{name}").outType(SceneApi.SceneView.class)), "scene",
                "one scene: its summary and its document", "sceneApi", "scene(${header.name})");
        endpoint(name(rest.delete("/{name}").outType(SceneApi.SceneDeleted.class)), "scene-delete",
                "deletes a stored scene (the game is not changed)", "sceneApi", "delete(${header.name}, " + SOURCE + ")");
        endpoint(name(rest.post("/{name}/restore").outType(SceneRestore.Restored.class)), "scene-restore",
                "puts the scene's setup in place of the game's in one transaction, then every device gets its config "
                        + "(none under override); devices registered since the save are left as they are and listed "
                        + "in not_in_scene; 409 when this server cannot take it now (a device type gone)",
                "sceneApi", "restore(${header.name}, " + SOURCE + ")");
        serve(name(rest.get("/{name}/export").outType(Scene.class)), "scene-export",
                "the scene as a JSON document (format_version " + Scene.FORMAT_VERSION + ") to download and import "
                        + "elsewhere");
        from("direct:api-scene-export").routeId("api-scene-export")
                .setBody(method("sceneApi", "export(${header.name})"))
                .setHeader("Content-Disposition", simple("attachment; filename=\"${header.name}.scene.json\""));
    }

    private static RestDefinition name(RestDefinition verb) {
        return path(verb, "name", "the scene's name");
    }
}
