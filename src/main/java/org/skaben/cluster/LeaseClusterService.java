package org.skaben.cluster;

import org.apache.camel.support.cluster.AbstractCamelClusterService;

/**
 * Camel's cluster service (what {@code master:<namespace>:<uri>} consumers ask who leads) on a lease row per
 * namespace in the shared database: see {@link LeaseClusterView}. Camel ships no service on a relational
 * database; the lease needs no engine the deployment does not already have.
 */
public class LeaseClusterService extends AbstractCamelClusterService<LeaseClusterView> {

    private final LeaseRepository leases;
    private final InstanceId instance;
    private final LeaseTimes times;
    private final Runnable beforeLeading;

    /** {@code beforeLeading} runs (on the database thread) each time this instance is about to lead a namespace. */
    public LeaseClusterService(LeaseRepository leases, InstanceId instance, LeaseTimes times, Runnable beforeLeading) {
        super("skaben-lease");
        this.leases = leases;
        this.instance = instance;
        this.times = times;
        this.beforeLeading = beforeLeading;
    }

    @Override
    protected LeaseClusterView createView(String namespace) {
        return new LeaseClusterView(this, namespace, leases, instance.value(), times, beforeLeading);
    }
}
