package org.skaben.api;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.Headers;
import org.skaben.access.AccessCode;
import org.skaben.access.Person;
import org.skaben.game.CacheRefresh;

/**
 * /api/persons, /api/cards, /api/permissions: who may open which lock. Each is listed, created, read, changed
 * and deleted alike: the request checked (accessChecks: a 400 naming the bad field, 404, 409), then the row read
 * or written by a {@code sql:} step (its statement in src/main/resources/sql/), then after a write the access
 * view re-read (cacheRefresh), the change journaled with its source (operator or operator:<name>) and each lock
 * whose acl changed sent its config at once. /api/cards.csv: persons and cards as name;description;code lines,
 * exported and imported (the import is Java: see {@link AccessApi}).
 */
public class AccessRoutes extends ApiRoutes {

    private static final String CHECKS = "accessChecks";
    private static final String REFRESH = "cacheRefresh";
    /** After every write to person, access_code or permission: the access view the locks' acl come from. */
    private static final String ACCESS_CHANGED = "changed('" + CacheRefresh.ACCESS + "')";

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "access");
        verbs(rest, new Kind("person", "persons", "id", Person.class, AccessApi.PersonRequest.class,
                AccessApi.PersonRequest.class, AccessApi.PersonDeleted.class,
                "deletes a person who owns no codes (409 otherwise)"), list -> list);
        csv(rest);
        verbs(rest, new Kind("card", "cards", "code", AccessApi.CardView.class,
                AccessApi.CardRequest.class, AccessApi.CardChanges.class, AccessApi.CardDeleted.class,
                "deletes a card and its permissions; the locks that lost it get their new acl"),
                list -> query(list, "owner", "string",
                        "only this person's (by name); owner=unknown lists the cards registered in white"));
        verbs(rest, new Kind("permission", "permissions", "id",
                AccessApi.PermissionView.class, AccessApi.PermissionRequest.class, AccessApi.PermissionChanges.class,
                AccessApi.PermissionDeleted.class, "deletes a permission; the lock gets its new acl"),
                list -> query(query(list, "lock", "string", "only this lock's (its MAC)"),
                        "card", "string", "only this card's"));
        persons();
        cards();
        permissions();
        locksChanged();
    }

    // --- persons ----------------------------------------------------------------------------------------

    private void persons() {
        from("direct:api-persons").routeId("api-persons")
                .to(sql("person-list", list(Person.class)));

        from("direct:api-person").routeId("api-person")
                .setVariable("key", method(CHECKS, "id(${header.id})"))
                .toV(sql("person-by-id", one(Person.class)), "key", null)
                .setBody(method(CHECKS, "personFound(${body}, ${variable.key})"));

        journaled(saved(from("direct:api-person-create").routeId("api-person-create")
                .setBody(method(CHECKS, "newPerson(${body})")), "person-insert", "person-by-name"),
                "person", "person ${body.id()} ${body.name()} (${body.role()}) created")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));

        journaled(saved(from("direct:api-person-update").routeId("api-person-update")
                .setVariable("request", body())
                .setVariable("key", method(CHECKS, "id(${header.id})"))
                .toV(sql("person-by-id", one(Person.class)), "key", null)
                .setBody(method(CHECKS, "personFound(${body}, ${variable.key})"))
                .setBody(method(CHECKS, "changedPerson(${body}, ${variable.request})")), "person-update", "person-by-id"),
                "person", "person ${body.id()} is now ${body.name()} (${body.role()})");

        journaled(from("direct:api-person-delete").routeId("api-person-delete")
                .setVariable("key", method(CHECKS, "id(${header.id})"))
                .toV(sql("person-by-id", one(Person.class)), "key", "person")
                .setVariable("person", method(CHECKS, "personFound(${variable.person}, ${variable.key})"))
                .toV(sql("person-code-count", "outputType=SelectOne"), "key", "codes")
                .bean(CHECKS, "deletable(${variable.person}, ${variable.codes})")
                .toV(sql("person-delete", WRITE), "key", "deleted")
                .bean(REFRESH, ACCESS_CHANGED)
                .setBody(variable("person")),
                "person", "person ${body.id()} ${body.name()} deleted")
                .setBody(e -> new AccessApi.PersonDeleted(e.getMessage().getBody(Person.class).id()));
    }

    /** The body: a person's parameters. 409 when another has the name; then written, and read back. */
    private RouteDefinition saved(RouteDefinition route, String write, String readBack) {
        return route.toV(sql("person-by-name", one(Person.class)), null, "holder")
                .bean(CHECKS, "nameFree(${variable.holder}, ${body})")
                .to(sql(write, WRITE))
                .bean(REFRESH, ACCESS_CHANGED)
                .to(sql(readBack, one(Person.class)));
    }

    // --- cards and codes --------------------------------------------------------------------------------

    private void cards() {
        // owner=unknown: the cards registered in white
        from("direct:api-cards").routeId("api-cards")
                .setBody(method(CHECKS, "owner(${header.owner})"))
                .to(sql("card-list", list(AccessApi.CardView.class)));

        from("direct:api-card").routeId("api-card")
                .setVariable("key", method(CHECKS, "code(${header.code})"))
                .toV(sql("card-by-code", one(AccessApi.CardView.class)), "key", null)
                .setBody(method(CHECKS, "cardFound(${body}, ${variable.key})"));

        // the owner named by id or name; a card's owner is no part of any acl, so no lock gets a config
        journaled(from("direct:api-card-create").routeId("api-card-create")
                .setVariable("request", body())
                .setVariable("owner", method(CHECKS, "newCardOwner(${body})"))
                .toV(sql("person-by-id-or-name", one(Person.class)), "owner", null)
                .setBody(method(CHECKS, "ownerFound(${body}, ${variable.owner})"))
                .setBody(method(CHECKS, "newCard(${variable.request}, ${body})"))
                .toV(sql("card-by-code", one(AccessApi.CardView.class)), null, "holder")
                .bean(CHECKS, "codeFree(${variable.holder}, ${body})")
                .to(sql("card-insert", WRITE))
                .bean(REFRESH, ACCESS_CHANGED)
                .to(sql("card-by-code", one(AccessApi.CardView.class))),
                "card", "${body.kind()} ${body.code()} given to ${body.person()}")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));

        journaled(from("direct:api-card-update").routeId("api-card-update")
                .setVariable("request", body())
                .setVariable("key", method(CHECKS, "code(${header.code})"))
                .toV(sql("card-by-code", one(AccessApi.CardView.class)), "key", "card")
                .setVariable("card", method(CHECKS, "cardFound(${variable.card}, ${variable.key})"))
                .setVariable("owner", method(CHECKS, "changedCardOwner(${variable.card}, ${variable.request})"))
                .toV(sql("person-by-id-or-name", one(Person.class)), "owner", null)
                .setBody(method(CHECKS, "ownerFound(${body}, ${variable.owner})"))
                .setBody(method(CHECKS, "changedCard(${variable.card}, ${variable.request}, ${body})"))
                .to(sql("card-update", WRITE))
                .bean(REFRESH, ACCESS_CHANGED)
                .to(sql("card-by-code", one(AccessApi.CardView.class))),
                "card", "${body.kind()} ${body.code()} now belongs to ${body.person()}");

        // its permissions go with it: the locks they were for, read before, get their new acl
        journaled(from("direct:api-card-delete").routeId("api-card-delete")
                .setVariable("key", method(CHECKS, "code(${header.code})"))
                .toV(sql("card-by-code", one(AccessApi.CardView.class)), "key", "card")
                .bean(CHECKS, "cardFound(${variable.card}, ${variable.key})")
                .toV(sql("card-locks", list(String.class)), "key", "locks")
                .toV(sql("card-delete", WRITE), "key", "deleted")
                .bean(REFRESH, ACCESS_CHANGED)
                .setBody(e -> new AccessApi.CardDeleted(e.getVariable("card", AccessApi.CardView.class).code(),
                        List.copyOf(e.getVariable("locks", List.class)))),
                "card", "code ${body.deleted()} deleted, with its permissions for ${body.locks()}")
                .to("direct:access-locks-changed");
    }

    /**
     * GET and POST /api/cards.csv: text, not JSON, so the binding is off for both; the upload is kept as bytes
     * (the API routes drop a body the binding did not read) and the import's answer written as JSON here.
     */
    private void csv(RestDefinition rest) {
        serve(rest.get("/cards.csv").bindingMode(RestBindingMode.off).produces("text/csv"), "cards-csv",
                "every card as a line name;description;code (its owner's name and description), then every person "
                        + "without a card (an empty code), under that header line; UTF-8");
        from("direct:api-cards-csv").routeId("api-cards-csv")
                .toV(sql("person-list", list(Person.class)), null, "persons")
                .toV(sql("access-code-list", list(AccessCode.class)), null, "codes")
                .setBody(method(CardsCsv.class, "format(${variable.persons}, ${variable.codes})"))
                .setHeader(Exchange.CONTENT_TYPE, constant("text/csv; charset=utf-8"))
                .setHeader("Content-Disposition", constant("attachment; filename=\"cards.csv\""));

        query(rest.post("/cards.csv").bindingMode(RestBindingMode.off).consumes("text/csv")
                .outType(AccessApi.CsvImport.class), "preview", "boolean",
                "true only says what the import would do; false or absent imports")
                .routeId("rest-cards-csv-import")
                .description("imports name;description;code lines (UTF-8, with or without BOM; a header line "
                        + "optional; an empty code is a person without a card): persons by name, created when "
                        + "missing; cards created, or given to the person named. All or nothing: a 400 names "
                        + "every bad line by its number")
                .to("direct:cards-csv-upload");
        from("direct:cards-csv-upload").routeId("cards-csv-upload")
                .setBody(e -> new AccessApi.CsvUpload(e.getMessage().getBody(byte[].class)))
                .to("direct:api-cards-csv-import");
        // one transaction over many rows, in Java (AccessApi); the access view re-read once it is applied
        from("direct:api-cards-csv-import").routeId("api-cards-csv-import")
                .setBody(method("accessApi", "importCards(${body}, ${header.preview}, " + SOURCE + ")"))
                .filter(simple("${body.imported()}"))
                    .bean(REFRESH, ACCESS_CHANGED)
                .end()
                .setBody(e -> ApiJson.write(e.getMessage().getBody()))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }

    // --- permissions ------------------------------------------------------------------------------------

    private void permissions() {
        from("direct:api-permissions").routeId("api-permissions")
                .setBody(method(CHECKS, "permissionFilter(${header.lock}, ${header.card})"))
                .to(sql("permission-list", list(AccessChecks.PermissionRow.class)))
                .setBody(method(CHECKS, "views(${body})"));

        from("direct:api-permission").routeId("api-permission")
                .setVariable("key", method(CHECKS, "id(${header.id})"))
                .toV(sql("permission-by-id", one(AccessChecks.PermissionRow.class)), "key", null)
                .setBody(method(CHECKS, "permissionFound(${body}, ${variable.key})"))
                .setBody(method(CHECKS, "view(${body})"));

        permissionSaved(from("direct:api-permission-create").routeId("api-permission-create")
                .setBody(method(CHECKS, "newPermission(${body})"))
                .toV(sql("card-by-code", one(AccessApi.CardView.class)), null, "card")
                .bean(CHECKS, "cardExists(${variable.card}, ${body})")
                .toV(sql("permission-by-card-and-lock", one(AccessChecks.PermissionRow.class)), null, "holder")
                .bean(CHECKS, "permissionFree(${variable.holder}, ${body})")
                .to(sql("permission-insert", WRITE))
                .bean(REFRESH, ACCESS_CHANGED)
                .to(sql("permission-by-card-and-lock", one(AccessChecks.PermissionRow.class))), "granted")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201));

        permissionSaved(from("direct:api-permission-update").routeId("api-permission-update")
                .setVariable("request", body())
                .setVariable("key", method(CHECKS, "id(${header.id})"))
                .toV(sql("permission-by-id", one(AccessChecks.PermissionRow.class)), "key", null)
                .setBody(method(CHECKS, "permissionFound(${body}, ${variable.key})"))
                .setBody(method(CHECKS, "changedPermission(${body}, ${variable.request})"))
                .to(sql("permission-update", WRITE))
                .bean(REFRESH, ACCESS_CHANGED)
                .to(sql("permission-by-id", one(AccessChecks.PermissionRow.class))), "changed");

        journaledAtLock(from("direct:api-permission-delete").routeId("api-permission-delete")
                .setVariable("key", method(CHECKS, "id(${header.id})"))
                .toV(sql("permission-by-id", one(AccessChecks.PermissionRow.class)), "key", null)
                .setBody(method(CHECKS, "permissionFound(${body}, ${variable.key})"))
                .setBody(method(CHECKS, "view(${body})"))
                .toV(sql("permission-delete", WRITE), "key", "deleted")
                .bean(REFRESH, ACCESS_CHANGED),
                "permission ${body.id()} of ${body.card()} deleted")
                .setVariable("locks", method(CHECKS, "lockOf(${body})"))
                .to("direct:access-locks-changed")
                .setBody(e -> new AccessApi.PermissionDeleted(e.getMessage().getBody(AccessApi.PermissionView.class).id()));
    }

    /** A permission written: the API's view of it journaled, and its lock sent its new acl. */
    private RouteDefinition permissionSaved(RouteDefinition route, String what) {
        return journaledAtLock(route.setBody(method(CHECKS, "view(${body})")),
                "permission ${body.id()} " + what + ": ${body.card()} opens ${body.lock()} in ${body.states()}")
                .setVariable("locks", method(CHECKS, "lockOf(${body})"))
                .to("direct:access-locks-changed");
    }

    /** Variable locks: the locks whose acl changed, each sent its config now (direct:cup-push). */
    private void locksChanged() {
        from("direct:access-locks-changed").routeId("access-locks-changed")
                .bean("broadcaster", "pushDevices(${variable.locks}, 'permissions changed by operator', "
                        + SOURCE + ", false)");
    }

    // --- the steps every route shares -------------------------------------------------------------------

    /** A change of a person or card, in the journal (its source: the header the API set). */
    private RouteDefinition journaled(RouteDefinition route, String kind, String detail) {
        return route.setHeader(Headers.KIND, constant(kind))
                .removeHeader(Headers.TYPE)
                .removeHeader(Headers.UID)
                .setHeader(Headers.DETAIL, simple(detail))
                .to("direct:journal");
    }

    /** A change of a permission (the body: its view), in the journal under its lock. */
    private RouteDefinition journaledAtLock(RouteDefinition route, String detail) {
        return route.setHeader(Headers.KIND, constant("permission"))
                .setHeader(Headers.TYPE, method(CHECKS, "lockType"))
                .setHeader(Headers.UID, simple("${body.lock()}"))
                .setHeader(Headers.DETAIL, simple(detail))
                .to("direct:journal");
    }

    /** One kind of access record: its names, its key in the path, its request and response records. */
    private record Kind(String one, String many, String key, Class<?> view, Class<?> request,
                        Class<?> changes, Class<?> deleted, String onDelete) {
    }

    /**
     * GET /api/{many} (with the list's query parameters), POST, and GET, PUT and DELETE of /api/{many}/{key},
     * each going to direct:api-{id} (persons, person-create, person, person-update, person-delete).
     */
    private void verbs(RestDefinition rest, Kind k, UnaryOperator<RestDefinition> listParameters) {
        String item = "/" + k.many() + "/{" + k.key() + "}";
        String keyDescription = "the " + k.one() + "'s " + k.key();
        serve(listParameters.apply(rest.get("/" + k.many()).outType(k.view().arrayType())), k.many(),
                "every " + k.one() + " (or those the parameters name)");
        serve(rest.post("/" + k.many()).type(k.request()).outType(k.view()), k.one() + "-create",
                "creates a " + k.one());
        serve(path(rest.get(item).outType(k.view()), k.key(), keyDescription), k.one(), "one " + k.one());
        serve(path(rest.put(item).type(k.changes()).outType(k.view()), k.key(), keyDescription),
                k.one() + "-update", "changes a " + k.one() + "; absent fields keep their value");
        serve(path(rest.delete(item).outType(k.deleted()), k.key(), keyDescription), k.one() + "-delete",
                k.onDelete());
    }
}
