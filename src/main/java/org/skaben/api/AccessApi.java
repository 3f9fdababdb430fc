package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.skaben.access.AccessBook;
import org.skaben.journal.JournalRepository;

/**
 * Who may open which lock, as the operator API shows and changes it (AccessRoutes, game.md section 5): the
 * request and response records of persons, cards and permissions, whose reads and writes are the routes'
 * {@code sql:} steps, and the import of persons and cards from CSV. The import stays Java: it writes many rows
 * of two tables all or nothing, in one transaction ({@link AccessBook#importCards}), and says what it did.
 */
public record AccessApi(AccessBook access, JournalRepository journal) {

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


    // --- persons and cards as CSV -------------------------------------------------------------------------

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
}
