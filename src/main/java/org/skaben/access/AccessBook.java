package org.skaben.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    private volatile Map<String, Map<String, List<Integer>>> aclByLock = Map.of();
    private volatile Map<String, String> ownerByCode = new ConcurrentHashMap<>();
    // a card registered in white is a new owner entry, not a new acl: only permission changes bump the version

    public AccessBook(PersonRepository persons, AccessCodeRepository codes, PermissionRepository permissions,
                      GameVersion version) {
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

    public synchronized Person createPerson(String name, String role) {
        if (persons.findByName(name).isPresent()) {
            throw new GameRefused(409, "person '" + name + "' already exists");
        }
        return person(persons.insert(name, role));
    }

    public synchronized Person updatePerson(long id, String name, String role) {
        Person old = person(id);
        persons.findByName(name).filter(p -> p.id() != id).ifPresent(p -> {
            throw new GameRefused(409, "person '" + name + "' already exists");
        });
        Person updated = new Person(old.id(), name, role);
        persons.update(updated);
        reload();
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
        return permission(id);
    }

    public synchronized Permission updatePermission(long id, List<Integer> stateIds) {
        permission(id);
        permissions.updateStates(id, stateIds);
        reload();
        return permission(id);
    }

    /** Deletes a permission; returns the lock it was for. */
    public synchronized String deletePermission(long id) {
        Permission p = permission(id);
        permissions.delete(id);
        reload();
        return p.lockUid();
    }

    /** Re-reads permissions and owners; also after a lock was deleted, whose permissions went with it. */
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
