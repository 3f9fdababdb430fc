package org.skaben.wiring;

import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.skaben.cluster.ClockCheck;
import org.skaben.cluster.InstanceId;
import org.skaben.cluster.LeaderFence;
import org.skaben.cluster.LeaseClusterService;
import org.skaben.cluster.LeaseRepository;
import org.skaben.cluster.LeaseTimes;
import org.skaben.cluster.SoleInstanceClusterService;
import org.skaben.health.LeaderHealthCheck;
import org.skaben.protocol.ServerClock;
import org.skaben.protocol.ServerClockRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader of what must run once: routes/ start those routes from {@code master:skaben:<uri>}, which runs the
 * consumer only where Camel's cluster service says this instance leads namespace {@value #NAMESPACE}. Alone, the
 * instance always leads; in a cluster, it leads while it holds the namespace's lease in the database.
 */
public class LeaderConfiguration implements CamelConfiguration {

    /** The namespace of every {@code master:} route in routes/: one leader runs them all. */
    public static final String NAMESPACE = "skaben";

    private static final Logger LOG = LoggerFactory.getLogger(LeaderConfiguration.class);

    @PropertyInject("skaben.cluster.enabled")
    private boolean enabled;
    @PropertyInject("skaben.cluster.lease-seconds")
    private int leaseSeconds;

    /**
     * The cluster service, added to the context (started before the routes, where the master component looks for
     * it) rather than bound lazily: the routes cannot start without it. In a cluster, the clock check comes first.
     */
    @Override
    public void configure(CamelContext camel) {
        InstanceId instance = camel.getRegistry().lookupByNameAndType("instanceId", InstanceId.class);
        CamelClusterService service;
        if (enabled) {
            DataSource dataSource = camel.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
            long offset = ClockCheck.offsetMillis(System::currentTimeMillis,
                    new ServerClockRepository(dataSource)::databaseMillis);
            ClockCheck.refuseIfOff(offset);
            LOG.info("Instance {} of a cluster: its clock is {} ms off the database's", instance, offset);
            LeaseTimes times = LeaseTimes.of(Duration.ofSeconds(leaseSeconds));
            service = new LeaseClusterService(new LeaseRepository(dataSource, times.renew()), instance, times,
                    () -> camel.getRegistry().lookupByNameAndType("serverClock", ServerClock.class).startAboveMark());
            camel.addRoutePolicyFactory(new LeaderFence(service));
        } else {
            service = new SoleInstanceClusterService(instance);
        }
        try {
            camel.addService(service);
            // held for as long as the server runs: this instance takes part in the election from the start
            CamelClusterView view = service.getView(NAMESPACE);
            camel.getRegistry().bind("leaderHealthCheck", new LeaderHealthCheck(view));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the cluster service: " + e.getMessage(), e);
        }
    }
}
