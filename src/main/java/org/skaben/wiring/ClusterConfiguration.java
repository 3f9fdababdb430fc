package org.skaben.wiring;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.skaben.cluster.InstanceId;
import org.skaben.cluster.InstanceMqtt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several server instances behind one broker and one PostgreSQL (skaben.cluster.* in application.properties): this
 * instance's name, and its MQTT. With the cluster on, the two MQTT settings the routes read
 * (skaben.mqtt.instance-client-id and skaben.mqtt.ingress-subscription) are made this instance's before the
 * routes are loaded: its client ids carry the instance id, and the ingress subscribes in the shared group. The
 * leader of what runs once is LeaderConfiguration's; the views every instance shares, SharedGameConfiguration's;
 * the settings that refuse a cluster on one process's broker or database are checked earlier, by ClusterCheck.
 */
public class ClusterConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConfiguration.class);

    @PropertyInject("skaben.cluster.enabled")
    boolean clusterEnabled;
    @PropertyInject(value = "skaben.instance.id", defaultValue = "")
    String configuredInstance;
    @PropertyInject("skaben.cluster.session-expiry-seconds")
    long sessionExpirySeconds;

    /** This instance's name: configured, or made up once per start. */
    @BindToRegistry(lazy = true)
    public InstanceId instanceId(@PropertyInject(value = "skaben.instance.id", defaultValue = "") String configured) {
        return InstanceId.of(configured);
    }

    @Override
    public void configure(CamelContext camel) {
        if (!clusterEnabled) {
            return;
        }
        InstanceId instance = camel.getRegistry().lookupByNameAndType("instanceId", InstanceId.class);
        String clientId = InstanceMqtt.clientIdPrefix(
                camel.resolvePropertyPlaceholders("{{skaben.mqtt.client-id}}"), instance);
        String ingress = InstanceMqtt.sharedFilter(camel.resolvePropertyPlaceholders("{{skaben.cluster.group}}"),
                camel.resolvePropertyPlaceholders("{{skaben.mqtt.ingress-topic}}"));
        PropertiesComponent properties = camel.getPropertiesComponent();
        properties.addOverrideProperty("skaben.mqtt.instance-client-id", clientId);
        properties.addOverrideProperty("skaben.mqtt.ingress-subscription", ingress);
        // a persistent session: what the broker holds for this instance while it is gone is not dropped, it
        // waits for this instance's restart or for the leader, which drains it (SessionDrain)
        properties.addOverrideProperty("skaben.mqtt.ingress-clean-start", "false");
        properties.addOverrideProperty("skaben.mqtt.ingress-session-expiry", String.valueOf(sessionExpirySeconds));
        if (configuredInstance == null || configuredInstance.isBlank()) {
            LOG.warn("skaben.instance.id is not set: this instance is {} for this run only. Restarted, it cannot "
                    + "resume its MQTT session (the leader drains it once its membership lease expires); set "
                    + "skaben.instance.id to a name of its own per instance", instance);
        }
        LOG.info("Cluster instance {}: MQTT client ids {}-*, device packets shared by the broker through {}",
                instance, clientId, ingress);
    }
}
