package org.skaben.cluster;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's membership lease (cluster_lease row {@code member:<instance>}), renewed as often as the leader's:
 * while it holds, the instance is alive. When it expires, the leader drains the instance's MQTT session
 * ({@link SessionDrain}): the broker keeps that session, with the packets in flight to the instance and those it
 * goes on routing there, until someone takes it.
 *
 * <p>A clean stop keeps the lease until it expires: the ingress session is persistent, so the broker goes on
 * routing packets to it after the instance left, and the leader drains those too.
 */
public class MemberLease extends ServiceSupport {

    /** The namespace prefix of membership leases. */
    public static final String PREFIX = "member:";

    private static final Logger LOG = LoggerFactory.getLogger(MemberLease.class);

    private final LeaseRepository leases;
    private final String me;
    private final LeaseTimes times;
    private ScheduledExecutorService renewing;
    private volatile boolean failing;

    public MemberLease(LeaseRepository leases, InstanceId instance, LeaseTimes times) {
        this.leases = leases;
        this.me = instance.value();
        this.times = times;
    }

    public static String namespace(String instance) {
        return PREFIX + instance;
    }

    /** Taken once before the routes start (a restarted instance is alive again before its ingress connects). */
    @Override
    protected void doStart() {
        renew();
        renewing = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "skaben-member-lease");
            thread.setDaemon(true);
            return thread;
        });
        long every = times.renew().toMillis();
        renewing.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws InterruptedException {
        if (renewing != null) {
            renewing.shutdownNow();
            renewing.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    void renew() {
        try {
            if (!leases.take(namespace(me), me, times.lease())) {
                LOG.warn("The membership lease {} is held by another instance: two instances share the id {}?",
                        namespace(me), me);
            } else if (failing) {
                failing = false;
                LOG.info("The membership lease of {} is renewed again", me);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot renew the membership lease of {}: once it expires, the leader drains this "
                        + "instance's MQTT session", me, e);
            }
        }
    }

    /** The other instances whose membership lease has expired (for the leader: their sessions are drained). */
    public List<String> expired() {
        return leases.expired(PREFIX).stream().map(ns -> ns.substring(PREFIX.length()))
                .filter(instance -> !instance.equals(me)).toList();
    }
}
