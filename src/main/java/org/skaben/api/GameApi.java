package org.skaben.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.skaben.access.AccessBook;
import org.skaben.access.AccessCode;
import org.skaben.access.Permission;
import org.skaben.access.Person;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceType;
import org.skaben.device.Json;
import org.skaben.game.Alert;
import org.skaben.game.AlertRepository;
import org.skaben.game.AlertState;
import org.skaben.game.Broadcaster;
import org.skaben.game.GameActions;
import org.skaben.game.SimpleConfigs;
import org.skaben.journal.JournalRepository;

/**
 * The game master's side of the API (game.md section 5): alert states and counter, persons, cards,
 * permissions and simple-device configs. Each change is journaled with source "operator" and sends the
 * devices it concerns their config at once.
 */
public class GameApi {

    private static final String OPERATOR = "operator";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern NAME = Pattern.compile("\\S.{0,99}");

    private final GameActions game;
    private final Alert alert;
    private final AccessBook access;
    private final SimpleConfigs simpleConfigs;
    private final DeviceRegistry registry;
    private final JournalRepository journal;
    private final Broadcaster broadcaster;
    private final String lockType;
    private final String scaleType;

    public GameApi(GameActions game, Alert alert, AccessBook access, SimpleConfigs simpleConfigs,
                   DeviceRegistry registry, JournalRepository journal, Broadcaster broadcaster, String lockType,
                   String scaleType) {
        this.scaleType = scaleType;
        this.game = game;
        this.alert = alert;
        this.access = access;
        this.simpleConfigs = simpleConfigs;
        this.registry = registry;
        this.journal = journal;
        this.broadcaster = broadcaster;
        this.lockType = lockType;
    }

    // --- alert states ---------------------------------------------------------------------------------

    public List<Map<String, Object>> states() {
        int current = alert.current().id();
        return alert.machine().states().stream().map(s -> view(s, s.id() == current)).toList();
    }

    public Map<String, Object> createState(String body) {
        JsonBody b = stateBody(body);
        int nextOrder = alert.machine().states().stream().mapToInt(AlertState::order).max().orElse(-1) + 1;
        AlertState saved = alert.save(new AlertState(0, b.text("name", null), b.bool("in_game", null),
                b.integer("threshold", null), b.integer("order", nextOrder), b.integer("counter_increase", 0),
                b.integer("counter_decrease", 0), b.text("auto_change", AlertState.NO_DRIFT),
                b.integer("auto_level", 0), b.integer("auto_timeout", 0)));
        return stateSaved(saved, "created");
    }

    public Map<String, Object> updateState(String name, String body) {
        AlertState old = alert.machine().require(name);
        JsonBody b = stateBody(body);
        AlertState saved = alert.save(new AlertState(old.id(), b.text("name", old.name()), b.bool("in_game", old.inGame()),
                b.integer("threshold", old.threshold()), b.integer("order", old.order()),
                b.integer("counter_increase", old.counterIncrease()), b.integer("counter_decrease", old.counterDecrease()),
                b.text("auto_change", old.autoChange()), b.integer("auto_level", old.autoLevel()),
                b.integer("auto_timeout", old.autoTimeoutSeconds())));
        return stateSaved(saved, "changed");
    }

    private Map<String, Object> stateSaved(AlertState saved, String what) {
        journal.note("alert-states", OPERATOR, null, null, "state " + saved.name() + " " + what + ": "
                + Json.write(view(saved, false)));
        // thresholds and names show on the scale
        broadcaster.pushType(scaleType, "alert states changed by operator", OPERATOR);
        return view(saved, saved.id() == alert.current().id());
    }

    private static JsonBody stateBody(String body) {
        return JsonBody.of(body, "name", "in_game", "threshold", "order", "counter_increase", "counter_decrease",
                "auto_change", "auto_level", "auto_timeout");
    }

    /** Sets the current state by hand: the counter goes to its threshold, every device gets its config. */
    public Map<String, Object> setCurrent(String name, String body) {
        String reason = body == null || body.isBlank() ? "set by operator"
                : JsonBody.of(body, "reason").text("reason", "set by operator");
        game.setState(alert.machine().require(name).name(), OPERATOR, reason);
        return counter();
    }

