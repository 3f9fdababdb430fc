package org.skaben.cup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.skaben.access.AccessBook;
import org.skaben.device.ConfigHasher;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.game.Alert;
import org.skaben.game.AlertState;
import org.skaben.game.GameVersion;
import org.skaben.game.SimpleConfigs;

/**
 * What a device is sent as its config, and that config's hash (game.md section 3). A smart device gets the
 * config the server holds for it, with the fields under {@code "states": {"<state name>": {...}}} for the
 * current state laid over it (a terminal's content per state), plus {@code alert} (the current state's id as
 * a string) and {@code override}; a lock also gets its {@code acl} from the permissions. A simple type gets
 * its config for the current state (none: nothing is sent); the scale gets the counter, state and borders.
 * The hash covers exactly that datahold, keys sorted, so it is stable.
 */
public class ConfigComposer {

    public static final String BY_STATE = "states";

    private final DeviceRegistry registry;
    private final Alert alert;
    private final AccessBook access;
    private final SimpleConfigs simpleConfigs;
    private final GameVersion version;
    private final String lockType;
    private final String scaleType;
    private final Map<String, Cached> hashes = new ConcurrentHashMap<>();

    public ConfigComposer(DeviceRegistry registry, Alert alert, AccessBook access, SimpleConfigs simpleConfigs,
                          GameVersion version, String lockType, String scaleType) {
        this.registry = registry;
        this.alert = alert;
        this.access = access;
        this.simpleConfigs = simpleConfigs;
        this.version = version;
        this.lockType = lockType;
        this.scaleType = scaleType;
    }

    public Map<String, Object> smart(Device device) {
        AlertState current = alert.current();
        Map<String, Object> datahold = new LinkedHashMap<>(device.config());
        if (datahold.remove(BY_STATE) instanceof Map<?, ?> byState
                && byState.get(current.name()) instanceof Map<?, ?> fields) {
            fields.forEach((k, v) -> datahold.put(String.valueOf(k), v));
        }
        datahold.put("alert", String.valueOf(current.id()));
        datahold.put("override", device.override());
        if (device.type().equals(lockType)) {
            datahold.put("acl", access.acl(device.uid()));
        }
        return datahold;
    }

    /** The config a simple type is sent now; null when it has none for the current state. */
    public Map<String, Object> simple(String type) {
        AlertState current = alert.current();
        Map<String, Object> stored = simpleConfigs.find(type, current.id()).orElse(null);
        if (!type.equals(scaleType)) {
            return stored;
        }
        Map<String, Object> scale = stored == null ? new LinkedHashMap<>() : new LinkedHashMap<>(stored);
        scale.put("level", alert.counter());
        scale.put("state", current.name());
        scale.put("borders", alert.machine().scale().borders());
        return scale;
    }

    /** The hash of what the device would be sent now (null: a simple type with nothing to send). */
    public String hash(Device device) {
        long now = version.current();
        Cached cached = hashes.get(device.uid());
        if (cached != null && cached.device == device && cached.version == now) {
            return cached.hash;
        }
        boolean smart = registry.requireType(device.type()).smart();
        Map<String, Object> config = smart ? smart(device) : simple(device.type());
        String hash = config == null ? null : ConfigHasher.hash(config);
        hashes.put(device.uid(), new Cached(device, now, hash));
        return hash;
    }

    private record Cached(Device device, long version, String hash) {
    }
}
