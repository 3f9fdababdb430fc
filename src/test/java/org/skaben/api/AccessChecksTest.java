package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.skaben.access.Person;
import org.skaben.game.GameOnDatabase;
import org.skaben.game.GameRefused;

/** What the access routes check before their sql: steps, and the parameters they hand them. */
class AccessChecksTest extends GameOnDatabase {

    private static final String LOCK = "a1b2c3d4e5f6";
    private static final String TERMINAL = "0a0b0c0d0e0f";
    private AccessChecks checks;

    @BeforeEach
    void start() {
        startGame("jdbc:hsqldb:mem:" + UUID.randomUUID(), "classpath:db/migration");
        registry.register(registry.requireType("lock"), LOCK);
        registry.register(registry.requireType("terminal"), TERMINAL);
        checks = new AccessChecks(alert, registry, "lock");
    }

    @AfterEach
    void close() {
        db.execute("SHUTDOWN");
    }

    private static String refused(int status, Executable call) {
        Throwable t = assertThrows(RuntimeException.class, call);
        int actual = t instanceof ApiException api ? api.status() : ((GameRefused) t).status();
        assertEquals(status, actual, t.getMessage());
        return t.getMessage();
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aPersonIsAPlayerWithNoDescriptionUnlessToldAndAChangeKeepsWhatIsAbsent() {
        assertEquals(map("name", "Vera", "role", "player", "description", ""),
                checks.newPerson(new AccessApi.PersonRequest("Vera", null, null)));
        Person vera = new Person(7, "Vera", "master", "medic");
        assertEquals(map("id", 7L, "name", "Vera", "role", "master", "description", "nurse"),
                checks.changedPerson(vera, new AccessApi.PersonRequest(null, null, " nurse ")));
        assertEquals("\"name\" is required", refused(400, () -> checks.newPerson(new AccessApi.PersonRequest(null, null, null))));
        assertEquals("role is player or master", refused(400, () -> checks.newPerson(new AccessApi.PersonRequest("V", "king", null))));
        assertEquals("\"description\" must be at most 400 characters on one line",
                refused(400, () -> checks.newPerson(new AccessApi.PersonRequest("V", null, "a\nb"))));
        assertEquals("the request body must be a JSON object", refused(400, () -> checks.newPerson(null)));
    }

    @Test
    void aNameIsFreeUnlessAnotherPersonHasIt() {
        Person vera = new Person(7, "Vera", "player", "");
        checks.nameFree(null, map("name", "Vera"));
        checks.nameFree(vera, map("id", 7L, "name", "Vera"));
        assertEquals("person 'Vera' already exists", refused(409, () -> checks.nameFree(vera, map("id", 8L, "name", "Vera"))));
        assertEquals("person 'Vera' already exists", refused(409, () -> checks.nameFree(vera, map("name", "Vera"))));
    }

    @Test
    void onlyAPersonWithoutCodesAndNotUnknownIsDeleted() {
        checks.deletable(new Person(7, "Vera", "player", ""), 0);
        assertEquals("person 'Vera' still owns codes: delete or give them away first",
                refused(409, () -> checks.deletable(new Person(7, "Vera", "player", ""), 1)));
        assertEquals("person 'unknown' owns the cards registered in white and cannot be deleted",
                refused(409, () -> checks.deletable(new Person(0, "unknown", "player", ""), 0)));
    }

    @Test
    void keysAreCheckedAndWhatIsNotThereIs404() {
        assertEquals(map("id", 12L), checks.id("12"));
        assertEquals("an id is a number", refused(400, () -> checks.id("x")));
        assertEquals(map("code", "C0FFEE"), checks.code("C0FFEE"));
        assertEquals("a code is 1-32 letters or digits", refused(400, () -> checks.code("12 34")));
        assertEquals("person 12 does not exist", refused(404, () -> checks.personFound(null, map("id", 12L))));
        assertEquals("code C0FFEE does not exist", refused(404, () -> checks.cardFound(null, map("code", "C0FFEE"))));
        assertEquals("permission 3 does not exist", refused(404, () -> checks.permissionFound(null, map("id", 3L))));
        Person vera = new Person(7, "Vera", "player", "");
        assertEquals(vera, checks.personFound(vera, map("id", 7L)));
    }

    @Test
    void aCardsOwnerIsNamedByIdOrNameAndItsKindIsCardUnlessTold() {
        assertEquals(map("id", 7L, "name", null), checks.newCardOwner(new AccessApi.CardRequest("C0FFEE", 7, null)));
        assertEquals(map("id", null, "name", "Vera"), checks.newCardOwner(new AccessApi.CardRequest("C0FFEE", "Vera", null)));
        assertEquals("\"person\" is required: a person's name or id",
                refused(400, () -> checks.newCardOwner(new AccessApi.CardRequest("C0FFEE", null, null))));
        assertEquals("a code is 1-32 letters or digits",
                refused(400, () -> checks.newCardOwner(new AccessApi.CardRequest("x-1", "Vera", null))));
        assertEquals("person 7 does not exist", refused(404, () -> checks.ownerFound(null, map("id", 7L, "name", null))));
        assertEquals("person 'Nobody' does not exist",
                refused(404, () -> checks.ownerFound(null, map("id", null, "name", "Nobody"))));
        Person vera = new Person(7, "Vera", "player", "");
        assertEquals(map("code", "C0FFEE", "personId", 7L, "kind", "card"),
                checks.newCard(new AccessApi.CardRequest("C0FFEE", "Vera", null), vera));
        assertEquals("kind is card or code",
                refused(400, () -> checks.newCard(new AccessApi.CardRequest("C0FFEE", "Vera", "chip"), vera)));
        AccessApi.CardView old = new AccessApi.CardView("C0FFEE", "code", 3, "Anna");
        assertEquals(map("id", 3L, "name", null), checks.changedCardOwner(old, new AccessApi.CardChanges(null, null)));
        assertEquals(map("code", "C0FFEE", "personId", 7L, "kind", "code"),
                checks.changedCard(old, new AccessApi.CardChanges("Vera", null), vera));
        assertEquals("code C0FFEE already exists", refused(409, () -> checks.codeFree(old, map("code", "C0FFEE"))));
        assertEquals(map("owner", null), checks.owner(" "));
    }

    @Test
    void aPermissionNamesARegisteredLockAndStatesByNameOrIdKeptSortedAsJson() {
        assertEquals(map("lock", LOCK, "code", "C0FFEE", "states", "[4,6]"), checks.newPermission(
                new AccessApi.PermissionRequest("C0FFEE", LOCK.toUpperCase(), Arrays.asList("red", 4, "green"))));
        assertEquals("\"states[1]\" names no alert state: 'purple'", refused(400, () -> checks.newPermission(
                new AccessApi.PermissionRequest("C0FFEE", LOCK, List.of("green", "purple")))));
        assertEquals("\"states[0]\" names no alert state: 99", refused(400, () -> checks.newPermission(
                new AccessApi.PermissionRequest("C0FFEE", LOCK, List.of(99)))));
        assertEquals("\"states\" must be an array", refused(400, () -> checks.newPermission(
                new AccessApi.PermissionRequest("C0FFEE", LOCK, null))));
        assertEquals("device " + TERMINAL + " is a terminal, not a lock", refused(400, () -> checks.newPermission(
                new AccessApi.PermissionRequest("C0FFEE", TERMINAL, List.of()))));
        assertEquals("\"lock\" is required", refused(400, () -> checks.newPermission(
                new AccessApi.PermissionRequest("C0FFEE", null, List.of()))));
        assertEquals(map("lock", null, "card", null), checks.permissionFilter("", null));
        assertEquals(map("lock", LOCK, "card", "C0FFEE"), checks.permissionFilter(LOCK.toUpperCase(), "C0FFEE"));

        AccessChecks.PermissionRow row = new AccessChecks.PermissionRow(3, "C0FFEE", "Vera", LOCK, "[4,6]");
        AccessApi.PermissionView view = checks.view(row);
        assertEquals(new AccessApi.PermissionView(3, "C0FFEE", "Vera", LOCK, List.of("green", "red"), List.of(4, 6)), view);
        assertEquals(List.of(LOCK), checks.lockOf(view));
        assertEquals(map("id", 3L, "states", "[5]"),
                checks.changedPermission(row, new AccessApi.PermissionChanges(List.of("yellow"))));
        assertEquals("code C0FFEE already has a permission for lock " + LOCK + ": change that one",
                refused(409, () -> checks.permissionFree(row, map("code", "C0FFEE", "lock", LOCK))));
        assertEquals("code NOPE01 does not exist", refused(404, () -> checks.cardExists(null, map("code", "NOPE01"))));
    }
}
