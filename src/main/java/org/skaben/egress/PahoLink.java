package org.skaben.egress;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The egress's one MQTT connection (Paho's asynchronous client): publishes without waiting for the PUBACK.
 * It connects with a clean start and reconnects only when {@link PublishWindow} asks, so that what failed with
 * the connection is sent again by the window, in order, and never also by Paho from its own store.
 */
public final class PahoLink implements PublishWindow.Link<PahoLink.Outgoing> {

    /** Paho's codes for a broker away for a moment (not connected, connection lost, timed out, connecting) and
     *  for its receive maximum reached (32202): the publish is sent again once the broker takes it. */
    private static final Set<Integer> AWAY = Set.of(32000, 32103, 32104, 32109, 32110, 32202);

    /** One packet: its topic, its body, its QoS. */
    public record Outgoing(String topic, byte[] payload, int qos) {
    }

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final long connectMillis;
    private volatile int receiveMaximum = 65_535;

    /** {@code user}: empty for none. */
    public PahoLink(String brokerUrl, String clientId, String user, String password, long connectMillis)
                throws MqttException {
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, connectMillis / 1000));
        if (!user.isBlank()) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        this.connectMillis = connectMillis;
    }

    /** Whether {@code e} means the broker is away for a moment (or busy): worth publishing again. */
    public static boolean away(Exception e) {
        return e instanceof MqttException m && AWAY.contains(m.getReasonCode());
    }

    @Override
    public synchronized int connect() throws MqttException {
        if (!client.isConnected()) {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(connectMillis);
            Integer granted = token.getResponseProperties() == null ? null
                    : token.getResponseProperties().getReceiveMaximum();
            // no receive maximum in the CONNACK: MQTT 5's default, 65,535
            receiveMaximum = granted == null ? 65_535 : granted;
        }
        return receiveMaximum;
    }

    @Override
    public void send(Outgoing message, PublishWindow.Result result) throws MqttException {
        MqttMessage mqtt = new MqttMessage(message.payload());
        mqtt.setQos(message.qos());
        client.publish(message.topic(), mqtt, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                result.acknowledged();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                result.failed(e instanceof Exception x ? x : new MqttException(e));
            }
        });
    }

    /** Disconnects (waiting up to {@code millis}) and frees the client. */
    public void close(long millis) throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(millis).waitForCompletion(millis);
            }
        } finally {
            client.close(true);
        }
    }
}
