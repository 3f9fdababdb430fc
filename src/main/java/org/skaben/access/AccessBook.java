package org.skaben.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.skaben.cluster.ChangeNotices;
import org.skaben.game.GameRefused;
import org.skaben.game.GameVersion;

/**
 * Persons, their access codes and the permissions that make the locks' acl. Every lock CUP needs its acl and
 * every card presented at a lock its owner, so permissions and owners are kept in memory and re-read after each
 * change (there are hundreds, not millions): {@link #reload()}, which a route calls through
 * {@code cacheRefresh.changed('access')} after its {@code sql:} write.
 *
 * <p>Why these stay Java and not {@code sql:} steps: the view itself (read on the packet path, not per request);
 * a card registered in white ({@link #registerUnknownCard}), a rule's write on the packet path that updates the
 * view in place; the CSV import ({@link #importCards}), many rows of two tables in one transaction, all or
 * nothing; and a lock's permissions moved inside a device replacement's transaction. The operator API's plain
 * reads and writes of persons, cards and permissions are sql: steps in api/AccessRoutes.
 */
public class AccessBook {

    public static final String UNKNOWN_OWNER = "unknown";

    private final PersonRepository persons;
    private final AccessCodeRepository codes;
    private final PermissionRepository permissions;
    private final GameVersion version;
    // the other server instances, told of each change of the acl or the owners
    private final ChangeNotices notices;
    private volatile Map<String, Map<String, List<Integer>>> aclByLock = Map.of();
    private volatile Map<String, String> ownerByCode = new ConcurrentHashMap<>();

    public AccessBook(PersonRepository persons, AccessCodeRepository codes, PermissionRepository permissions,
                      GameVersion version) {
        this(persons, codes, permissions, version, ChangeNotices.NONE);
    }

    public AccessBook(PersonRepository persons, AccessCodeRepository codes, PermissionRepository permissions,
                      GameVersion version, ChangeNotices notices) {
        this.notices = notices;
        this.persons = persons;
        this.codes = codes;
        this.permissions = permissions;
        this.version = version;
        reload();
    }

    /** The lock's acl: code -> ids of the states in which it opens, keys and ids sorted. */
    public Map<String, List<Integer>> acl(String lockUid) {
        return aclByLock.getOrDefault(lockUid, Map.of());
    }

    /** The name of the person who owns the code, if the code is known. */
    public Optional<String> owner(String code) {
        return Optional.ofNullable(ownerByCode.get(code));
    }

    /**
     * A card presented in white and not known yet: kept, owned by "unknown", with no permissions. Its owner
     * joins the view at once; no acl changes, so the game version stays.
     */
    public synchronized AccessCode registerUnknownCard(String code) {
        Person unknown = persons.findByName(UNKNOWN_OWNER)
                .orElseThrow(() -> new GameRefused(404, "person '" + UNKNOWN_OWNER + "' does not exist"));
        if (codes.find(code).isPresent()) {
            throw new GameRefused(409, "code " + code + " already exists");
        }
        AccessCode card = new AccessCode(code, unknown.id(), "card");
        codes.insert(card);
        ownerByCode.put(code, unknown.name());
        notices.changed(ChangeNotices.ACCESS);
        return card;
    }

    // --- import of persons and cards (name;description;code lines) -------------------------------------------

    /** One line to import: a person by name (a blank description keeps theirs) and a code they own (blank: none). */
    public record ImportLine(String name, String description, String code) {
    }

    /** A card an import creates or gives to another person ({@code previous}: its owner before, or null). */
    public record CardOwner(String code, String person, String previous) {
    }

    /** What an import does (or did): persons created or given a new description, cards created or moved. */
    public record ImportPlan(List<String> personsCreated, List<String> personsUpdated, List<CardOwner> cardsCreated,
                             List<CardOwner> cardsMoved, int cardsUnchanged) {
    }

