package org.skaben.wiring;

import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.skaben.cluster.ClockCheck;
import org.skaben.cluster.InstanceId;
import org.skaben.cluster.InstanceMqtt;
import org.skaben.cluster.LeaderFence;
import org.skaben.cluster.LeaseClusterService;
import org.skaben.cluster.LeaseRepository;
import org.skaben.cluster.LeaseTimes;
import org.skaben.cluster.MemberLease;
import org.skaben.cluster.SessionDrain;
import org.skaben.cluster.SoleInstanceClusterService;
import org.skaben.health.LeaderHealthCheck;
import org.skaben.journal.TaskIdRepository;
import org.skaben.protocol.ServerClock;
import org.skaben.protocol.ServerClockRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader of what must run once: routes/ start those routes from {@code master:skaben:<uri>}, which runs the
 * consumer only where Camel's cluster service says this instance leads namespace {@value #NAMESPACE}. Alone, the
 * instance always leads; in a cluster, it leads while it holds the namespace's lease in the database. In a cluster
 * every instance also holds a membership lease, and the leader drains the MQTT session of an instance whose
 * membership expired (routes/member-sessions.camel.yaml).
 */
public class LeaderConfiguration implements CamelConfiguration {

    /** The namespace of every {@code master:} route in routes/: one leader runs them all. */
    public static final String NAMESPACE = "skaben";

    private static final Logger LOG = LoggerFactory.getLogger(LeaderConfiguration.class);

    @PropertyInject("skaben.cluster.enabled")
    private boolean enabled;
    @PropertyInject("skaben.cluster.lease-seconds")
    private int leaseSeconds;

    /** This instance's membership lease (started in a cluster only); the leader asks it for dead instances. */
    @BindToRegistry(lazy = true)
    public MemberLease memberLeases(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("instanceId") InstanceId instance) {
        LeaseTimes times = LeaseTimes.of(Duration.ofSeconds(leaseSeconds));
        return new MemberLease(new LeaseRepository(dataSource, times.renew()), instance, times);
    }

    /**
     * The leader's drain of a dead instance's MQTT session: its packets go through direct:ingress-packet, the
     * ingress route's steps, each acknowledged once its exchange is done (as the ingress consumer does).
     */
    @BindToRegistry(lazy = true)
    public SessionDrain sessionDrain(CamelContext camel, @BeanInject("dataSource") DataSource dataSource,
                @BeanInject("taskIds") TaskIdRepository taskIds,
                @PropertyInject("skaben.mqtt.client-id") String clientIdPrefix,
                @PropertyInject("skaben.cluster.group") String group,
                @PropertyInject("skaben.mqtt.ingress-topic") String ingressTopic,
                @PropertyInject("skaben.cluster.session-expiry-seconds") long sessionExpirySeconds,
                @PropertyInject("skaben.cluster.drain-quiet-millis") long quietMillis) {
        PahoMqtt5Configuration mqtt = camel.getComponent("paho-mqtt5", PahoMqtt5Component.class).getConfiguration();
        SessionDrain.Broker broker = new SessionDrain.Broker(mqtt.getBrokerUrl(), mqtt.getUserName(),
                mqtt.getPassword());
        ProducerTemplate template = camel.createProducerTemplate();
        SessionDrain.Packets ingress = (topic, payload, qos) -> {
            Exchange done = template.send("direct:ingress-packet", exchange -> {
                exchange.getMessage().setBody(payload);
                exchange.getMessage().setHeader(PahoMqtt5Constants.MQTT_TOPIC, topic);
                exchange.getMessage().setHeader(PahoMqtt5Constants.MQTT_QOS, qos);
            });
            return done.getException() == null;
        };
        return new SessionDrain(broker, clientIdPrefix, InstanceMqtt.sharedFilter(group, ingressTopic),
                sessionExpirySeconds,
                Duration.ofMillis(quietMillis), ingress, taskIds,
                new LeaseRepository(dataSource, LeaseTimes.of(Duration.ofSeconds(leaseSeconds)).renew()));
    }

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
            try {
                // alive from the start: taken before the routes start (and the ingress resumes its session)
                camel.addService(camel.getRegistry().lookupByNameAndType("memberLeases", MemberLease.class));
            } catch (Exception e) {
                throw new IllegalStateException("cannot take the membership lease: " + e.getMessage(), e);
            }
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
