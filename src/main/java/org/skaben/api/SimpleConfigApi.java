package org.skaben.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceType;
import org.skaben.device.Json;
import org.skaben.game.Alert;
import org.skaben.game.AlertState;
import org.skaben.game.Broadcaster;
import org.skaben.game.SimpleConfigs;
import org.skaben.journal.JournalRepository;

/**
 * The configs of simple device types, one per alert state, as the operator API shows and changes them
 * (SimpleConfigRoutes). A change for the current state is sent to the type's devices at once.
 */
public record SimpleConfigApi(SimpleConfigs configs, Alert alert, DeviceRegistry registry, JournalRepository journal,
                              Broadcaster broadcaster) {


    /** What a simple type's devices are told in one alert state. */
    public record SimpleConfigView(String type, String state, Map<String, Object> config) {
    }

    public record SimpleConfigDeleted(String deleted) {
    }


    public List<SimpleConfigView> simpleConfigs() {
        List<SimpleConfigView> all = new ArrayList<>();
        for (DeviceType t : registry.types()) {
            if (t.smart()) {
                continue;
            }
            for (AlertState s : alert.machine().states()) {
                configs.find(t.name(), s.id()).ifPresent(c -> all.add(new SimpleConfigView(t.name(), s.name(), c)));
            }
        }
        return all;
    }

    public SimpleConfigView simpleConfig(String type, String state) {
        AlertState s = alert.machine().require(state);
        return new SimpleConfigView(simpleType(type), s.name(), configs.find(type, s.id())
                .orElseThrow(() -> new ApiException(404, "no config for " + type + " in " + state)));
    }

    /** The body is the config itself; a change for the current state is sent to the type at once. */
    public SimpleConfigView saveSimpleConfig(String type, String state, Map<String, Object> config, String source) {
        String t = simpleType(type);
        AlertState s = alert.machine().require(state);
        Fields.body(config);
        configs.save(t, s.id(), config);
        journal.note("simple-config", source, t, null, "config for " + s.name() + ": " + Json.write(config));
        if (s.id() == alert.current().id()) {
            broadcaster.pushType(t, "config for " + s.name() + " saved by operator", source);
        }
        return new SimpleConfigView(t, s.name(), config);
    }

    public SimpleConfigDeleted deleteSimpleConfig(String type, String state, String source) {
        String t = simpleType(type);
        AlertState s = alert.machine().require(state);
        if (!configs.delete(t, s.id())) {
            throw new ApiException(404, "no config for " + t + " in " + s.name());
        }
        journal.note("simple-config", source, t, null, "config for " + s.name() + " deleted");
        return new SimpleConfigDeleted(t + "/" + s.name());
    }

    private String simpleType(String type) {
        DeviceType t = registry.requireType(type);
        if (t.smart()) {
            throw new ApiException(400, type + " is a smart type: its devices' configs are set one by one");
        }
        return t.name();
    }
}
