package org.skaben.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.skaben.journal.JournalRepository;

/** The journal as the operator API reads it (EventRoutes): filtered by device, kind and time, newest first. */
public class EventApi {

    private static final Pattern KIND = Pattern.compile("[a-z-]{1,32}");

    /** How many entries match. */
    public record EventCount(long count) {
    }

    private final JournalRepository journal;

    public EventApi(JournalRepository journal) {
        this.journal = journal;
    }

    /** Newest first; with {@code after}, the entries after that id, oldest first (the console's polling). */
    public List<Map<String, Object>> events(String device, String kind, String since, String limit, String after) {
        if (after != null && !after.isBlank()) {
            if (!after.matches("\\d{1,18}")) {
                throw new ApiException(400, "after must be a journal entry's id");
            }
            return journal.after(Long.parseLong(after), device(device), kind(kind), sinceMillis(since),
                    Fields.limit(limit));
        }
        return journal.find(device(device), kind(kind), sinceMillis(since), Fields.limit(limit));
    }

    public EventCount countEvents(String device, String kind, String since) {
        return new EventCount(journal.count(device(device), kind(kind), sinceMillis(since)));
    }

    static String device(String device) {
        return device == null || device.isBlank() ? null : Fields.uid(device);
    }

    static String kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        if (!KIND.matcher(kind).matches()) {
            throw new ApiException(400, "kind is a word such as sup, info, cup, refused");
        }
        return kind;
    }

    private static long sinceMillis(String since) {
        if (since == null || since.isBlank()) {
            return 0;
        }
        if (since.matches("\\d{1,12}")) {
            return Long.parseLong(since) * 1000;
        }
        try {
            return Instant.parse(since).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "since must be an ISO-8601 instant or Unix seconds");
        }
    }
}
