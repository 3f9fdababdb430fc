package org.skaben.journal;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal as it is written: each committed entry, with its id, handed to whoever listens (the console's
 * live journal). The journal's writer calls it in commit order, on its own thread, so a listener only takes the
 * entry and returns: it never waits (a slow reader is the listener's business, never the writer's).
 *
 * <p>With several server instances the entries of all of them are wanted, so the feed is not fed by this
 * instance's writer but by a reader of the shared table ({@code org.skaben.cluster.JournalPoller}), in id
 * order, up to a {@link #horizon()}: every entry at or below it has been handed on (or given up as never
 * committed), every later one will be.
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
    private final boolean fedByWriter;
    private volatile long horizon = Long.MAX_VALUE;

    /** Fed by this instance's journal writer, as it commits (one server). */
    public JournalFeed() {
        this(true);
    }

    /** {@code fedByWriter} false: fed by a reader of the shared table ({@link #fromTable}), not by the writer. */
    public JournalFeed(boolean fedByWriter) {
        this.fedByWriter = fedByWriter;
        if (!fedByWriter) {
            horizon = 0;
        }
    }

    /** Whether this instance's journal writer feeds it. */
    public boolean fedByWriter() {
        return fedByWriter;
    }

    /**
     * The id up to which every entry has been handed on: a reader catching up from the table reads no further
     * than this (what is later comes from the feed). Unbounded for a feed of the writer, which hands on every
     * entry as it commits, in id order.
     */
    public long horizon() {
        return horizon;
    }

    /** The table's reader hands on an entry (in id order), or moves the horizon past ids it gave up on. */
    public void fromTable(Entry entry) {
        if (fedByWriter) {
            throw new IllegalStateException("this journal feed is fed by the journal's writer");
        }
        publish(entry);
        horizon = Math.max(horizon, entry.id());
    }

    /** Every id up to {@code id} is handed on or given up: the horizon moves there. */
    public void reached(long id) {
        if (fedByWriter) {
            throw new IllegalStateException("this journal feed is fed by the journal's writer");
        }
        horizon = Math.max(horizon, id);
    }

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
