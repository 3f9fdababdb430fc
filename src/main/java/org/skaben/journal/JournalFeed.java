package org.skaben.journal;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal as it is written: each committed entry, with its id, handed to whoever listens (the console's
 * live journal). The journal's writer calls it in commit order, on its own thread, so a listener only takes the
 * entry and returns: it never waits (a slow reader is the listener's business, never the writer's).
 */
public final class JournalFeed {

    private static final Logger LOG = LoggerFactory.getLogger(JournalFeed.class);

    /** Takes an entry without waiting. */
    @FunctionalInterface
    public interface Listener {
        void entry(Entry entry);
    }

    /**
     * One committed journal entry: its id, the device and kind it can be filtered by, and the row as
     * {@code GET /api/events} shows it.
     */
    public record Entry(long id, String uid, String kind, Map<String, Object> row) {
    }

    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Starts handing entries to the listener; the returned action stops it. */
    public Runnable listen(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether anyone listens (nothing is built for an entry otherwise). */
    public boolean heard() {
        return !listeners.isEmpty();
    }

    public int listeners() {
        return listeners.size();
    }

    void publish(Entry entry) {
        for (Listener listener : listeners) {
            try {
                listener.entry(entry);
            } catch (RuntimeException e) {
                LOG.error("journal feed listener: {}", e.toString(), e);
            }
        }
    }
}