    // --- alert counter --------------------------------------------------------------------------------

    public Map<String, Object> counter() {
        Map<String, Object> view = new LinkedHashMap<>();
        AlertRepository.CounterEntry latest = alert.history(1).stream().findFirst().orElse(null);
        view.put("value", alert.counter());
        view.put("state", alert.current().name());
        view.put("state_id", alert.current().id());
        view.put("in_game", alert.current().inGame());
        if (latest != null) {
            view.put("changed_at", Instant.ofEpochMilli(latest.changedAt()).toString());
            view.put("reason", latest.reason());
            view.put("source", latest.source());
        }
        return view;
    }

    public List<Map<String, Object>> history(String limit) {
        int n = limit == null || limit.isBlank() ? 100 : parseLimit(limit);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AlertRepository.CounterEntry e : alert.history(n)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("value", e.value());
            row.put("state", alert.machine().states().stream().filter(s -> s.id() == e.stateId())
                    .map(AlertState::name).findFirst().orElse(String.valueOf(e.stateId())));
            row.put("changed_at", Instant.ofEpochMilli(e.changedAt()).toString());
            row.put("reason", e.reason());
            row.put("source", e.source());
            rows.add(row);
        }
        return rows;
    }

    /** {"value": n} or {"delta": n}, with a "reason". */
    public Map<String, Object> postCounter(String body) {
        JsonBody b = JsonBody.of(body, "value", "delta", "reason");
        String reason = b.text("reason", null);
        if (b.has("value") == b.has("delta")) {
            throw new ApiException(400, "give either \"value\" or \"delta\"");
        }
        if (b.has("value")) {
            game.setCounter(b.integer("value", null), OPERATOR, reason);
        } else {
            game.changeCounter(b.integer("delta", null), OPERATOR, reason);
        }
        return counter();
    }

    // --- persons ----------------------------------------------------------------------------------------

    public List<Person> persons() {
        return access.persons();
    }

    public Person person(String id) {
        return access.person(id(id));
    }

    public Person createPerson(String body) {
        JsonBody b = JsonBody.of(body, "name", "role");
        Person p = access.createPerson(name(b.text("name", null)), role(b.text("role", "player")));
        journal.note("person", OPERATOR, null, null, "person " + p.id() + " " + p.name() + " (" + p.role() + ") created");
        return p;
    }

    public Person updatePerson(String id, String body) {
        Person old = access.person(id(id));
        JsonBody b = JsonBody.of(body, "name", "role");
        Person p = access.updatePerson(old.id(), name(b.text("name", old.name())), role(b.text("role", old.role())));
        journal.note("person", OPERATOR, null, null, "person " + p.id() + " is now " + p.name() + " (" + p.role() + ")");
        return p;
    }

    public Map<String, Object> deletePerson(String id) {
        Person p = access.person(id(id));
        access.deletePerson(p.id());
        journal.note("person", OPERATOR, null, null, "person " + p.id() + " " + p.name() + " deleted");
        return Map.of("deleted", p.id());
    }

    // --- cards and codes --------------------------------------------------------------------------------

    public List<Map<String, Object>> cards() {
        return access.codes().stream().map(this::view).toList();
    }

    public Map<String, Object> card(String code) {
        return view(access.code(code(code)));
    }

    /** {"code", "person": name or id, "kind": "card" | "code"}. */
    public Map<String, Object> createCard(String body) {
        JsonBody b = JsonBody.of(body, "code", "person", "kind");
        AccessCode c = access.createCode(new AccessCode(code(b.text("code", null)), owner(b), kind(b.text("kind", "card"))));
        journal.note("card", OPERATOR, null, null, c.kind() + " " + c.code() + " given to " + access.owner(c.code()).orElse("?"));
        return view(c);
    }

    public Map<String, Object> updateCard(String code, String body) {
        AccessCode old = access.code(code(code));
        JsonBody b = JsonBody.of(body, "person", "kind");
        AccessCode c = access.updateCode(new AccessCode(old.code(), b.has("person") ? owner(b) : old.personId(),
                kind(b.text("kind", old.kind()))));
        journal.note("card", OPERATOR, null, null, c.kind() + " " + c.code() + " now belongs to " + access.owner(c.code()).orElse("?"));
        return view(c);
    }

    /** Deletes a card and its permissions; the locks that lost it get their new acl. */
    public Map<String, Object> deleteCard(String code) {
        String c = code(code);
        List<String> locks = access.deleteCode(c);
        journal.note("card", OPERATOR, null, null, "code " + c + " deleted, with its permissions for " + locks);
        broadcaster.pushDevices(locks, "permissions changed by operator", OPERATOR, false);
        return Map.of("deleted", c, "locks", locks);
    }

    // --- permissions ------------------------------------------------------------------------------------

    public List<Map<String, Object>> permissions(String lock, String card) {
        return access.permissions().stream()
                .filter(p -> lock == null || lock.isBlank() || p.lockUid().equals(lockUid(lock)))
                .filter(p -> card == null || card.isBlank() || p.code().equals(card))
                .map(this::view).toList();
    }

    public Map<String, Object> permission(String id) {
        return view(access.permission(id(id)));
    }

    /** {"card", "lock", "states": [names or ids]}: the lock gets its new acl at once. */
    public Map<String, Object> createPermission(String body) {
        JsonBody b = JsonBody.of(body, "card", "lock", "states");
        String lock = lockUid(b.text("lock", null));
        Permission p = access.createPermission(code(b.text("card", null)), lock, stateIds(b.list("states")));
        return permissionSaved(p, "granted");
    }

    public Map<String, Object> updatePermission(String id, String body) {
        Permission old = access.permission(id(id));
        JsonBody b = JsonBody.of(body, "states");
        return permissionSaved(access.updatePermission(old.id(), stateIds(b.list("states"))), "changed");
    }

    public Map<String, Object> deletePermission(String id) {
        Permission p = access.permission(id(id));
        access.deletePermission(p.id());
        journal.note("permission", OPERATOR, lockType, p.lockUid(), "permission " + p.id() + " of " + p.code() + " deleted");
        broadcaster.pushDevices(List.of(p.lockUid()), "permissions changed by operator", OPERATOR, false);
        return Map.of("deleted", p.id());
    }

    private Map<String, Object> permissionSaved(Permission p, String what) {
        journal.note("permission", OPERATOR, lockType, p.lockUid(), "permission " + p.id() + " " + what + ": "
                + p.code() + " opens " + p.lockUid() + " in " + stateNames(p.stateIds()));
        broadcaster.pushDevices(List.of(p.lockUid()), "permissions changed by operator", OPERATOR, false);
        return view(p);
    }

    // --- simple-device configs per alert state ----------------------------------------------------------

    public List<Map<String, Object>> simpleConfigs() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (DeviceType t : registry.types()) {
            if (t.smart()) {
                continue;
            }
            for (AlertState s : alert.machine().states()) {
                simpleConfigs.find(t.name(), s.id()).ifPresent(c -> all.add(simpleView(t.name(), s, c)));
            }
        }
        return all;
    }

    public Map<String, Object> simpleConfig(String type, String state) {
        AlertState s = alert.machine().require(state);
        return simpleView(simpleType(type), s, simpleConfigs.find(type, s.id())
                .orElseThrow(() -> new ApiException(404, "no config for " + type + " in " + state)));
    }

    /** The body is the config itself; a change for the current state is sent to the type at once. */
    public Map<String, Object> saveSimpleConfig(String type, String state, String body) {
        String t = simpleType(type);
        AlertState s = alert.machine().require(state);
        Map<String, Object> config = JsonBody.of(body).fields();
        simpleConfigs.save(t, s.id(), config);
        journal.note("simple-config", OPERATOR, t, null, "config for " + s.name() + ": " + Json.write(config));
        pushIfCurrent(t, s);
        return simpleView(t, s, config);
    }

    public Map<String, Object> deleteSimpleConfig(String type, String state) {
        String t = simpleType(type);
        AlertState s = alert.machine().require(state);
        if (!simpleConfigs.delete(t, s.id())) {
            throw new ApiException(404, "no config for " + t + " in " + s.name());
        }
        journal.note("simple-config", OPERATOR, t, null, "config for " + s.name() + " deleted");
        return Map.of("deleted", t + "/" + s.name());
    }

    private void pushIfCurrent(String type, AlertState s) {
        if (s.id() == alert.current().id()) {
            broadcaster.pushType(type, "config for " + s.name() + " saved by operator", OPERATOR);
        }
    }

    // --- views and checks -------------------------------------------------------------------------------

    private static Map<String, Object> view(AlertState s, boolean current) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.id());
        v.put("name", s.name());
        v.put("in_game", s.inGame());
        v.put("threshold", s.threshold());
        v.put("order", s.order());
        v.put("counter_increase", s.counterIncrease());
        v.put("counter_decrease", s.counterDecrease());
        v.put("auto_change", s.autoChange());
        v.put("auto_level", s.autoLevel());
        v.put("auto_timeout", s.autoTimeoutSeconds());
        v.put("current", current);
        return v;
    }

    private Map<String, Object> view(AccessCode c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("code", c.code());
        v.put("kind", c.kind());
        v.put("person_id", c.personId());
        v.put("person", access.owner(c.code()).orElse(null));
        return v;
    }

    private Map<String, Object> view(Permission p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", p.id());
        v.put("card", p.code());
        v.put("person", access.owner(p.code()).orElse(null));
        v.put("lock", p.lockUid());
        v.put("states", stateNames(p.stateIds()));
        v.put("state_ids", p.stateIds());
        return v;
    }

    private static Map<String, Object> simpleView(String type, AlertState s, Map<String, Object> config) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", type);
        v.put("state", s.name());
        v.put("config", config);
        return v;
    }

    private List<String> stateNames(List<Integer> ids) {
        return ids.stream().map(id -> alert.machine().states().stream().filter(s -> s.id() == id)
                .map(AlertState::name).findFirst().orElse(String.valueOf(id))).toList();
    }

    /** State names or ids, each an existing state; sorted ids without repeats. */
    private List<Integer> stateIds(List<?> states) {
        List<Integer> ids = new ArrayList<>();
        for (Object s : states) {
            AlertState state = s instanceof Integer id
                    ? alert.machine().states().stream().filter(x -> x.id() == id).findFirst()
                        .orElseThrow(() -> new ApiException(400, "alert state " + id + " does not exist"))
                    : alert.machine().find(String.valueOf(s))
                        .orElseThrow(() -> new ApiException(400, "alert state '" + s + "' does not exist"));
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
            d = registry.require(org.skaben.protocol.TopicParser.normaliseUid(raw));
        } catch (org.skaben.protocol.PacketRefused e) {
            throw new ApiException(400, e.reason());
        }
        if (!d.type().equals(lockType)) {
            throw new ApiException(400, "device " + d.uid() + " is a " + d.type() + ", not a " + lockType);
        }
        return d.uid();
    }

    private String simpleType(String type) {
        DeviceType t = registry.requireType(type);
        if (t.smart()) {
            throw new ApiException(400, type + " is a smart type: its devices' configs are set one by one");
        }
        return t.name();
    }

    private long owner(JsonBody b) {
        Object person = b.fields().get("person");
        if (person instanceof Integer id) {
            return access.person(id).id();
        }
        if (person instanceof String name && !name.isBlank()) {
            return access.personNamed(name).id();
        }
        throw new ApiException(400, "\"person\" is required: a person's name or id");
    }

    private static String code(String code) {
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

    private static long id(String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new ApiException(400, "an id is a number");
        }
        return Long.parseLong(id);
    }

    private static int parseLimit(String limit) {
        if (!limit.matches("\\d{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > 1000) {
            throw new ApiException(400, "limit must be 1..1000");
        }
        return Integer.parseInt(limit);
    }
}
