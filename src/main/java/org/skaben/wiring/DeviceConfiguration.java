package org.skaben.wiring;

import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import org.skaben.cluster.ChangeNotices;
import org.skaben.cup.BuildCup;
import org.skaben.cup.ConfigComposer;
import org.skaben.cup.CupBuilder;
import org.skaben.cup.PingBuilder;
import org.skaben.device.AdmitDevice;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceRepository;
import org.skaben.device.DeviceType;
import org.skaben.device.DeviceTypeRepository;
import org.skaben.device.KeepalivePolicy;
import org.skaben.device.LastSeenTracker;
import org.skaben.device.RetiredDeviceRepository;
import org.skaben.device.Liveness;
import org.skaben.game.Alert;
import org.skaben.handler.InfoReader;
import org.skaben.handler.KeepaliveCheck;
import org.skaben.handler.SupHandler;
import org.skaben.metrics.PacketCounts;
import org.skaben.protocol.IngressLanes;
import org.skaben.protocol.PacketReader;
import org.skaben.protocol.ReadPacket;
import org.skaben.protocol.ServerClock;

/**
 * Devices and the protocol: the device registry (the in-memory view every packet reads) and the beans the
 * device routes call on each packet (read, admit, PONG, SUP, INFO) or send (PING, CUP).
 */
public class DeviceConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public DeviceRegistry deviceRegistry(@BeanInject("dataSource") DataSource dataSource,
                @BeanInject("alert") Alert alert, @PropertyInject("skaben.devices.auto-register") boolean autoRegister,
                @PropertyInject("skaben.game.lock-type") String lockType,
                @PropertyInject("skaben.game.registration-state") String registrationState,
                @PropertyInject("skaben.cluster.enabled") boolean cluster,
                @BeanInject("changeNotices") ChangeNotices notices) {
        String lock = lockType.trim();
        String state = registrationState.trim();
        // game.md 4: only locks (and cards, see GameActions.accessAttempt) wait for the registration state
        return new DeviceRegistry(new DeviceRepository(dataSource), new DeviceTypeRepository(dataSource),
                new RetiredDeviceRepository(dataSource), autoRegister,
                type -> !type.equals(lock) || state.isEmpty() || alert.current().name().equals(state) ? null
                        : "locks register only while the alert state is " + state, cluster, notices);
    }

    @BindToRegistry(lazy = true)
    public LastSeenTracker lastSeen(@BeanInject("deviceRegistry") DeviceRegistry registry) {
        return registry.lastSeen();
    }

    /**
     * Online and offline for the journal (routes/liveness.camel.yaml), on the wall clock of the last-seen times.
     * Only devices of active types: a type switched off gets no PINGs, so its silence means nothing.
     */
    @BindToRegistry(lazy = true)
    public Liveness liveness(@BeanInject("deviceRegistry") DeviceRegistry registry,
                @PropertyInject("skaben.keepalive.timeout-seconds") long timeoutSeconds) {
        return new Liveness(timeoutSeconds * 1000, System::currentTimeMillis,
                () -> registry.devices().stream()
                        .filter(d -> registry.type(d.type()).map(DeviceType::active).orElse(false)).toList(),
                registry.lastSeen()::lastSeen);
    }

    @BindToRegistry(lazy = true)
    public ReadPacket readPacket(@PropertyInject("skaben.mqtt.max-payload-bytes") int maxPayloadBytes,
                @PropertyInject("skaben.mqtt.max-json-depth") int maxJsonDepth,
                @BeanInject("packetCounts") PacketCounts counts) {
        return new ReadPacket(new PacketReader(maxPayloadBytes, maxJsonDepth), counts::unreadable);
    }

    /** The MQTT consumer hands each packet to its device's lane (IngressLanes): devices side by side, each in order. */
    @BindToRegistry(lazy = true)
    public IngressLanes ingressLanes(@PropertyInject("skaben.ingress.lanes") int lanes,
                @PropertyInject("skaben.ingress.lane-queue") int queue) {
        return new IngressLanes(lanes, queue);
    }

    /** The ingress's first step: the topic split (ReadPacket.topic). */
    @BindToRegistry(lazy = true)
    public Processor readTopic(@BeanInject("readPacket") ReadPacket read) {
        return read::topic;
    }

    /** Once a route takes the packet's command: its body read (ReadPacket.body). */
    @BindToRegistry(lazy = true)
    public Processor readBody(@BeanInject("readPacket") ReadPacket read) {
        return read::body;
    }

    @BindToRegistry(lazy = true)
    public AdmitDevice admitDevice(@BeanInject("deviceRegistry") DeviceRegistry registry) {
        return new AdmitDevice(registry);
    }

    /** A PONG lagging more than the timeout gets a CUP; the timeout must exceed the PING interval. */
    @BindToRegistry(lazy = true)
    public KeepalivePolicy keepalivePolicy(@PropertyInject("skaben.keepalive.timeout-seconds") long timeoutSeconds,
                @PropertyInject("skaben.ping.interval-seconds") long pingSeconds) {
        if (timeoutSeconds <= pingSeconds) {
            throw new IllegalArgumentException("skaben.keepalive.timeout-seconds must be larger than "
                    + "skaben.ping.interval-seconds");
        }
        return new KeepalivePolicy(timeoutSeconds);
    }

    @BindToRegistry(lazy = true)
    public KeepaliveCheck keepaliveCheck(@BeanInject("deviceRegistry") DeviceRegistry registry,
                @BeanInject("configComposer") ConfigComposer composer,
                @BeanInject("keepalivePolicy") KeepalivePolicy policy,
                @BeanInject("serverClock") ServerClock clock) {
        return new KeepaliveCheck(registry, composer, policy, clock);
    }

    @BindToRegistry(lazy = true)
    public SupHandler supHandler(@BeanInject("deviceRegistry") DeviceRegistry registry) {
        return new SupHandler(registry);
    }

    @BindToRegistry(lazy = true)
    public InfoReader infoReader(@BeanInject("deviceRegistry") DeviceRegistry registry) {
        return new InfoReader(registry);
    }

    @BindToRegistry(lazy = true)
    public PingBuilder pingBuilder(@BeanInject("deviceRegistry") DeviceRegistry registry,
                @BeanInject("serverClock") ServerClock clock) {
        return new PingBuilder(registry, clock);
    }

    @BindToRegistry(lazy = true)
    public BuildCup buildCup(@BeanInject("deviceRegistry") DeviceRegistry registry,
                @BeanInject("configComposer") ConfigComposer composer, @BeanInject("serverClock") ServerClock clock) {
        return new BuildCup(new CupBuilder(registry, composer, clock));
    }
}
