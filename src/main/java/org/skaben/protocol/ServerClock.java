package org.skaben.protocol;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server time in Unix seconds that never goes backwards, across restarts too: devices drop packets older than
 * the last timestamp they stored, so a clock that is behind after a reboot must not reach them.
 *
 * <p>Server time is the wall clock plus an offset fixed at start: 0, or whatever puts the first timestamp just
 * above the highest one an earlier run may have sent (its stored mark). From there it runs at the wall clock's
 * rate, so a machine an hour behind neither silences every device nor freezes time for an hour.
 *
 * <p>The mark is written ahead, like a sequence block: {@link #RESERVE_SECONDS} beyond server time, renewed on
 * another thread once less than half of it is left. Nothing above the stored mark is ever handed out, so after
 * a crash the next run starts above every timestamp sent; packets never wait for the database. Should the mark
 * stay unwritable until server time reaches it, time stands still there (and a warning says so) rather than
 * outrun it. A clean stop lowers the mark to the highest timestamp actually handed out.
 *
 * <p>Shared by several instances ({@link #shared}), the mark is the highest timestamp any of them handed out,
 * written behind (raised, never lowered). Server time is then the wall clock, which each instance has checked
 * against the database's at start (org.skaben.cluster.ClockCheck), never below the mark as read at start; an
 * instance about to lead reads the mark again and starts above it ({@link #startAboveMark}), so the PINGs of a
 * new leader never go back behind its predecessor's, even when its clock is a little behind.
 */
public class ServerClock implements AutoCloseable {

    /** Where the highest timestamp the server may have sent is kept. */
    public interface Mark {
        long read();

        void write(long seconds);
    }

    /** How far ahead of server time the mark is written: the most a crash can move server time forward. */
    public static final long RESERVE_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(ServerClock.class);

    private final Clock wall;
    private final Mark mark;
    private final Executor markWriter;
    private final long offsetSeconds;
    private final boolean shared;
    private final AtomicLong last = new AtomicLong();
    // the stored mark: no timestamp above it is handed out
    private volatile long reserved;
    // shared: the highest timestamp written to the mark
    private volatile long published;
    private final AtomicBoolean renewing = new AtomicBoolean();
    private volatile boolean markFailing;

    /**
     * Reads the mark, fixes the offset and reserves the first block (in the caller's thread: before the first
     * timestamp). {@code markWriter} renews the reservation later.
     */
    public ServerClock(Clock wall, Mark mark, Executor markWriter) {
        this(wall, mark, markWriter, false);
    }

    /** {@code shared}: one of several instances' clocks, on a mark they all raise (see the class comment). */
    public ServerClock(Clock wall, Mark mark, Executor markWriter, boolean shared) {
        this.wall = wall;
        this.mark = mark;
        this.markWriter = markWriter;
        this.shared = shared;
        long stored = mark.read();
        last.set(stored);
        if (shared) {
            // no block reserved ahead: a new leader starts only after the old one's lease has run out, and then
            // above the mark the old one published
            offsetSeconds = 0;
            reserved = Long.MAX_VALUE;
            published = stored;
            return;
        }
        long wallNow = wallSeconds();
        offsetSeconds = offset(wallNow, stored);
        long start = wallNow + offsetSeconds;
        mark.write(start + RESERVE_SECONDS);
        reserved = start + RESERVE_SECONDS;
    }

    /** The clock of a running server: the mark is renewed on a thread of its own. */
    public static ServerClock start(Clock wall, Mark mark) {
        ServerClock clock = new ServerClock(wall, mark, markWriter());
        if (clock.offsetSeconds() != 0) {
            LOG.warn("Server time is the wall clock + {} s: the wall clock is behind the last timestamp an earlier "
                    + "run may have sent, and devices drop packets older than the one they stored",
                    clock.offsetSeconds());
        }
        return clock;
    }

    /** The clock of one of several instances, on their shared mark: published on a thread of its own. */
    public static ServerClock shared(Clock wall, Mark mark) {
        return new ServerClock(wall, mark, markWriter(), true);
    }

    private static ExecutorService markWriter() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "skaben-clock-mark");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Before this instance leads (sends PINGs): server time from now on is above the highest timestamp any
     * instance has published.
     */
    public void startAboveMark() {
        long highest = mark.read();
        last.accumulateAndGet(highest + 1, Math::max);
    }

    /** 0 when the wall clock is past the stored mark, else what puts server time one second above it. */
    static long offset(long wallSeconds, long storedMark) {
        return wallSeconds > storedMark ? 0 : storedMark + 1 - wallSeconds;
    }

    public long offsetSeconds() {
        return offsetSeconds;
    }

    /** The time for a PING, a CUP or a PONG's lag. */
    public long nowSeconds() {
        // the max keeps time still while the wall clock steps back during a run
        long now = Math.max(wallSeconds() + offsetSeconds, last.get());
        if (shared) {
            long handedOut = last.accumulateAndGet(now, Math::max);
            if (handedOut > published) {
                renew(handedOut);
            }
            return handedOut;
        }
        if (now > reserved - RESERVE_SECONDS / 2) {
            renew(now);
        }
        return last.accumulateAndGet(Math.min(now, reserved), Math::max);
    }

    /** Wall-clock milliseconds, for the journal and last-seen times. */
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    private long wallSeconds() {
        return Math.floorDiv(wall.millis(), 1000);
    }

    /** Writes the mark a block ahead of {@code now}, unless a renewal is already on its way. */
    private void renew(long now) {
        if (!renewing.compareAndSet(false, true)) {
            return;
        }
        try {
            markWriter.execute(() -> {
                try {
                    if (shared) {
                        // the highest handed out by now: the write may have waited
                        long highest = last.get();
                        mark.write(highest);
                        published = Math.max(published, highest);
                    } else {
                        // from the time of writing: the renewal may have waited
                        long ahead = Math.max(now, wallSeconds() + offsetSeconds) + RESERVE_SECONDS;
                        mark.write(ahead);
                        reserved = Math.max(reserved, ahead);
                    }
                    if (markFailing) {
                        markFailing = false;
                        LOG.info("Server clock mark stored again: server time runs on");
                    }
                } catch (RuntimeException e) {
                    if (!markFailing) {
                        markFailing = true;
                        if (shared) {
                            LOG.warn("Cannot publish the server clock mark: a new leader may start its PINGs "
                                    + "below this instance's last timestamp", e);
                        } else {
                            LOG.warn("Cannot store the server clock mark: server time stops at {} until it can",
                                    reserved, e);
                        }
                    }
                } finally {
                    renewing.set(false);
                }
            });
        } catch (RejectedExecutionException stopped) {
            renewing.set(false);
        }
    }

    /**
     * After the last timestamp was handed out (the routes have stopped): lowers the mark to the highest one
     * sent, so the next run starts right after it instead of up to a block later.
     */
    @Override
    public void close() {
        if (markWriter instanceof ExecutorService service) {
            service.shutdown();
            try {
                service.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long sent = last.get();
        reserved = sent;
        try {
            mark.write(sent);
        } catch (RuntimeException e) {
            // the higher mark stays: the next run starts a little later, never earlier
            LOG.warn("Cannot lower the server clock mark to {}", sent, e);
        }
    }
}
