package org.skaben.cup;

import java.util.List;
import java.util.Map;
import org.skaben.device.DeviceRegistry;
import org.skaben.protocol.ServerClock;
import org.skaben.protocol.Topic;

/** One PING per active device type, carrying the server time (protocol.md 4.1). */
public class PingBuilder {

    private final DeviceRegistry registry;
    private final ServerClock clock;

    public PingBuilder(DeviceRegistry registry, ServerClock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public List<OutgoingMessage> forActiveTypes() {
        long now = clock.nowSeconds();
        return registry.activeTypeNames().stream()
                .map(type -> new OutgoingMessage(Topic.outgoing(type, Topic.BROADCAST, "ping"),
                        Map.<String, Object>of("timestamp", now)))
                .toList();
    }
}
