package org.skaben.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.skaben.journal.TaskIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader takes over the MQTT session of an instance that died. Its ingress session is persistent, so the
 * broker keeps what was in flight to it (QoS 1 packets it took but never acknowledged) and queues what it goes on
 * routing to it in the shared group; mosquitto would drop the first and hold the second for ever otherwise.
 *
 * <p>The drain connects with the dead instance's ingress client id (cleanStart=false, manual acknowledgements),
 * unsubscribes at once from the shared subscription (so the broker routes nothing new to the session), and hands
 * every packet the broker delivers to the same steps as the ingress ({@link Packets}), acknowledging each once
 * they are done with it, as the ingress does. While it runs, the task ids the dead instance claimed but did not
 * apply are taken over, not refused as duplicates. When no packet came for the quiet time, it ends the session
 * (DISCONNECT with session expiry 0) and deletes the dead instance's membership lease. If the instance comes
 * back meanwhile with the same client id, the broker hands it its session and disconnects the drain, which then
 * just stops: the session and the lease are the instance's again.
 */
public class SessionDrain {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDrain.class);

    /** The ingress steps: true when the packet is done with (applied or refused) and may be acknowledged. */
    @FunctionalInterface
    public interface Packets {
        boolean handle(String topic, byte[] payload, int qos);
    }

    /** Where the broker is and how this server logs in (empty user: anonymous). */
    public record Broker(String url, String user, String password) {
    }

    /** What a drain did. */
    public record Drained(String instance, boolean sessionPresent, int packets, long millis, boolean takenBack) {
    }

    private final Broker broker;
    private final String clientIdPrefix;
    private final String sharedFilter;
    private final long sessionExpirySeconds;
    private final Duration quiet;
    private final Packets packets;
    private final TaskIdRepository claims;
    private final LeaseRepository leases;

    public SessionDrain(Broker broker, String clientIdPrefix, String sharedFilter, long sessionExpirySeconds,
                        Duration quiet, Packets packets, TaskIdRepository claims, LeaseRepository leases) {
        this.broker = broker;
        this.clientIdPrefix = clientIdPrefix;
        this.sharedFilter = sharedFilter;
        this.sessionExpirySeconds = sessionExpirySeconds;
        this.quiet = quiet;
        this.packets = packets;
        this.claims = claims;
        this.leases = leases;
    }

    /** The ingress client id of an instance (as its own ingress route names itself). */
    public String ingressClientId(String instance) {
        return InstanceMqtt.clientIdPrefix(clientIdPrefix, new InstanceId(instance)) + "-ingress";
    }

    /** Drains the dead instance's session, ends it and deletes its membership lease (see above). */
    public Drained drain(String instance) throws MqttException, InterruptedException {
        String clientId = ingressClientId(instance);
        LOG.info("Instance {} is gone (its membership lease expired): draining its MQTT session {}", instance,
                clientId);
        long started = System.nanoTime();
        AtomicInteger handled = new AtomicInteger();
        AtomicInteger handling = new AtomicInteger();
        AtomicLong lastHeard = new AtomicLong(System.nanoTime());
        CountDownLatch lost = new CountDownLatch(1);
        MqttAsyncClient client = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new MessagesCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                handling.incrementAndGet();
                lastHeard.set(System.nanoTime());
                try {
                    if (packets.handle(topic, message.getPayload(), message.getQos())) {
                        handled.incrementAndGet();
                        client.messageArrivedComplete(message.getId(), message.getQos());
                    }
                } catch (MqttException | RuntimeException e) {
                    // not acknowledged: it stays in the session (for whoever takes it next)
                    LOG.warn("A packet of {}'s session on {} was not acknowledged: {}", instance, topic, e.toString());
                } finally {
                    lastHeard.set(System.nanoTime());
                    handling.decrementAndGet();
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                lost.countDown();
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                LOG.debug("MQTT error while draining {}: {}", instance, exception.toString());
            }
        });
        claims.takeOverFrom(instance);
        boolean sessionPresent = false;
        boolean takenBack = false;
        try {
            IMqttToken connected = client.connect(options());
            connected.waitForCompletion(10_000);
            sessionPresent = connected.getSessionPresent();
            // nothing new for the dead instance from now on: what the broker holds for it still comes
            client.unsubscribe(sharedFilter).waitForCompletion(10_000);
            long quietNanos = quiet.toNanos();
            while (true) {
                if (lost.await(100, TimeUnit.MILLISECONDS)) {
                    takenBack = true;
                    break;
                }
                if (handling.get() == 0 && System.nanoTime() - lastHeard.get() >= quietNanos) {
                    break;
                }
            }
            if (!takenBack) {
                // the session ends with this connection: the broker routes nothing to it any more
                MqttProperties end = new MqttProperties();
                end.setSessionExpiryInterval(0L);
                client.disconnect(5_000, null, null, 0, end).waitForCompletion(10_000);
            }
        } finally {
            claims.stopTakingOverFrom(instance);
            close(client);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Drained drained = new Drained(instance, sessionPresent, handled.get(), millis, takenBack);
        if (takenBack) {
            // the session (and the membership) stay: the instance's own again, or drained at the next check
            LOG.info("The drain of instance {}'s MQTT session stopped after {} packets in {} ms: the broker "
                    + "disconnected it (the instance took its session back, or the broker went away)", instance,
                    drained.packets(), millis);
        } else {
            boolean removed = leases.releaseExpired(MemberLease.namespace(instance));
            LOG.info("Drained the MQTT session of instance {}: {} packets in {} ms (session present: {}), session "
                    + "ended{}; {} claims of dead instances taken over so far", instance, drained.packets(), millis,
                    sessionPresent, removed ? ", membership removed" : "", claims.takenOver());
        }
        return drained;
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(sessionExpirySeconds);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        if (broker.user() != null && !broker.user().isBlank()) {
            options.setUserName(broker.user());
            options.setPassword(broker.password() == null ? new byte[0]
                    : broker.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return options;
    }

    private static void close(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the drain's client: {}", e.toString());
        }
    }
}
