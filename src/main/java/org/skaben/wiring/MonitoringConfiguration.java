package org.skaben.wiring;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import org.skaben.cluster.InstanceId;
import org.skaben.device.DeviceRegistry;
import org.skaben.health.DatabaseHealthCheck;
import org.skaben.health.GameHealthCheck;
import org.skaben.metrics.CupRoundTrip;
import org.skaben.metrics.DevicesOnline;
import org.skaben.metrics.PacketCounts;
import org.skaben.metrics.PongLag;
import org.skaben.metrics.Refusals;
import org.skaben.protocol.Packet;
import org.skaben.protocol.ServerClock;

/**
 * GET /metrics and the readiness checks behind GET /health/ready (camel-health finds every health check in the
 * registry; {@code mqttHealthCheck} is a camel.beans entry in application.properties).
 */
public class MonitoringConfiguration implements CamelConfiguration {

    /**
     * GET /metrics scrapes it; camel-micrometer finds it by this name too. In a cluster every meter carries the tag
     * instance=&lt;instance id&gt; (Prometheus scrapes each instance; the sums over instances are the cluster's);
     * alone, the metrics stay as they were.
     */
    @BindToRegistry(lazy = true)
    public PrometheusMeterRegistry metricsRegistry(@PropertyInject("skaben.cluster.enabled") boolean cluster,
                @BeanInject("instanceId") InstanceId instance) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        if (cluster) {
            registry.config().commonTags("instance", instance.value());
        }
        return registry;
    }

    @BindToRegistry(lazy = true)
    public PacketCounts packetCounts(@BeanInject("metricsRegistry") PrometheusMeterRegistry metrics) {
        return new PacketCounts(metrics);
    }

    /** Every routed device packet's count ({@link PacketCounts#received}) as a processor: no bean call to bind per packet. */
    @BindToRegistry(lazy = true)
    public Processor countReceived(@BeanInject("packetCounts") PacketCounts counts) {
        return counts::received;
    }

    @BindToRegistry(lazy = true)
    public Refusals refusals(@BeanInject("metricsRegistry") PrometheusMeterRegistry metrics) {
        return new Refusals(metrics);
    }

    @BindToRegistry(lazy = true)
    public DevicesOnline devicesOnline(@BeanInject("metricsRegistry") PrometheusMeterRegistry metrics,
                @BeanInject("deviceRegistry") DeviceRegistry registry,
                @PropertyInject("skaben.keepalive.timeout-seconds") long keepaliveSeconds) {
        return new DevicesOnline(metrics, registry, keepaliveSeconds * 1000);
    }

    @BindToRegistry(lazy = true)
    public PongLag pongLag(@BeanInject("metricsRegistry") PrometheusMeterRegistry metrics,
                @BeanInject("serverClock") ServerClock clock) {
        return new PongLag(metrics, clock);
    }

    /** Every PONG's lag ({@link PongLag#record}) as a processor: no bean call to bind per packet. */
    @BindToRegistry(lazy = true)
    public Processor recordPongLag(@BeanInject("pongLag") PongLag lag) {
        return exchange -> lag.record(exchange.getMessage().getBody(Packet.class));
    }

    @BindToRegistry(lazy = true)
    public CupRoundTrip cupRoundTrip(@BeanInject("metricsRegistry") PrometheusMeterRegistry metrics) {
        return new CupRoundTrip(metrics);
    }

    @BindToRegistry(lazy = true)
    public DatabaseHealthCheck databaseHealthCheck(@BeanInject("dataSource") DataSource dataSource) {
        return new DatabaseHealthCheck(dataSource);
    }

    @BindToRegistry(lazy = true)
    public GameHealthCheck gameHealthCheck(@BeanInject("dataSource") DataSource dataSource) {
        return new GameHealthCheck(dataSource);
    }
}
