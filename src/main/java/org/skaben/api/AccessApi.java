package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.skaben.access.AccessBook;
import org.skaben.access.AccessCode;
import org.skaben.access.Permission;
import org.skaben.access.Person;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.game.Alert;
import org.skaben.game.AlertState;
import org.skaben.game.Broadcaster;
import org.skaben.journal.JournalRepository;
import org.skaben.protocol.PacketRefused;
import org.skaben.protocol.TopicParser;

/**
 * Who may open which lock, as the operator API shows and changes it (AccessRoutes, game.md section 5): persons,
 * their cards and codes, and the permissions of a card on a lock in some alert states. Each change is journaled
 * with its source (operator, or operator:<name>); a lock whose acl changed gets its config at once.
 */
public record AccessApi(AccessBook access, Alert alert, DeviceRegistry registry, JournalRepository journal,
                        Broadcaster broadcaster, String lockType) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern NAME = Pattern.compile("\\S.{0,99}");

    /**
     * POST or PUT /api/persons: a name, a role (player, or master; player when new and not given) and a
     * description (free text on one line; empty when new and not given).
     */
    public record PersonRequest(String name, String role, String description) {
    }

    public record PersonDeleted(long deleted) {
    }

    /** A card (or a typed code) and whose it is. */
    public record CardView(String code, String kind, @JsonProperty("person_id") long personId, String person) {
    }

    /** POST /api/cards: the code, its owner (a person's name or id) and its kind (card or code; card). */
    public record CardRequest(String code, Object person, String kind) {
    }

    /** PUT /api/cards/{code}: a new owner or kind; an absent field keeps its value. */
    public record CardChanges(Object person, String kind) {
    }

    /** A deleted card and the locks that lost it. */
    public record CardDeleted(String deleted, List<String> locks) {
    }

    /** A card's permission on a lock, in the alert states named. */
    public record PermissionView(long id, String card, String person, String lock, List<String> states,
                                 @JsonProperty("state_ids") List<Integer> stateIds) {
    }

    /** POST /api/permissions: the card, the lock (its MAC) and the states (names or ids) it opens in. */
    public record PermissionRequest(String card, String lock, List<Object> states) {
    }

    /** PUT /api/permissions/{id}: the states (names or ids) it opens in now. */
    public record PermissionChanges(List<Object> states) {
    }

    public record PermissionDeleted(long deleted) {
    }

    /** The body of POST /api/cards.csv, as sent. */
    public record CsvUpload(byte[] bytes) {
    }

    /**
     * What POST /api/cards.csv did ({@code imported}) or, with ?preview=true, would do: persons created or given
     * a new description, cards created or given to another person, cards already theirs.
     */
    public record CsvImport(boolean imported, @JsonProperty("persons_created") List<String> personsCreated,
                            @JsonProperty("persons_updated") List<String> personsUpdated,
                            @JsonProperty("cards_created") List<AccessBook.CardOwner> cardsCreated,
                            @JsonProperty("cards_moved") List<AccessBook.CardOwner> cardsMoved,
                            @JsonProperty("cards_unchanged") int cardsUnchanged) {
    }


    // --- persons ----------------------------------------------------------------------------------------

    public List<Person> persons() {
        return access.persons();
    }

    public Person person(String id) {
        return access.person(Fields.id(id));
    }

    public Person createPerson(PersonRequest b, String source) {
        Fields.body(b);
        Person p = access.createPerson(name(Fields.text(b.name(), "name", null)),
                role(Fields.text(b.role(), "role", "player")), description(b.description(), ""));
        journal.note("person", source, null, null, "person " + p.id() + " " + p.name() + " (" + p.role() + ") created");
        return p;
    }

    public Person updatePerson(String id, PersonRequest b, String source) {
        Person old = access.person(Fields.id(id));
        Fields.body(b);
        Person p = access.updatePerson(old.id(), name(Fields.text(b.name(), "name", old.name())),
                role(Fields.text(b.role(), "role", old.role())), description(b.description(), old.description()));
        journal.note("person", source, null, null, "person " + p.id() + " is now " + p.name() + " (" + p.role() + ")");
        return p;
    }

    public PersonDeleted deletePerson(String id, String source) {
        Person p = access.person(Fields.id(id));
        access.deletePerson(p.id());
        journal.note("person", source, null, null, "person " + p.id() + " " + p.name() + " deleted");
        return new PersonDeleted(p.id());
    }

    // --- cards and codes --------------------------------------------------------------------------------

    /** Every card, or those of the person named ({@code owner=unknown}: the cards registered in white). */
    public List<CardView> cards(String owner) {
        return access.codes().stream().map(this::view)
                .filter(c -> owner == null || owner.isBlank() || owner.equals(c.person())).toList();
    }

    // --- persons and cards as CSV -------------------------------------------------------------------------

    /** GET /api/cards.csv: name;description;code lines, see {@link CardsCsv}. */
    public String cardsCsv() {
        return CardsCsv.format(access.persons(), access.codes());
    }

    /**
     * POST /api/cards.csv: imports the lines, all or none (a 400 names every bad line), or with preview=true
     * only says what it would do. Persons are found by name and created when missing; a card already someone
     * else's is given to the person its line names. Permissions stay as they are, so no lock's acl changes.
     */
    public CsvImport importCards(CsvUpload upload, String preview, String source) {
        boolean dryRun = flag(preview, "preview");
        var plan = access.importCards(CardsCsv.parse(upload == null ? null : upload.bytes()), !dryRun);
        if (!dryRun) {
            journal.note("cards-imported", source, null, null, "CSV import: persons created " + plan.personsCreated()
                    + ", updated " + plan.personsUpdated() + "; cards created " + plan.cardsCreated().stream()
                    .map(c -> c.code() + " (" + c.person() + ")").toList() + ", moved " + plan.cardsMoved().stream()
                    .map(c -> c.code() + " (" + c.previous() + " -> " + c.person() + ")").toList()
                    + ", unchanged " + plan.cardsUnchanged());
        }
        return new CsvImport(!dryRun, plan.personsCreated(), plan.personsUpdated(), plan.cardsCreated(),
                plan.cardsMoved(), plan.cardsUnchanged());
    }

    /** A query flag: true, false or nothing (false). */
    private static boolean flag(String value, String name) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ApiException(400, name + " must be true or false");
    }

    public CardView card(String code) {
        return view(access.code(code(code)));
    }

    public CardView createCard(CardRequest b, String source) {
        Fields.body(b);
        AccessCode c = access.createCode(new AccessCode(code(Fields.text(b.code(), "code", null)), owner(b.person()),
                kind(Fields.text(b.kind(), "kind", "card"))));
        journal.note("card", source, null, null, c.kind() + " " + c.code() + " given to " + access.owner(c.code()).orElse("?"));
        return view(c);
    }

    public CardView updateCard(String code, CardChanges b, String source) {
        AccessCode old = access.code(code(code));
        Fields.body(b);
        long owner = b.person() != null ? owner(b.person()) : old.personId();
        AccessCode c = access.updateCode(new AccessCode(old.code(), owner, kind(Fields.text(b.kind(), "kind", old.kind()))));
        journal.note("card", source, null, null, c.kind() + " " + c.code() + " now belongs to " + access.owner(c.code()).orElse("?"));
        return view(c);
    }

    /** Deletes a card and its permissions; the locks that lost it get their new acl. */
    public CardDeleted deleteCard(String code, String source) {
        String c = code(code);
        List<String> locks = access.deleteCode(c);
        journal.note("card", source, null, null, "code " + c + " deleted, with its permissions for " + locks);
        broadcaster.pushDevices(locks, "permissions changed by operator", source, false);
        return new CardDeleted(c, locks);
    }

    // --- permissions ------------------------------------------------------------------------------------

    public List<PermissionView> permissions(String lock, String card) {
        return access.permissions().stream()
                .filter(p -> lock == null || lock.isBlank() || p.lockUid().equals(lockUid(lock)))
                .filter(p -> card == null || card.isBlank() || p.code().equals(card))
                .map(this::view).toList();
    }

    public PermissionView permission(String id) {
        return view(access.permission(Fields.id(id)));
    }

    /** The lock gets its new acl at once. */
    public PermissionView createPermission(PermissionRequest b, String source) {
        Fields.body(b);
        String lock = lockUid(Fields.text(b.lock(), "lock", null));
        Permission p = access.createPermission(code(Fields.text(b.card(), "card", null)), lock, stateIds(b.states()));
        return permissionSaved(p, "granted", source);
    }

    public PermissionView updatePermission(String id, PermissionChanges b, String source) {
        Permission old = access.permission(Fields.id(id));
        Fields.body(b);
        return permissionSaved(access.updatePermission(old.id(), stateIds(b.states())), "changed", source);
    }

    public PermissionDeleted deletePermission(String id, String source) {
        Permission p = access.permission(Fields.id(id));
        access.deletePermission(p.id());
        journal.note("permission", source, lockType, p.lockUid(), "permission " + p.id() + " of " + p.code() + " deleted");
        broadcaster.pushDevices(List.of(p.lockUid()), "permissions changed by operator", source, false);
        return new PermissionDeleted(p.id());
    }

    private PermissionView permissionSaved(Permission p, String what, String source) {
        journal.note("permission", source, lockType, p.lockUid(), "permission " + p.id() + " " + what + ": "
                + p.code() + " opens " + p.lockUid() + " in " + stateNames(p.stateIds()));
        broadcaster.pushDevices(List.of(p.lockUid()), "permissions changed by operator", source, false);
        return view(p);
    }

    // --- views and checks -------------------------------------------------------------------------------

    private CardView view(AccessCode c) {
        return new CardView(c.code(), c.kind(), c.personId(), access.owner(c.code()).orElse(null));
    }

    private PermissionView view(Permission p) {
        return new PermissionView(p.id(), p.code(), access.owner(p.code()).orElse(null), p.lockUid(),
                stateNames(p.stateIds()), p.stateIds());
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

    private long owner(Object person) {
        if (person instanceof Integer || person instanceof Long) {
            return access.person(((Number) person).longValue()).id();
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
