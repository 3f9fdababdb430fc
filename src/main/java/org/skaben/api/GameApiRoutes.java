package org.skaben.api;

import org.apache.camel.Exchange;

/**
 * The game master's REST API for the game (game.md section 5): alert states, the counter, persons, cards,
 * permissions and simple-device configs per state. GameApi does the work; each change is journaled and
 * reaches the devices at once.
 */
public class GameApiRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        rest("/api/alert").produces("application/json")
                .get("/states").routeId("rest-alert-states").to("direct:api-alert-states")
                .post("/states").routeId("rest-alert-state-create").to("direct:api-alert-state-create")
                .put("/states/{name}").routeId("rest-alert-state-update").to("direct:api-alert-state-update")
                .post("/states/{name}/current").routeId("rest-alert-state-current").to("direct:api-alert-state-current")
                .get("/counter").routeId("rest-alert-counter").to("direct:api-alert-counter")
                .get("/counter/history").routeId("rest-alert-counter-history").to("direct:api-alert-counter-history")
                .post("/counter").routeId("rest-alert-counter-post").to("direct:api-alert-counter-post");

        rest("/api").produces("application/json")
                .get("/persons").routeId("rest-persons").to("direct:api-persons")
                .post("/persons").routeId("rest-person-create").to("direct:api-person-create")
                .get("/persons/{id}").routeId("rest-person").to("direct:api-person")
                .put("/persons/{id}").routeId("rest-person-update").to("direct:api-person-update")
                .delete("/persons/{id}").routeId("rest-person-delete").to("direct:api-person-delete")
                .get("/cards").routeId("rest-cards").to("direct:api-cards")
                .post("/cards").routeId("rest-card-create").to("direct:api-card-create")
                .get("/cards/{code}").routeId("rest-card").to("direct:api-card")
                .put("/cards/{code}").routeId("rest-card-update").to("direct:api-card-update")
                .delete("/cards/{code}").routeId("rest-card-delete").to("direct:api-card-delete")
                .get("/permissions").routeId("rest-permissions").to("direct:api-permissions")
                .post("/permissions").routeId("rest-permission-create").to("direct:api-permission-create")
                .get("/permissions/{id}").routeId("rest-permission").to("direct:api-permission")
                .put("/permissions/{id}").routeId("rest-permission-update").to("direct:api-permission-update")
                .delete("/permissions/{id}").routeId("rest-permission-delete").to("direct:api-permission-delete")
                .get("/simple-configs").routeId("rest-simple-configs").to("direct:api-simple-configs")
                .get("/simple-configs/{type}/{state}").routeId("rest-simple-config").to("direct:api-simple-config")
                .put("/simple-configs/{type}/{state}").routeId("rest-simple-config-save").to("direct:api-simple-config-save")
                .delete("/simple-configs/{type}/{state}").routeId("rest-simple-config-delete").to("direct:api-simple-config-delete");

        reply("api-alert-states", "states");
        created("api-alert-state-create", "createState(${bodyAs(String)})");
        reply("api-alert-state-update", "updateState(${header.name}, ${bodyAs(String)})");
        reply("api-alert-state-current", "setCurrent(${header.name}, ${bodyAs(String)})");
        reply("api-alert-counter", "counter");
        reply("api-alert-counter-history", "history(${header.limit})");
        reply("api-alert-counter-post", "postCounter(${bodyAs(String)})");

        reply("api-persons", "persons");
        created("api-person-create", "createPerson(${bodyAs(String)})");
        reply("api-person", "person(${header.id})");
        reply("api-person-update", "updatePerson(${header.id}, ${bodyAs(String)})");
        reply("api-person-delete", "deletePerson(${header.id})");

        reply("api-cards", "cards");
        created("api-card-create", "createCard(${bodyAs(String)})");
        reply("api-card", "card(${header.code})");
        reply("api-card-update", "updateCard(${header.code}, ${bodyAs(String)})");
        reply("api-card-delete", "deleteCard(${header.code})");

        reply("api-permissions", "permissions(${header.lock}, ${header.card})");
        created("api-permission-create", "createPermission(${bodyAs(String)})");
        reply("api-permission", "permission(${header.id})");
        reply("api-permission-update", "updatePermission(${header.id}, ${bodyAs(String)})");
        reply("api-permission-delete", "deletePermission(${header.id})");

        reply("api-simple-configs", "simpleConfigs");
        reply("api-simple-config", "simpleConfig(${header.type}, ${header.state})");
        reply("api-simple-config-save", "saveSimpleConfig(${header.type}, ${header.state}, ${bodyAs(String)})");
        reply("api-simple-config-delete", "deleteSimpleConfig(${header.type}, ${header.state})");
    }

    /** direct:{id} calls one GameApi method and answers with its result as JSON. */
    private void reply(String id, String method) {
        from("direct:" + id).routeId(id)
                .setBody(method("gameApi", method))
                .to("direct:reply-json");
    }

    private void created(String id, String method) {
        from("direct:" + id).routeId(id)
                .setBody(method("gameApi", method))
                .to("direct:reply-json")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));
    }
}
