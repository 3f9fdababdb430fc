package org.skaben.api;

import java.util.function.UnaryOperator;
import org.apache.camel.model.rest.RestDefinition;
import org.skaben.access.Person;

/**
 * /api/persons, /api/cards, /api/permissions: who may open which lock. Each is listed, created, read, changed
 * and deleted alike; a change is journaled with its source (operator or operator:<name>) and a lock whose acl changed gets its config
 * at once.
 */
public class AccessRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api", "access");
        records(rest, new Kind("person", "persons", "persons", "id", Person.class, AccessApi.PersonRequest.class,
                AccessApi.PersonRequest.class, AccessApi.PersonDeleted.class,
                "deletes a person who owns no codes (409 otherwise)"), list -> list);
        records(rest, new Kind("card", "cards", "cards", "code", AccessApi.CardView.class,
                AccessApi.CardRequest.class, AccessApi.CardChanges.class, AccessApi.CardDeleted.class,
                "deletes a card and its permissions; the locks that lost it get their new acl"), list -> list);
        records(rest, new Kind("permission", "permissions", "permissions(${header.lock}, ${header.card})", "id",
                AccessApi.PermissionView.class, AccessApi.PermissionRequest.class, AccessApi.PermissionChanges.class,
                AccessApi.PermissionDeleted.class, "deletes a permission; the lock gets its new acl"),
                list -> query(query(list, "lock", "string", "only this lock's (its MAC)"),
                        "card", "string", "only this card's"));
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
