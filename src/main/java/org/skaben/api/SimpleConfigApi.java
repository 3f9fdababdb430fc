package org.skaben.api;

import java.util.List;
import java.util.Map;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceType;
import org.skaben.device.Json;
import org.skaben.game.Alert;
import org.skaben.game.AlertState;

/**
 * The configs of simple device types, one per alert state, as the operator API checks and shows them: the
 * requests' checks before SimpleConfigRoutes' {@code sql:} steps, and their rows as the API answers them.
 */
public record SimpleConfigApi(Alert alert, DeviceRegistry registry) {


    /** What a simple type's devices are told in one alert state. */
    public record SimpleConfigView(String type, String state, Map<String, Object> config) {
    }

    public record SimpleConfigDeleted(String deleted) {
    }

    /** One simple type's config in one alert state (the config only when one is saved), checked. */
    public record Slot(String type, int stateId, String state, Map<String, Object> config) {

        /** The config as the simple_config table keeps it (JSON text). */
        public String configJson() {
            return Json.write(config);
        }

        public SimpleConfigView view() {
            return new SimpleConfigView(type, state, config);
        }
    }


    /** The rows of sql/simple-configs.sql. */
    public List<SimpleConfigView> views(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> new SimpleConfigView((String) r.get("device_type"), (String) r.get("state_name"),
                Json.readObject((String) r.get("config")))).toList();
    }

    /** A simple type and an alert state that exist, by their names. */
    public Slot slot(String type, String state) {
        String t = simpleType(type);
        AlertState s = alert.machine().require(state);
        return new Slot(t, s.id(), s.name(), null);
    }

    /** The same with the config to save: the request's body. */
    public Slot slot(String type, String state, Map<String, Object> config) {
        Slot slot = slot(type, state);
        return new Slot(slot.type(), slot.stateId(), slot.state(), Fields.body(config));
    }

    /** The slot's config as sql/simple-config.sql read it (a list of no or one row). */
    public SimpleConfigView found(Slot slot, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            throw new ApiException(404, "no config for " + slot.type() + " in " + slot.state());
        }
        return new SimpleConfigView(slot.type(), slot.state(), Json.readObject((String) rows.get(0).get("config")));
    }

    /** A delete that found no row. */
    public void requireDeleted(Slot slot, int rows) {
        if (rows == 0) {
            throw new ApiException(404, "no config for " + slot.type() + " in " + slot.state());
        }
    }

    /** Whether a change to the slot is to be sent to the type at once: its state is the current one. */
    public boolean current(Slot slot) {
        return slot.stateId() == alert.current().id();
    }

    private String simpleType(String type) {
        DeviceType t = registry.requireType(type);
        if (t.smart()) {
            throw new ApiException(400, type + " is a smart type: its devices' configs are set one by one");
        }
        return t.name();
    }
}
