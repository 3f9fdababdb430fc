package org.skaben.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace of the {@link LeaseClusterService}: this instance leads it while it holds the namespace's lease
 * row, and stops leading before that lease can expire.
 *
 * <p>Every renew interval this instance asks the database for the lease (renew, take over an expired one, or
 * create it). A renewal sent at local time t (System.nanoTime, the monotonic clock) was written by the database
 * at t or later, so the lease lasts at least until t + lease on the database's clock: this instance leads until
 * t + lease - margin at most, unless a later renewal moves that on. The deadline is kept by a thread that never
 * waits for the database; a call that hangs only means no renewal. Another instance takes the lease only once
 * the database's clock is past its end, by which time this one has stopped: never two leaders at once, as long
 * as the two clocks run at the same rate over one lease (the margin covers the difference and the time the
 * leader's routes take to stop). The wall clock is checked too: a machine that was suspended (the monotonic
 * clock stands still then) stops leading as soon as it wakes.
 */
public class LeaseClusterView extends AbstractCamelClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseClusterView.class);

    private final LeaseRepository leases;
    private final String me;
    private final Duration lease;
    private final long renewNanos;
    // how long a renewal lets this instance lead: the lease less the safety margin
    private final long leadNanos;
    private final Runnable beforeLeading;
    private final Member local;

    // the timing and every change of leadership: never waits for the database
    private ScheduledExecutorService timing;
    // the database calls, one at a time
    private ExecutorService calls;
    private final AtomicBoolean calling = new AtomicBoolean();
    private ScheduledFuture<?> deadlineCheck;

    private volatile boolean leading;
    private volatile long deadlineNanos;
    private volatile long deadlineWallMillis;
    // the holder of the lease as last read (this instance or another), or null
    private volatile String leader;
    private volatile boolean failing;

    LeaseClusterView(LeaseClusterService service, String namespace, LeaseRepository leases, String me,
                LeaseTimes times, Runnable beforeLeading) {
        super(service, namespace);
        this.leases = leases;
        this.me = me;
        this.lease = times.lease();
        this.renewNanos = times.renew().toNanos();
        this.leadNanos = times.lease().minus(times.margin()).toNanos();
        this.beforeLeading = beforeLeading;
        this.local = new Member(me, true);
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        if (local.isLeader()) {
            return Optional.of(local);
        }
        String holder = leader;
        return holder == null || holder.equals(me) ? Optional.empty() : Optional.of(new Member(holder, false));
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return local;
    }

    /** This instance, and the leader when that is another one (followers are not known to each other). */
    @Override
    public List<CamelClusterMember> getMembers() {
        List<CamelClusterMember> members = new ArrayList<>(List.of(local));
        getLeader().filter(l -> !l.isLocal()).ifPresent(members::add);
        return members;
    }

    /** Leading now: the last renewal is recent enough on the monotonic clock and on the wall clock. */
    boolean leads() {
        return leading && System.nanoTime() - deadlineNanos < 0 && System.currentTimeMillis() < deadlineWallMillis;
    }

    @Override
    protected void doStart() {
        String ns = getNamespace();
        timing = Executors.newSingleThreadScheduledExecutor(daemon("skaben-lease-" + ns));
        calls = Executors.newSingleThreadExecutor(daemon("skaben-lease-db-" + ns));
        timing.scheduleWithFixedDelay(this::askForLease, 0, renewNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void doStop() throws InterruptedException {
        timing.shutdownNow();
        timing.awaitTermination(5, TimeUnit.SECONDS);
        // the timing thread has ended: nothing else changes leadership now
        if (leading) {
            stepDown("this instance stops");
        }
        // the next leader need not wait for the lease to expire (unless the database hangs: then it does)
        calls.execute(() -> leases.release(getNamespace(), me));
        calls.shutdown();
        if (!calls.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("The lease of {} was not released (the database does not answer): another instance leads "
                    + "once it expires", getNamespace());
        }
    }

    /** On the timing thread: one call for the lease, unless the last one still waits for the database. */
    private void askForLease() {
        if (!calling.compareAndSet(false, true)) {
            return;
        }
        long sentNanos = System.nanoTime();
        long sentWallMillis = System.currentTimeMillis();
        try {
            calls.execute(() -> call(sentNanos, sentWallMillis));
        } catch (RejectedExecutionException stopping) {
            calling.set(false);
        }
    }

    /** On the database thread. */
    private void call(long sentNanos, long sentWallMillis) {
        try {
            boolean held = leases.take(getNamespace(), me, lease);
            if (held && !leading) {
                // before the routes start: e.g. server time above the last timestamp the old leader sent
                beforeLeading.run();
            }
            String holder = held ? me : leases.holder(getNamespace());
            if (failing) {
                failing = false;
                LOG.info("The lease of {} can be read again", getNamespace());
            }
            onTiming(() -> settle(held, holder, sentNanos, sentWallMillis));
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot renew or read the lease of {}{}", getNamespace(),
                        leading ? ": this instance stops leading when it runs out" : "", e);
            }
        } finally {
            calling.set(false);
        }
    }

    /** On the timing thread: the answer of a call sent at sentNanos. */
    private void settle(boolean held, String holder, long sentNanos, long sentWallMillis) {
        leader = holder;
        if (!held) {
            if (leading) {
                stepDown("the lease is held by " + holder);
            }
            return;
        }
        long deadline = sentNanos + leadNanos;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            // the answer came too late to lead on it; the deadline check ends a leadership still running
            return;
        }
        deadlineNanos = deadline;
        deadlineWallMillis = sentWallMillis + TimeUnit.NANOSECONDS.toMillis(leadNanos);
        if (deadlineCheck != null) {
            deadlineCheck.cancel(false);
        }
        deadlineCheck = timing.schedule(this::checkDeadline, left, TimeUnit.NANOSECONDS);
        if (!leading) {
            leading = true;
            LOG.info("This instance ({}) leads {}", me, getNamespace());
            fireLeadershipChangedEvent(local);
        }
    }

    private void checkDeadline() {
        if (leading && !leads()) {
            stepDown("its lease was not renewed in time");
        }
    }

    private void stepDown(String why) {
        leading = false;
        LOG.warn("This instance ({}) no longer leads {}: {}", me, getNamespace(), why);
        fireLeadershipChangedEvent(getLeader().orElse(null));
    }

    private void onTiming(Runnable task) {
        try {
            timing.execute(task);
        } catch (RejectedExecutionException stopping) {
            // the view is stopping: doStop steps down and releases the lease itself
            LOG.debug("Lease answer for {} after stop, not used", getNamespace());
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** An instance as this one knows it: itself, or the holder of the lease. */
    private final class Member implements CamelClusterMember {
        private final String id;
        private final boolean isLocal;

        Member(String id, boolean isLocal) {
            this.id = id;
            this.isLocal = isLocal;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public boolean isLeader() {
            return isLocal ? leads() : id.equals(leader);
        }

        @Override
        public boolean isLocal() {
            return isLocal;
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
