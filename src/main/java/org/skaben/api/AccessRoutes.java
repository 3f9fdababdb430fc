package org.skaben.api;

import org.apache.camel.model.rest.RestDefinition;

/**
 * /api/persons, /api/cards, /api/permissions: who may open which lock. A change is journaled with source
 * "operator" and a lock whose acl changed gets its config at once.
 */
public class AccessRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "access");
        rest.get("/persons").routeId("rest-persons").description("every person")
                .outType(org.skaben.access.Person[].class).to("direct:api-persons");
        rest.post("/persons").routeId("rest-person-create").description("adds a person")
                .type(AccessApi.PersonRequest.class).outType(org.skaben.access.Person.class)
                .to("direct:api-person-create");
        path(rest.get("/persons/{id}").routeId("rest-person").description("one person")
                .outType(org.skaben.access.Person.class), "id", "the person's id").to("direct:api-person");
        path(rest.put("/persons/{id}").routeId("rest-person-update").description("renames a person or changes the role")
                .type(AccessApi.PersonRequest.class).outType(org.skaben.access.Person.class), "id", "the person's id")
                .to("direct:api-person-update");
        path(rest.delete("/persons/{id}").routeId("rest-person-delete")
                .description("deletes a person who owns no codes (409 otherwise)")
                .outType(AccessApi.PersonDeleted.class), "id", "the person's id").to("direct:api-person-delete");

        rest.get("/cards").routeId("rest-cards").description("every card and code")
                .outType(AccessApi.CardView[].class).to("direct:api-cards");
        rest.post("/cards").routeId("rest-card-create").description("gives a person a card or a code")
                .type(AccessApi.CardRequest.class).outType(AccessApi.CardView.class).to("direct:api-card-create");
        path(rest.get("/cards/{code}").routeId("rest-card").description("one card")
                .outType(AccessApi.CardView.class), "code", "the card's code").to("direct:api-card");
        path(rest.put("/cards/{code}").routeId("rest-card-update").description("changes a card's owner or kind")
                .type(AccessApi.CardChanges.class).outType(AccessApi.CardView.class), "code", "the card's code")
                .to("direct:api-card-update");
        path(rest.delete("/cards/{code}").routeId("rest-card-delete")
                .description("deletes a card and its permissions; the locks get their new acl")
                .outType(AccessApi.CardDeleted.class), "code", "the card's code").to("direct:api-card-delete");

        query(query(rest.get("/permissions").routeId("rest-permissions").description("the permissions")
                .outType(AccessApi.PermissionView[].class), "lock", "string", "only this lock's (its MAC)"),
                "card", "string", "only this card's").to("direct:api-permissions");
        rest.post("/permissions").routeId("rest-permission-create")
                .description("lets a card open a lock in some alert states; the lock gets its acl at once")
                .type(AccessApi.PermissionRequest.class).outType(AccessApi.PermissionView.class)
                .to("direct:api-permission-create");
        path(rest.get("/permissions/{id}").routeId("rest-permission").description("one permission")
                .outType(AccessApi.PermissionView.class), "id", "the permission's id").to("direct:api-permission");
        path(rest.put("/permissions/{id}").routeId("rest-permission-update")
                .description("changes the states a permission opens in")
                .type(AccessApi.PermissionChanges.class).outType(AccessApi.PermissionView.class),
                "id", "the permission's id").to("direct:api-permission-update");
        path(rest.delete("/permissions/{id}").routeId("rest-permission-delete").description("deletes a permission")
                .outType(AccessApi.PermissionDeleted.class), "id", "the permission's id")
                .to("direct:api-permission-delete");

        reply("api-persons", "accessApi", "persons");
        created("api-person-create", "accessApi", "createPerson(${body})");
        reply("api-person", "accessApi", "person(${header.id})");
        reply("api-person-update", "accessApi", "updatePerson(${header.id}, ${body})");
        reply("api-person-delete", "accessApi", "deletePerson(${header.id})");

        reply("api-cards", "accessApi", "cards");
        created("api-card-create", "accessApi", "createCard(${body})");
        reply("api-card", "accessApi", "card(${header.code})");
        reply("api-card-update", "accessApi", "updateCard(${header.code}, ${body})");
        reply("api-card-delete", "accessApi", "deleteCard(${header.code})");

        reply("api-permissions", "accessApi", "permissions(${header.lock}, ${header.card})");
        created("api-permission-create", "accessApi", "createPermission(${body})");
        reply("api-permission", "accessApi", "permission(${header.id})");
        reply("api-permission-update", "accessApi", "updatePermission(${header.id}, ${body})");
        reply("api-permission-delete", "accessApi", "deletePermission(${header.id})");
    }
}
