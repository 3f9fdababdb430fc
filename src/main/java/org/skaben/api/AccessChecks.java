package org.skaben.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.skaben.access.AccessBook;
import org.skaben.access.Person;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.Json;
import org.skaben.game.Alert;
import org.skaben.game.AlertState;
import org.skaben.game.GameRefused;
import org.skaben.protocol.PacketRefused;
import org.skaben.protocol.TopicParser;

/**
 * The checks of the access routes (AccessRoutes), before their {@code sql:} steps: a request's fields and the
 * path's key, each refused with a 400 that names it, a 404 for what is not there, a 409 for what would clash.
 * What passes becomes the named parameters of the statement that follows (a map, as camel-sql reads them), and
 * a permission's row becomes what the API shows (its states by name).
 */
public record AccessChecks(Alert alert, DeviceRegistry registry, String lockType) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern NAME = Pattern.compile("\\S.{0,99}");

    /** A permission as sql/permission-*.sql read it: its states still the JSON array of ids the table keeps. */
    public record PermissionRow(long id, String code, String person, String lockUid, String states) {
    }

    // --- keys in the path -------------------------------------------------------------------------------

    /** {id} of a person or permission: sql/*-by-id.sql's parameter. */
    public Map<String, Object> id(String id) {
        return params("id", Fields.id(id));
    }

    /** {code} of a card: sql/card-*.sql's parameter. */
    public Map<String, Object> code(String code) {
        return params("code", checkedCode(code));
    }

    public Person personFound(Person person, Map<String, Object> key) {
        return found(person, "person " + key.get("id"));
    }

    public AccessApi.CardView cardFound(AccessApi.CardView card, Map<String, Object> key) {
        return found(card, "code " + key.get("code"));
    }

    public PermissionRow permissionFound(PermissionRow permission, Map<String, Object> key) {
        return found(permission, "permission " + key.get("id"));
    }

    // --- persons ----------------------------------------------------------------------------------------

    /** POST /api/persons: sql/person-insert.sql's parameters (role player, description empty when not given). */
    public Map<String, Object> newPerson(AccessApi.PersonRequest b) {
        Fields.body(b);
        return params("name", name(Fields.text(b.name(), "name", null)), "role", role(Fields.text(b.role(), "role", "player")),
                "description", description(b.description(), ""));
    }

    /** PUT /api/persons/{id}: sql/person-update.sql's parameters; an absent field keeps its value. */
    public Map<String, Object> changedPerson(Person old, AccessApi.PersonRequest b) {
        Fields.body(b);
        return params("id", old.id(), "name", name(Fields.text(b.name(), "name", old.name())),
                "role", role(Fields.text(b.role(), "role", old.role())),
                "description", description(b.description(), old.description()));
    }

    /** 409 when another person (not the one being changed) already has the name. */
    public void nameFree(Person holder, Map<String, Object> person) {
        if (holder != null && !Long.valueOf(holder.id()).equals(person.get("id"))) {
            throw new GameRefused(409, "person '" + holder.name() + "' already exists");
        }
    }

    /** 409 for the person who owns the cards registered in white, or one who still owns codes. */
    public void deletable(Person person, long codes) {
        if (AccessBook.UNKNOWN_OWNER.equals(person.name())) {
            throw new GameRefused(409, "person 'unknown' owns the cards registered in white and cannot be deleted");
        }
        if (codes > 0) {
            throw new GameRefused(409, "person '" + person.name() + "' still owns codes: delete or give them away first");
        }
    }

    // --- cards ------------------------------------------------------------------------------------------

    /** GET /api/cards?owner=: sql/card-list.sql's parameter (null: every card). */
    public Map<String, Object> owner(String owner) {
        return params("owner", owner == null || owner.isBlank() ? null : owner);
    }

    /**
     * POST /api/cards: its code checked, then whom it names as owner (a person's id or name): sql/person-by-id-or-name.sql's
     * parameters.
     */
    public Map<String, Object> newCardOwner(AccessApi.CardRequest b) {
        Fields.body(b);
        checkedCode(Fields.text(b.code(), "code", null));
        return ownerReference(b.person());
    }

    /** PUT /api/cards/{code}: the owner it names, or its own when it names none. */
    public Map<String, Object> changedCardOwner(AccessApi.CardView old, AccessApi.CardChanges b) {
        Fields.body(b);
        return b.person() != null ? ownerReference(b.person()) : params("id", old.personId(), "name", null);
    }

    /** 404 when no person has the id or name. */
    public Person ownerFound(Person person, Map<String, Object> reference) {
        return found(person, reference.get("id") != null ? "person " + reference.get("id")
                : "person '" + reference.get("name") + "'");
    }

    /** POST /api/cards: sql/card-insert.sql's parameters (kind card when not given). */
    public Map<String, Object> newCard(AccessApi.CardRequest b, Person owner) {
        return params("code", b.code(), "personId", owner.id(), "kind", kind(Fields.text(b.kind(), "kind", "card")));
    }

    /** PUT /api/cards/{code}: sql/card-update.sql's parameters; an absent kind keeps its value. */
    public Map<String, Object> changedCard(AccessApi.CardView old, AccessApi.CardChanges b, Person owner) {
        return params("code", old.code(), "personId", owner.id(), "kind", kind(Fields.text(b.kind(), "kind", old.kind())));
    }

    /** 409 when the code is someone's already. */
    public void codeFree(AccessApi.CardView holder, Map<String, Object> card) {
        if (holder != null) {
            throw new GameRefused(409, "code " + card.get("code") + " already exists");
        }
    }

    // --- permissions ------------------------------------------------------------------------------------

    /** GET /api/permissions?lock=&card=: sql/permission-list.sql's parameters (null: any). */
    public Map<String, Object> permissionFilter(String lock, String card) {
        return params("lock", lock == null || lock.isBlank() ? null : lockUid(lock),
                "card", card == null || card.isBlank() ? null : card);
    }

    /**
     * POST /api/permissions: sql/permission-insert.sql's parameters: the lock (a registered lock), the card and
     * the states (names or ids, each an existing state), kept as a JSON array of sorted ids.
     */
    public Map<String, Object> newPermission(AccessApi.PermissionRequest b) {
        Fields.body(b);
        String lock = lockUid(Fields.text(b.lock(), "lock", null));
        return params("lock", lock, "code", checkedCode(Fields.text(b.card(), "card", null)),
                "states", Json.write(stateIds(b.states())));
    }

    /** 404 when the card named is not there. */
    public void cardExists(AccessApi.CardView card, Map<String, Object> permission) {
        found(card, "code " + permission.get("code"));
    }

    /** 409 when the card has a permission for the lock already. */
    public void permissionFree(PermissionRow holder, Map<String, Object> permission) {
        if (holder != null) {
            throw new GameRefused(409, "code " + holder.code() + " already has a permission for lock "
                    + holder.lockUid() + ": change that one");
        }
    }

    /** PUT /api/permissions/{id}: sql/permission-update.sql's parameters. */
    public Map<String, Object> changedPermission(PermissionRow old, AccessApi.PermissionChanges b) {
        Fields.body(b);
        return params("id", old.id(), "states", Json.write(stateIds(b.states())));
    }

    /** A permission as the API shows it: its states by name and by id. */
    public AccessApi.PermissionView view(PermissionRow p) {
        List<Integer> ids;
        try {
            ids = List.of(Json.MAPPER.readValue(p.states(), Integer[].class));
        } catch (Exception e) {
            throw new IllegalStateException("permission " + p.id() + "'s states are not a JSON array of ids: "
                    + p.states(), e);
        }
        return new AccessApi.PermissionView(p.id(), p.code(), p.person(), p.lockUid(), stateNames(ids), ids);
    }

    public List<AccessApi.PermissionView> views(List<PermissionRow> rows) {
        return rows.stream().map(this::view).toList();
    }

    /** The lock a permission is for, as the list of locks whose acl changed. */
    public List<String> lockOf(AccessApi.PermissionView p) {
        return List.of(p.lock());
    }

    // --- the checks themselves ----------------------------------------------------------------------------

    private static <T> T found(T row, String what) {
        if (row == null) {
            throw new GameRefused(404, what + " does not exist");
        }
        return row;
    }

    /** Named parameters: pairs of name and value, a value may be null (camel-sql then binds NULL). */
    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private Map<String, Object> ownerReference(Object person) {
        if (person instanceof Integer || person instanceof Long) {
            return params("id", ((Number) person).longValue(), "name", null);
        }
        if (person instanceof String name && !name.isBlank()) {
            return params("id", null, "name", name);
        }
        throw new ApiException(400, "\"person\" is required: a person's name or id");
    }

    private List<String> stateNames(List<Integer> ids) {
        return ids.stream().map(id -> alert.machine().states().stream().filter(s -> s.id() == id)
                .map(AlertState::name).findFirst().orElse(String.valueOf(id))).toList();
    }

    /** State names or ids, each an existing state; sorted ids without repeats. */
    private List<Integer> stateIds(List<Object> states) {
        if (states == null) {
            throw new ApiException(400, ApiJson.field("states", "must be an array"));
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            String path = "states[" + i + "]";
            Object s = states.get(i);
            AlertState state;
            if (s instanceof Integer id) {
                state = alert.machine().states().stream().filter(x -> x.id() == id).findFirst()
                        .orElseThrow(() -> new ApiException(400, ApiJson.field(path, "names no alert state: " + id)));
            } else if (s instanceof String name) {
                state = alert.machine().find(name)
                        .orElseThrow(() -> new ApiException(400,
                                ApiJson.field(path, "names no alert state: '" + name + "'")));
            } else {
                throw new ApiException(400, ApiJson.field(path, "must be an alert state's name or id"));
            }
            if (!ids.contains(state.id())) {
                ids.add(state.id());
            }
        }
        ids.sort(Integer::compare);
        return ids;
    }

    private String lockUid(String raw) {
        Device d;
        try {
            d = registry.require(TopicParser.normaliseUid(raw));
        } catch (PacketRefused e) {
            throw new ApiException(400, e.reason());
        }
        if (!d.type().equals(lockType)) {
            throw new ApiException(400, "device " + d.uid() + " is a " + d.type() + ", not a " + lockType);
        }
        return d.uid();
    }

    private static String checkedCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new ApiException(400, "a code is 1-32 letters or digits");
        }
        return code;
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ApiException(400, "a name is 1-100 characters");
        }
        return name;
    }

    /** At most 400 characters on one line (a CSV line carries it); absent keeps the fallback. */
    private static String description(String description, String fallback) {
        if (description == null) {
            return fallback;
        }
        if (description.length() > 400 || description.indexOf('\n') >= 0 || description.indexOf('\r') >= 0) {
            throw new ApiException(400, ApiJson.field("description", "must be at most 400 characters on one line"));
        }
        return description.strip();
    }

    private static String role(String role) {
        if (!List.of("player", "master").contains(role)) {
            throw new ApiException(400, "role is player or master");
        }
        return role;
    }

    private static String kind(String kind) {
        if (!List.of("card", "code").contains(kind)) {
            throw new ApiException(400, "kind is card or code");
        }
        return kind;
    }
}
