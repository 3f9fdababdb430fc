package org.skaben.wiring;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.support.LifecycleStrategySupport;
import org.skaben.broker.BrokerSecurity;
import org.skaben.broker.EmbeddedBroker;
import org.skaben.egress.EgressPublisher;
import org.skaben.egress.PahoLink;
import org.skaben.egress.PublishWindow;
import org.skaben.support.StoredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT: the embedded broker (skaben.mqtt.embedded), started before the routes connect and stopped after they
 * have disconnected, and the server's own login, which every paho-mqtt5 endpoint uses (the broker's address
 * and reconnection are camel.component.paho-mqtt5.* in application.properties).
 */
public class BrokerConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfiguration.class);

    @PropertyInject("skaben.mqtt.embedded")
    boolean embedded;

    /** The server's own MQTT login: the configured one, or for the embedded broker a random one per run. */
    public record MqttLogin(String user, String password) {
    }

    @BindToRegistry(lazy = true)
    public MqttLogin mqttLogin(@PropertyInject("skaben.mqtt.username") String user,
                @PropertyInject("skaben.mqtt.password") String password) {
        if (!user.isBlank()) {
            return new MqttLogin(user.trim(), password.trim());
        }
        return embedded ? new MqttLogin("skaben-server", StoredSecret.random()) : new MqttLogin("", "");
    }

    /**
     * The egress queue's publisher (routes/egress.camel.yaml): its own connection as {@code <client id>-egress},
     * several packets in flight at once (skaben.mqtt.egress-in-flight, at most the broker's receive maximum).
     */
    @BindToRegistry(lazy = true)
    public EgressPublisher egressPublisher(@BeanInject("mqttLogin") MqttLogin login,
                @PropertyInject("skaben.mqtt.url") String url,
                @PropertyInject("skaben.mqtt.instance-client-id") String clientId,
                @PropertyInject("skaben.mqtt.egress-qos") int qos,
                @PropertyInject("skaben.mqtt.egress-in-flight") int inFlight,
                @PropertyInject("skaben.retry.delay-millis") long retryMillis,
                @PropertyInject("skaben.retry.max-delay-millis") long maxRetryMillis) {
        return new EgressPublisher(
                () -> new PahoLink(url.trim(), clientId.trim() + "-egress", login.user(), login.password(), 10_000),
                qos, inFlight, new PublishWindow.Backoff(retryMillis, maxRetryMillis), 5_000);
    }

    /** Started by {@link #configure} when skaben.mqtt.embedded is true, and only then. */
    @BindToRegistry(lazy = true)
    public EmbeddedBroker embeddedBroker(@BeanInject("mqttLogin") MqttLogin server,
                @PropertyInject("skaben.mqtt.host") String host, @PropertyInject("skaben.mqtt.port") int port,
                @PropertyInject("skaben.mqtt.data-dir") String dataDir,
                @PropertyInject("skaben.mqtt.max-memory-mb") long maxMemoryMb,
                @PropertyInject("skaben.mqtt.device-username") String deviceUser,
                @PropertyInject("skaben.mqtt.device-password") String devicePassword,
                @PropertyInject("skaben.mqtt.device-credentials") String credentials,
                @PropertyInject("skaben.mqtt.anonymous") boolean anonymous,
                @PropertyInject("skaben.mqtt.acl") boolean acl,
                @PropertyInject("skaben.mqtt.tls-port") String tlsPort,
                @PropertyInject("skaben.mqtt.tls-keystore") String keystore,
                @PropertyInject("skaben.mqtt.tls-keystore-password") String keystorePassword,
                @PropertyInject("skaben.data-dir") String dataFolder) throws Exception {
        if (!anonymous) {
            Path kept = Path.of(dataFolder.trim(), "device-password");
            devicePassword = StoredSecret.configuredOrKept(devicePassword, kept, "skaben.mqtt.device-password",
                    "devices log in to the broker as '" + deviceUser.trim() + "' with the password");
        }
        BrokerSecurity security = new BrokerSecurity(new BrokerSecurity.Settings(server.user(), server.password(),
                deviceUser.trim(), devicePassword.trim(), perDeviceCredentials(credentials.trim()), anonymous, acl));
        EmbeddedBroker.Tls tls = tlsPort.isBlank() ? null
                : new EmbeddedBroker.Tls(Integer.parseInt(tlsPort.trim()), keystore.trim(), keystorePassword.trim());
        EmbeddedBroker broker = new EmbeddedBroker(host.trim(), port, dataDir.trim(), maxMemoryMb * 1024L * 1024L,
                security, tls);
        broker.start();
        LOG.info("Embedded MQTT broker listening on {}:{}{}; devices log in {}{}", broker.host(), broker.port(),
                tls == null ? "" : " and with TLS on " + tls.port(),
                anonymous ? "with or without credentials" : "with credentials",
                acl ? ", each limited to its own topics" : "");
        return broker;
    }

    @Override
    public void configure(CamelContext camel) {
        PahoMqtt5Component mqtt = camel.getComponent("paho-mqtt5", PahoMqtt5Component.class);
        MqttLogin login = camel.getRegistry().lookupByNameAndType("mqttLogin", MqttLogin.class);
        if (!login.user().isBlank()) {
            mqtt.getConfiguration().setUserName(login.user());
            mqtt.getConfiguration().setPassword(login.password());
        }
        LOG.info("Routes use the MQTT broker at {}", camel.resolvePropertyPlaceholders("{{skaben.mqtt.url}}"));
        if (!embedded) {
            return;
        }
        // asked for now, so it listens before the routes connect (and is made once: camel-main runs the
        // @BindToRegistry methods of a configuration class twice, the second binding replacing the first)
        EmbeddedBroker broker = camel.getRegistry().lookupByNameAndType("embeddedBroker", EmbeddedBroker.class);
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                // after the routes: the MQTT endpoints disconnect before the broker goes away
                try {
                    broker.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("embedded broker did not stop cleanly", e);
                }
            }
        });
    }

    /** user = password lines, user being the device's {@code <type>_<uid>}; an empty setting means none. */
    private static Map<String, String> perDeviceCredentials(String location) throws IOException {
        Map<String, String> credentials = new HashMap<>();
        if (location.isEmpty()) {
            return credentials;
        }
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(location))) {
            file.load(reader);
        }
        file.forEach((user, password) -> credentials.put(String.valueOf(user), String.valueOf(password)));
        LOG.info("{} per-device MQTT credentials read from {}", credentials.size(), location);
        return credentials;
    }
}
