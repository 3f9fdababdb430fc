package org.skaben.api;

import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.access.Person;

/**
 * /api/persons, /api/cards, /api/permissions: who may open which lock. Each is listed, created, read, changed
 * and deleted alike; a change is journaled with its source (operator or operator:<name>) and a lock whose acl
 * changed gets its config at once. /api/cards.csv: persons and cards as name;description;code lines, exported
 * and imported.
 */
public class AccessRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "access");
        records(rest, new Kind("person", "persons", "persons", "id", Person.class, AccessApi.PersonRequest.class,
                AccessApi.PersonRequest.class, AccessApi.PersonDeleted.class,
                "deletes a person who owns no codes (409 otherwise)"), list -> list);
        csv(rest);
        records(rest, new Kind("card", "cards", "cards(${header.owner})", "code", AccessApi.CardView.class,
                AccessApi.CardRequest.class, AccessApi.CardChanges.class, AccessApi.CardDeleted.class,
                "deletes a card and its permissions; the locks that lost it get their new acl"),
                list -> query(list, "owner", "string",
                        "only this person's (by name); owner=unknown lists the cards registered in white"));
        records(rest, new Kind("permission", "permissions", "permissions(${header.lock}, ${header.card})", "id",
                AccessApi.PermissionView.class, AccessApi.PermissionRequest.class, AccessApi.PermissionChanges.class,
                AccessApi.PermissionDeleted.class, "deletes a permission; the lock gets its new acl"),
                list -> query(query(list, "lock", "string", "only this lock's (its MAC)"),
                        "card", "string", "only this card's"));
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
                .setBody(method("accessApi", "cardsCsv"))
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
        from("direct:api-cards-csv-import").routeId("api-cards-csv-import")
                .setBody(method("accessApi", "importCards(${body}, ${header.preview}, " + SOURCE + ")"))
                .setBody(e -> ApiJson.write(e.getMessage().getBody()))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }

    /** One kind of access record: its names, its list call, its key in the path, its request and response records. */
    private record Kind(String one, String many, String listCall, String key, Class<?> view, Class<?> request,
                        Class<?> changes, Class<?> deleted, String onDelete) {

        String call(String method, String... args) {
            String name = Character.toUpperCase(one.charAt(0)) + one.substring(1);
            return method + name + "(" + String.join(", ", args) + ")";
        }
    }

    /**
     * GET /api/{many} (the list call takes the list's query parameters), POST, and GET, PUT and DELETE of
     * /api/{many}/{key}, each calling the accessApi method named after it (persons, createPerson, person, ...).
     */
    private void records(RestDefinition rest, Kind k, UnaryOperator<RestDefinition> listParameters) {
        String item = "/" + k.many() + "/{" + k.key() + "}";
        String key = "${header." + k.key() + "}";
        String keyDescription = "the " + k.one() + "'s " + k.key();
        endpoint(listParameters.apply(rest.get("/" + k.many()).outType(k.view().arrayType())), k.many(),
                "every " + k.one() + " (or those the parameters name)", "accessApi", k.listCall());
        creating(rest.post("/" + k.many()).type(k.request()).outType(k.view()), k.one() + "-create",
                "creates a " + k.one(), "accessApi", k.call("create", "${body}", SOURCE));
        endpoint(path(rest.get(item).outType(k.view()), k.key(), keyDescription), k.one(),
                "one " + k.one(), "accessApi", k.one() + "(" + key + ")");
        endpoint(path(rest.put(item).type(k.changes()).outType(k.view()), k.key(), keyDescription),
                k.one() + "-update", "changes a " + k.one() + "; absent fields keep their value", "accessApi",
                k.call("update", key, "${body}", SOURCE));
        endpoint(path(rest.delete(item).outType(k.deleted()), k.key(), keyDescription), k.one() + "-delete",
                k.onDelete(), "accessApi", k.call("delete", key, SOURCE));
    }
}
