package org.skaben.demo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.skaben.device.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual device's MQTT connection, made as a deployed device makes it: MQTT 3.1.1, clean session, client id
 * {@code <type>_<uid>}, keepalive 60 s, the device login, QoS 0 both ways, subscribed (again after every
 * reconnection) to its type's and its own topics. Everything it receives, and every timer, runs on the
 * rehearsal's one thread.
 */
final class MqttDeviceLink implements DeviceLink, MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(MqttDeviceLink.class);
    private static final long RETRY_MILLIS = 2000;

    private final VirtualDevice device;
    private final VirtualDevices.Login login;
    private final ScheduledExecutorService thread;
    private final MqttClient client;
    private volatile boolean closed;
    private boolean booted;
    private boolean warned;

    MqttDeviceLink(VirtualDevice device, VirtualDevices.Login login, ScheduledExecutorService thread)
            throws MqttException {
        this.device = device;
        this.login = login;
        this.thread = thread;
        this.client = new MqttClient(login.brokerUrl(), device.clientId(), new MemoryPersistence());
        client.setCallback(this);
    }

    /** Connects on the rehearsal's thread, and keeps trying while the broker is not there. */
    void connect() {
        run(this::tryConnect);
    }

    private void tryConnect() {
        if (closed) {
            return;
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(5);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(2000);
        if (login.user() != null) {
            options.setUserName(login.user());
            options.setPassword(login.password().toCharArray());
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            if (!warned) {
                LOG.warn("virtual {} cannot connect to {} ({}); trying again every {} s", device.clientId(),
                        login.brokerUrl(), e.getMessage(), RETRY_MILLIS / 1000);
                warned = true;
            }
            schedule(RETRY_MILLIS, this::tryConnect);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        run(() -> {
            try {
                client.subscribe(device.subscriptions(), new int[] {0, 0});
            } catch (MqttException e) {
                LOG.warn("virtual {} could not subscribe: {}", device.clientId(), e.getMessage());
                return;
            }
            if (!booted) {
                booted = true;
                device.boot();
            }
        });
    }

    @Override
    public void connectionLost(Throwable cause) {
        if (!closed) {
            LOG.info("virtual {} lost its connection ({}); reconnecting", device.clientId(), cause.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        run(() -> device.receive(topic, payload));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // QoS 0: nothing to wait for
    }

    @Override
    public void publish(String topic, Map<String, Object> payload) {
        if (!client.isConnected()) {
            LOG.debug("virtual {} is not connected: {} not sent", device.clientId(), topic);
            return;
        }
        try {
            client.publish(topic, Json.write(payload).getBytes(StandardCharsets.UTF_8), 0, false);
        } catch (MqttException e) {
            LOG.warn("virtual {} could not publish on {}: {}", device.clientId(), topic, e.getMessage());
        }
    }

    @Override
    public Runnable schedule(long delayMillis, Runnable task) {
        try {
            ScheduledFuture<?> future = thread.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException stopped) {
            return () -> { };
        }
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    /** Leaves the broker (the server sees the device fall silent) and stops reconnecting. */
    void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            LOG.debug("virtual {} did not disconnect cleanly: {}", device.clientId(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("virtual {} did not close cleanly: {}", device.clientId(), e.getMessage());
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(guarded(task));
        } catch (RejectedExecutionException stopped) {
            // the rehearsal is stopping
        }
    }

    /** A failure in one device's logic is logged and does not stop the others. */
    private Runnable guarded(Runnable task) {
        return () -> {
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("virtual {} failed: {}", device.clientId(), e.toString());
            }
        };
    }
}
