package org.skaben.health;

import java.util.Map;
import org.apache.camel.Route;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the server's MQTT subscription is connected to the broker (camel-paho-mqtt5 has no health check
 * of its own). Down while the broker is away; up again once Paho has reconnected.
 */
public class MqttHealthCheck extends AbstractHealthCheck {

    private final String ingressRouteId;

    public MqttHealthCheck(String ingressRouteId) {
        super("skaben", "mqtt");
        this.ingressRouteId = ingressRouteId;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Route route = getCamelContext().getRoute(ingressRouteId);
        if (route == null || !(route.getConsumer() instanceof PahoMqtt5Consumer consumer)) {
            builder.message("route " + ingressRouteId + " is not running").down();
            return;
        }
        if (consumer.getClient() != null && consumer.getClient().isConnected()) {
            builder.up();
        } else {
            builder.message("not connected to the MQTT broker").down();
        }
    }
}