    /**
     * Imports persons (created by name when missing, role player) and their cards, all in one transaction, or
     * with {@code apply} false only says what it would do. The lines are already checked and agree with each
     * other (a code on one line, one description per name). Permissions are not touched, so no lock's acl
     * changes: a moved card opens what it opened before, for its new owner. The caller re-reads the view once
     * it is applied (the import route: cacheRefresh).
     */
    public synchronized ImportPlan importCards(List<ImportLine> lines, boolean apply) {
        Map<String, Person> byName = new HashMap<>();
        persons.findAll().forEach(p -> byName.put(p.name(), p));
        Map<Long, String> nameById = new HashMap<>();
        byName.values().forEach(p -> nameById.put(p.id(), p.name()));
        Map<String, AccessCode> byCode = new HashMap<>();
        codes.findAll().forEach(c -> byCode.put(c.code(), c));

        Map<String, String> created = new LinkedHashMap<>();
        Map<String, Person> updated = new LinkedHashMap<>();
        List<CardOwner> newCards = new ArrayList<>();
        List<CardOwner> moved = new ArrayList<>();
        int unchanged = 0;
        for (ImportLine line : lines) {
            Person known = byName.get(line.name());
            String description = line.description() == null ? "" : line.description();
            if (known == null) {
                created.merge(line.name(), description, (a, b) -> a.isEmpty() ? b : a);
            } else if (!description.isEmpty() && !description.equals(known.description())) {
                updated.put(known.name(), new Person(known.id(), known.name(), known.role(), description));
            }
            if (line.code() == null || line.code().isEmpty()) {
                continue;
            }
            AccessCode code = byCode.get(line.code());
            if (code == null) {
                newCards.add(new CardOwner(line.code(), line.name(), null));
            } else if (!line.name().equals(nameById.get(code.personId()))) {
                moved.add(new CardOwner(line.code(), line.name(), nameById.get(code.personId())));
            } else {
                unchanged++;
            }
        }
        ImportPlan plan = new ImportPlan(List.copyOf(created.keySet()), List.copyOf(updated.keySet()),
                List.copyOf(newCards), List.copyOf(moved), unchanged);
        if (!apply) {
            return plan;
        }
        persons.inTransaction(() -> {
            Map<String, Long> ids = new HashMap<>();
            byName.values().forEach(p -> ids.put(p.name(), p.id()));
            created.forEach((name, description) -> ids.put(name, persons.insert(name, "player", description)));
            updated.values().forEach(persons::update);
            newCards.forEach(c -> codes.insert(new AccessCode(c.code(), ids.get(c.person()), "card")));
            moved.forEach(c -> codes.update(new AccessCode(c.code(), ids.get(c.person()), byCode.get(c.code()).kind())));
            notices.changed(ChangeNotices.ACCESS);
        });
        return plan;
    }

    // --- devices deleted or replaced -------------------------------------------------------------------------

    /** How many permissions name the lock. */
    public int permissionCount(String lockUid) {
        return permissions.countForLock(lockUid);
    }

    /**
     * A lock replaced by another: its permissions become the new one's. Runs inside the replacement's
     * transaction; call {@link #changed()} once it committed.
     */
    public int moveLockPermissions(String fromUid, String toUid) {
        return permissions.moveLock(fromUid, toUid);
    }

    /**
     * The permissions changed behind the book (a lock deleted, whose permissions went with it, or replaced):
     * it reads them again, and the other server instances are told.
     */
    public void changed() {
        reload();
        notices.changed(ChangeNotices.ACCESS);
    }

    /** Re-reads permissions and owners (another server instance, or a scene, changed them). */
    public synchronized void reload() {
        Map<String, Map<String, List<Integer>>> acl = new HashMap<>();
        for (Permission p : permissions.findAll()) {
            acl.computeIfAbsent(p.lockUid(), k -> new TreeMap<>())
                    .put(p.code(), p.stateIds().stream().sorted().distinct().toList());
        }
        Map<Long, String> names = new HashMap<>();
        persons.findAll().forEach(p -> names.put(p.id(), p.name()));
        Map<String, String> owners = new ConcurrentHashMap<>();
        codes.findAll().forEach(c -> owners.put(c.code(), names.get(c.personId())));
        aclByLock = acl;
        ownerByCode = owners;
        version.bump();
    }
}
