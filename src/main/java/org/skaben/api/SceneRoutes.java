package org.skaben.api;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.component.sql.SqlConstants;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;
import org.skaben.scene.Scene;
import org.skaben.scene.SceneRestore;
import org.springframework.dao.DuplicateKeyException;

/**
 * /api/scenes: the whole game setup saved under a name ("before-run"), restored in one go between runs, and
 * moved between servers as a JSON document (export, import). The scene table is read and written by
 * {@code sql:} steps (sql/scene-*.sql), each request checked first by sceneApi (a 400 naming the field, 404,
 * 409); every change is journaled (kind scene) with its source. Taking the setup in and putting it back are
 * Java ({@link SceneApi}, org.skaben.scene): each is one consistent pass over every game table, the restore
 * one transaction, which no single statement does.
 */
public class SceneRoutes extends ApiRoutes {

    private static final String SCENES = "sceneApi";
    private static final String ROW = one(SceneApi.SceneRow.class);

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/scenes", "scenes");
        serve(rest.get().outType(SceneApi.SceneSummary[].class), "scenes",
                "every stored scene: name, when it was saved, its alert state and counter, how many of each it holds");
        serve(rest.post().type(SceneApi.SceneRequest.class).outType(SceneApi.SceneSummary.class), "scene-save",
                "saves the game setup as it is now under the name (device configs and overrides, alert states, the "
                        + "current state and counter, persons, cards, permissions, simple configs); 409 when the name "
                        + "is taken (a scene is never overwritten: delete it first)");
        serve(query(rest.post("/import").type(Scene.class).outType(SceneApi.SceneSummary.class), "name", "string",
                        "store it under this name instead of the document's"), "scene-import",
                "stores a scene document (as export gives it) from this or another server; a document this server "
                        + "could not restore is refused with 400 naming the bad value by its JSON path, and nothing "
                        + "is stored; 409 when the name is taken");
        serve(name(rest.get("/{name}").outType(SceneApi.SceneView.class)), "scene",
                "one scene: its summary and its document");
        serve(name(rest.delete("/{name}").outType(SceneApi.SceneDeleted.class)), "scene-delete",
                "deletes a stored scene (the game is not changed)");
        serve(name(rest.post("/{name}/restore").outType(SceneRestore.Restored.class)), "scene-restore",
                "puts the scene's setup in place of the game's in one transaction, then every device gets its config "
                        + "(none under override); devices registered since the save are left as they are and listed "
                        + "in not_in_scene; 409 when this server cannot take it now (a device type gone)");
        serve(name(rest.get("/{name}/export").outType(Scene.class)), "scene-export",
                "the scene as a JSON document (format_version " + Scene.FORMAT_VERSION + ") to download and import "
                        + "elsewhere");

        from("direct:api-scenes").routeId("api-scenes")
                .to(sql("scene-list", list(SceneApi.SceneRow.class)))
                .setBody(method(SCENES, "summaries(${body})"));

        stored(from("direct:api-scene").routeId("api-scene"))
                .setBody(method(SCENES, "view(${body})"));

        // the name checked and free, then the setup read from every game table at once (SceneCapture)
        inserted(nameFree(from("direct:api-scene-save").routeId("api-scene-save")
                .setBody(method(SCENES, "saveName(${body})")))
                .setBody(method(SCENES, "captured(${body})")));

        // nothing is stored unless this server could restore the document as it is
        inserted(nameFree(from("direct:api-scene-import").routeId("api-scene-import")
                .setBody(method(SCENES, "imported(${body}, ${header.name})"))));

        journaled(from("direct:api-scene-delete").routeId("api-scene-delete")
                .setBody(method(SCENES, "name(${header.name})"))
                .to(sql("scene-delete", WRITE))
                .setBody(method(SCENES, "deleted(${body}, ${header." + SqlConstants.SQL_UPDATE_COUNT + "})")),
                simple("scene '${body.deleted}' deleted"));

        // one transaction over every table the scene holds, then every device its config (SceneRestore)
        journaled(stored(from("direct:api-scene-restore").routeId("api-scene-restore"))
                .setBody(method(SCENES, "restore(${body}, " + SOURCE + ")")),
                method(SCENES, "restoredNote(${body})"));

        stored(from("direct:api-scene-export").routeId("api-scene-export"))
                .setHeader("Content-Disposition", simple("attachment; filename=\"${body.name}.scene.json\""))
                .setBody(simple("${body.scene}"));
    }

    /** The scene {name} in the path names, as the body (SceneApi.Stored); 400 for a bad name, 404 for none. */
    private RouteDefinition stored(RouteDefinition route) {
        return route.setVariable("key", method(SCENES, "name(${header.name})"))
                .toV(sql("scene-by-name", ROW), "key", null)
                .setBody(method(SCENES, "found(${body}, ${variable.key})"));
    }

    /** 409 when a scene has the name of the body (a SceneName or NewScene). */
    private static RouteDefinition nameFree(RouteDefinition route) {
        return route.toV(sql("scene-by-name", ROW), null, "holder")
                .bean(SCENES, "nameFree(${variable.holder})");
    }

    /**
     * The body (a NewScene) stored, journaled and answered as its summary with 201; 409 when the insert finds
     * the name taken after all (another request stored a scene of that name since it was checked).
     */
    private void inserted(RouteDefinition route) {
        journaled(route.doTry()
                    .to(sql("scene-insert", WRITE))
                .doCatch(DuplicateKeyException.class)
                    // refused after the block: what a doCatch throws bypasses the API's onException (a bare 500)
                    .setVariable("taken", constant(true))
                .end()
                .filter(variable("taken").isNotNull())
                    .bean(SCENES, "taken(${body.name})")
                .end(), simple("${body.note}"))
                .setBody(method(SCENES, "savedSummary(${body})"))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));
    }

    /**
     * A change of the scenes, in the journal (its source: the header the API set). The entry's headers never reach
     * the HTTP answer (RouteHeadersStayInside): a restore's line lists every device left alone.
     */
    private ProcessorDefinition<?> journaled(ProcessorDefinition<?> route, Expression detail) {
        return route.setHeader(Headers.KIND, constant("scene"))
                .removeHeader(Headers.TYPE)
                .removeHeader(Headers.UID)
                .setHeader(Headers.DETAIL, detail)
                .to("direct:journal");
    }

    private static RestDefinition name(RestDefinition verb) {
        return path(verb, "name", "the scene's name");
    }
}
