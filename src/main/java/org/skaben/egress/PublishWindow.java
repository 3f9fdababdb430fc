package org.skaben.egress;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes messages in the order given with several unacknowledged at once on one connection (MQTT keeps the
 * order of QoS 1 publishes on a connection), at most {@code min(inFlight, the broker's receive maximum)}.
 *
 * <p>The broker away: a publish that failed for want of the broker (see {@code away}) is kept, nothing newer
 * goes out, and once the link is connected again every kept one is sent again in its original order before
 * the next new one. So after a reconnect each message is sent at least once and the last copy each
 * subscriber receives is in queue order; a message the broker took just before the connection broke may
 * arrive twice, once before and once after the ones that were in flight with it (as today with one in flight,
 * a PUBACK lost with the connection means the message is sent again).
 */
public final class PublishWindow<M> {

    private static final Logger LOG = LoggerFactory.getLogger(PublishWindow.class);

    /** Where the window sends: the MQTT client, or a test's fake. */
    public interface Link<M> {
        /** Connects unless connected; the broker's receive maximum. Throws while the broker is away. */
        int connect() throws Exception;

        /** Starts one publish and calls {@code result} once when it is acknowledged or failed; throws if it cannot start. */
        void send(M message, Result result) throws Exception;
    }

    /** The outcome of one publish (called on the link's thread). */
    public interface Result {
        void acknowledged();

        void failed(Exception e);
    }

    /** The backoff while the broker is away: from {@code first} doubling up to {@code max} milliseconds. */
    public record Backoff(long first, long max) {
    }

    private final Link<M> link;
    private final int inFlight;
    private final Predicate<Exception> away;
    private final Backoff backoff;
    private final ScheduledExecutorService retries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Sent and not yet acknowledged (or failed and to be sent again), by the order they were given in. */
    private final TreeMap<Long, Pending<M>> unacked = new TreeMap<>();
    private long next;
    private int limit = 1;
    private int peak;
    /** A publish failed for want of the broker: nothing new goes out until the kept ones are sent again. */
    private boolean waiting;
    private long delay;
    private boolean stopped;

    private static final class Pending<M> {
        final long seq;
        final M message;
        final Result done;
        boolean again;

        Pending(long seq, M message, Result done) {
            this.seq = seq;
            this.message = message;
            this.done = done;
        }
    }

    /** {@code retries}: one thread that reconnects and sends again (shut down by {@link #stop}). */
    public PublishWindow(Link<M> link, int inFlight, Predicate<Exception> away, Backoff backoff,
                ScheduledExecutorService retries) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("skaben.mqtt.egress-in-flight must be at least 1, not " + inFlight);
        }
        this.link = link;
        this.inFlight = inFlight;
        this.away = away;
        this.backoff = backoff;
        this.retries = retries;
    }

    /** Connects (a broker away at start is an error, as for every other route). */
    public void start() throws Exception {
        int receiveMaximum = link.connect();
        lock.lock();
        try {
            limit = Math.min(inFlight, receiveMaximum);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code message} after every message given before it; waits (the caller's thread) while the window
     * is full or the broker away. {@code done} is told once, when the broker acknowledged it or it failed
     * for another reason (or the window stopped).
     */
    public void publish(M message, Result done) throws InterruptedException {
        List<Runnable> after = new ArrayList<>(1);
        lock.lock();
        try {
            while (!stopped && (waiting || unacked.size() >= limit)) {
                changed.await();
            }
            if (stopped) {
                after.add(() -> done.failed(stoppedError()));
            } else {
                Pending<M> p = new Pending<>(next++, message, done);
                unacked.put(p.seq, p);
                peak = Math.max(peak, unacked.size());
                if (!send(p, after)) {
                    goAway();
                }
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    /** The most messages that were unacknowledged at one time (a witness that the window is used). */
    public int peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    /** How many messages the broker may hold unacknowledged now: the setting or its receive maximum. */
    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code waitMillis} for the unacknowledged messages (unless the broker is away), then fails
     * every one still unacknowledged or waiting, so that none is lost silently.
     */
    public void stop(long waitMillis) throws InterruptedException {
        List<Pending<M>> rest;
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            long left;
            while (!unacked.isEmpty() && !waiting && (left = deadline - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
            stopped = true;
            rest = new ArrayList<>(unacked.values());
            unacked.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        retries.shutdownNow();
        if (!rest.isEmpty()) {
            LOG.error("{} packets not acknowledged by the broker when the publisher stopped", rest.size());
        }
        rest.forEach(p -> p.done.failed(stoppedError()));
    }

    private static IllegalStateException stoppedError() {
        return new IllegalStateException("the publisher stopped before the broker acknowledged it");
    }

    /** Sends {@code p} (lock held); false if it failed for want of the broker and is kept to be sent again. */
    private boolean send(Pending<M> p, List<Runnable> after) {
        try {
            link.send(p.message, new Result() {
                @Override
                public void acknowledged() {
                    settled(p, null);
                }

                @Override
                public void failed(Exception e) {
                    settled(p, e);
                }
            });
            p.again = false;
            return true;
        } catch (Exception e) {
            if (away.test(e)) {
                p.again = true;
                return false;
            }
            unacked.remove(p.seq);
            changed.signalAll();
            after.add(() -> p.done.failed(e));
            return true;
        }
    }

    /** The link's answer to one publish. */
    private void settled(Pending<M> p, Exception failure) {
        lock.lock();
        try {
            if (unacked.get(p.seq) != p) {
                return;
            }
            if (failure != null && away.test(failure) && !stopped) {
                p.again = true;
                goAway();
                return;
            }
            unacked.remove(p.seq);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (failure == null) {
            p.done.acknowledged();
        } else {
            p.done.failed(failure);
        }
    }

    /** Lock held: stops new sends and schedules the first attempt to send the kept ones again. */
    private void goAway() {
        if (waiting) {
            return;
        }
        waiting = true;
        delay = backoff.first();
        LOG.warn("MQTT broker away: publishing waits for it, {} packets to send again", kept());
        retries.schedule(this::comeBack, delay, TimeUnit.MILLISECONDS);
    }

    private long kept() {
        return unacked.values().stream().filter(p -> p.again).count();
    }

    /** On the retry thread: connects and sends the kept messages again in order, or tries again later. */
    private void comeBack() {
        int receiveMaximum;
        try {
            receiveMaximum = link.connect();
        } catch (Exception e) {
            later(e);
            return;
        }
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            limit = Math.min(inFlight, receiveMaximum);
            long again = kept();
            boolean allSent = true;
            for (Pending<M> p : new ArrayList<>(unacked.values())) {
                if (p.again && !send(p, after)) {
                    retryLater();
                    allSent = false;
                    break;
                }
            }
            if (allSent) {
                waiting = false;
                changed.signalAll();
                LOG.info("MQTT broker back: {} packets sent again, publishing goes on", again);
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void later(Exception e) {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            LOG.warn("MQTT broker still away ({}): publishing again in {} ms", e.getMessage(), retryLater());
        } finally {
            lock.unlock();
        }
    }

    /** Lock held: the next attempt, after twice the last wait (at most the backoff's max); that wait. */
    private long retryLater() {
        delay = Math.min(delay * 2, backoff.max());
        retries.schedule(this::comeBack, delay, TimeUnit.MILLISECONDS);
        return delay;
    }
}
