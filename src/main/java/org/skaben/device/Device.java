package org.skaben.device;

import java.util.Map;

/** A registered device: the config the server holds for it, the state it reported, and the config's hash. */
public record Device(String uid, String type, Map<String, Object> config, Map<String, Object> reportedState,
                     String hash, Long lastSeen, boolean override, long registeredAt) {

    public Device withConfig(Map<String, Object> newConfig) {
        return new Device(uid, type, newConfig, reportedState, ConfigHasher.hash(newConfig), lastSeen, override,
                registeredAt);
    }

    public Device withReported(Map<String, Object> newReported, Map<String, Object> newConfig) {
        return new Device(uid, type, newConfig, newReported, ConfigHasher.hash(newConfig), lastSeen, override,
                registeredAt);
    }

    public Device withOverride(boolean value) {
        return new Device(uid, type, config, reportedState, hash, lastSeen, value, registeredAt);
    }
}
