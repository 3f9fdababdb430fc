package org.skaben.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.skaben.api.JournalCatchUp;
import org.skaben.journal.JournalFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the live journal of this instance with the entries every instance writes: it reads the shared event
 * table after the last id it handed on, every {@code pollMillis}, and hands the rows on in id order.
 *
 * <p>Why a reader of the table and not the writer's own feed plus notices of the others' ids: the live journal
 * sends entries in id order, and a browser that reconnects asks for what came after the last id it saw. With two
 * writers, ids are not committed in order (instance A takes id 7 and commits after B committed id 8), so a feed
 * of two sources would either send 8 before 7 or lose 7. The reader holds back at a gap (an id not yet visible)
 * until it fills, and gives up on it after {@code gapMillis} (a rolled-back batch's ids never come): an entry
 * committed that late is in GET /api/events but not in the live journal. Cheap: one indexed query per poll (only
 * the ids while no browser listens).
 */
public final class JournalPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalPoller.class);
    /** Rows read at a time. */
    static final int PAGE = 500;

    private final JournalIds ids;
    private final JournalCatchUp rows;
    private final JournalFeed feed;
    private final long gapMillis;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private final long pollMillis;
    // the poller's thread's own
    private long handedOn;
    private long gapBefore = -1;
    private long gapSince;

    /** {@code rows}: the entries after an id, as GET /api/events?after= reads them. */
    public JournalPoller(JournalIds ids, JournalCatchUp rows, JournalFeed feed, long pollMillis, long gapMillis,
                         LongSupplier clock) {
        if (feed.fedByWriter()) {
            throw new IllegalArgumentException("the journal's writer already feeds this feed");
        }
        this.ids = ids;
        this.rows = rows;
        this.feed = feed;
        this.pollMillis = pollMillis;
        this.gapMillis = gapMillis;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skaben-journal-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /** From the newest entry now: a browser that connects gets what happens from then on. */
    public void start() {
        handedOn = ids.last();
        feed.reached(handedOn);
        timer.scheduleWithFixedDelay(this::pollLogged, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    private void pollLogged() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the database is away: the next poll tries again from the same id
            LOG.warn("live journal: reading the journal failed: {}", e.getMessage());
        }
    }

    /** Hands on what is committed after the last id handed on, up to the first gap still young. */
    void poll() {
        boolean more = true;
        while (more) {
            more = false;
            boolean heard = feed.heard();
            List<Long> next;
            List<Map<String, Object>> page = null;
            if (heard) {
                page = rows.after(handedOn, null, null, PAGE);
                next = page.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
            } else {
                next = ids.after(handedOn, PAGE);
            }
            int taken = 0;
            for (int i = 0; i < next.size(); i++) {
                long id = next.get(i);
                if (id != handedOn + 1 && !gapGivenUp(id)) {
                    break;
                }
                if (heard) {
                    Map<String, Object> row = page.get(i);
                    feed.fromTable(new JournalFeed.Entry(id, (String) row.get("uid"), (String) row.get("kind"), row));
                } else {
                    feed.reached(id);
                }
                handedOn = id;
                gapBefore = -1;
                taken++;
            }
            more = taken == PAGE;
        }
    }

    /** Whether the ids missing below {@code id} have been missing long enough to be given up. */
    private boolean gapGivenUp(long id) {
        long now = clock.getAsLong();
        if (gapBefore != id) {
            gapBefore = id;
            gapSince = now;
        }
        if (now - gapSince < gapMillis) {
            return false;
        }
        LOG.info("live journal: ids {}-{} were not committed within {} ms; going on without them", handedOn + 1,
                id - 1, gapMillis);
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
