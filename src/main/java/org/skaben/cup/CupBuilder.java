package org.skaben.cup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.skaben.device.ConfigHasher;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceType;
import org.skaben.protocol.ServerClock;
import org.skaben.protocol.Topic;

/**
 * Builds the CUP a device or a simple type receives (protocol.md 4.4). Returns null when nothing is to be
 * sent: an automatic CUP for a device under override, or a simple type with no config for the
 * current alert state.
 */
public class CupBuilder {

    private final DeviceRegistry registry;
    private final ConfigComposer composer;
    private final ServerClock clock;

    public CupBuilder(DeviceRegistry registry, ConfigComposer composer, ServerClock clock) {
        this.registry = registry;
        this.composer = composer;
        this.clock = clock;
    }

    public OutgoingCup build(String typeName, String uid, Boolean manual, Boolean overwrite) {
        DeviceType type = registry.requireType(typeName);
        if (Topic.BROADCAST.equals(uid)) {
            return type.smart() ? null : simple(type, uid);
        }
        Device device = registry.require(uid);
        if (device.override() && !Boolean.TRUE.equals(manual)) {
            return null;
        }
        return type.smart() ? smart(device, Boolean.TRUE.equals(overwrite)) : simple(type, uid);
    }

    /** Smart devices learn hash and task_id only from inside datahold; FORCE is the deployed client's overwrite. */
    private OutgoingCup smart(Device device, boolean overwrite) {
        String taskId = newTaskId();
        Map<String, Object> datahold = composer.smart(device);
        String hash = ConfigHasher.hash(datahold);
        datahold.put("hash", hash);
        datahold.put("task_id", taskId);
        Map<String, Object> payload = header(taskId, hash);
        if (overwrite) {
            datahold.put("FORCE", true);
            payload.put("overwrite", true);
        }
        payload.put("datahold", datahold);
        return new OutgoingCup(device.type(), device.uid(), taskId, hash,
                Topic.outgoing(device.type(), device.uid(), "cup"), payload);
    }

    /** Simple devices take datahold as their whole config, so nothing is added inside it. */
    private OutgoingCup simple(DeviceType type, String uid) {
        Map<String, Object> config = composer.simple(type.name());
        if (config == null) {
            return null;
        }
        String taskId = newTaskId();
        String hash = ConfigHasher.hash(config);
        Map<String, Object> payload = header(taskId, hash);
        payload.put("datahold", config);
        return new OutgoingCup(type.name(), uid, taskId, hash, Topic.outgoing(type.name(), uid, "cup"), payload);
    }

    private Map<String, Object> header(String taskId, String hash) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("timestamp", clock.nowSeconds());
        payload.put("task_id", taskId);
        payload.put("hash", hash);
        return payload;
    }

    private static String newTaskId() {
        return "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
