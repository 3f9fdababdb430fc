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
 * Persons, their access codes and the permissions that make the locks' acl. Every lock CUP needs its acl,
 * so permissions and owners are kept in memory and re-read after each change (there are hundreds, not
 * millions). Changes return the locks whose acl they touched, so the caller can send them their config.
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
    // a card registered in white is a new owner entry, not a new acl: only permission changes bump the version

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

    public List<Person> persons() {
        return persons.findAll();
    }

    public Person person(long id) {
        return persons.find(id).orElseThrow(() -> new GameRefused(404, "person " + id + " does not exist"));
    }

    public Person personNamed(String name) {
        return persons.findByName(name).orElseThrow(() -> new GameRefused(404, "person '" + name + "' does not exist"));
    }

    public Person createPerson(String name, String role) {
        return createPerson(name, role, "");
    }

    public synchronized Person createPerson(String name, String role, String description) {
        if (persons.findByName(name).isPresent()) {
            throw new GameRefused(409, "person '" + name + "' already exists");
        }
        return person(persons.insert(name, role, description));
    }

    public Person updatePerson(long id, String name, String role) {
        return updatePerson(id, name, role, person(id).description());
    }

    public synchronized Person updatePerson(long id, String name, String role, String description) {
        Person old = person(id);
        persons.findByName(name).filter(p -> p.id() != id).ifPresent(p -> {
            throw new GameRefused(409, "person '" + name + "' already exists");
        });
        Person updated = new Person(old.id(), name, role, description);
        persons.update(updated);
        reload();
        notices.changed(ChangeNotices.ACCESS);
        return updated;
    }

    public synchronized void deletePerson(long id) {
        Person p = person(id);
        if (UNKNOWN_OWNER.equals(p.name())) {
            throw new GameRefused(409, "person 'unknown' owns the cards registered in white and cannot be deleted");
        }
        if (codes.countOwnedBy(id) > 0) {
            throw new GameRefused(409, "person '" + p.name() + "' still owns codes: delete or give them away first");
        }
        persons.delete(id);
    }

    public List<AccessCode> codes() {
        return codes.findAll();
    }

    public AccessCode code(String code) {
        return codes.find(code).orElseThrow(() -> new GameRefused(404, "code " + code + " does not exist"));
    }

    public synchronized AccessCode createCode(AccessCode code) {
        person(code.personId());
        if (codes.find(code.code()).isPresent()) {
            throw new GameRefused(409, "code " + code.code() + " already exists");
        }
        codes.insert(code);
        addOwner(code);
        notices.changed(ChangeNotices.ACCESS);
        return code;
    }

    /** A card presented in white and not known yet: kept, owned by "unknown", with no permissions. */
    public synchronized AccessCode registerUnknownCard(String code) {
        return createCode(new AccessCode(code, personNamed(UNKNOWN_OWNER).id(), "card"));
    }

    public synchronized AccessCode updateCode(AccessCode code) {
        code(code.code());
        person(code.personId());
        codes.update(code);
        addOwner(code);
        notices.changed(ChangeNotices.ACCESS);
        return code;
    }

    /** A code's owner changed or is new: its permissions (and so every acl) stay as they are. */
    private void addOwner(AccessCode code) {
        ownerByCode.put(code.code(), person(code.personId()).name());
    }

    /** Deletes a code and its permissions; returns the locks that lost it. */
    public synchronized List<String> deleteCode(String code) {
        code(code);
        List<String> locks = permissions.findAll().stream().filter(p -> p.code().equals(code))
                .map(Permission::lockUid).distinct().toList();
        codes.delete(code);
        reload();
        notices.changed(ChangeNotices.ACCESS);
        return locks;
    }

    public List<Permission> permissions() {
        return permissions.findAll();
    }

    public Permission permission(long id) {
        return permissions.find(id).orElseThrow(() -> new GameRefused(404, "permission " + id + " does not exist"));
    }

    public synchronized Permission createPermission(String code, String lockUid, List<Integer> stateIds) {
        code(code);
        if (permissions.find(code, lockUid).isPresent()) {
            throw new GameRefused(409, "code " + code + " already has a permission for lock " + lockUid
                    + ": change that one");
        }
        long id = permissions.insert(code, lockUid, stateIds);
        reload();
        notices.changed(ChangeNotices.ACCESS);
        return permission(id);
    }

    public synchronized Permission updatePermission(long id, List<Integer> stateIds) {
        permission(id);
        permissions.updateStates(id, stateIds);
        reload();
        notices.changed(ChangeNotices.ACCESS);
        return permission(id);
    }

    /** Deletes a permission; returns the lock it was for. */
    public synchronized String deletePermission(long id) {
        Permission p = permission(id);
        permissions.delete(id);
        reload();
        notices.changed(ChangeNotices.ACCESS);
        return p.lockUid();
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
     * changes: a moved card opens what it opened before, for its new owner.
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
        reload();
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
