package org.skaben.device;

import java.util.Map;

/**
 * A device type (an MQTT channel). Smart types keep one config per device; simple types share
 * {@code defaultConfig} as the config broadcast to {@code <type>/all/cup}. {@code supFields} names the fields
 * a device may change through SUP and their JSON kinds (boolean, integer, number, string, object, array).
 */
public record DeviceType(String name, boolean smart, boolean active, Map<String, Object> defaultConfig,
                         Map<String, String> supFields) {

    /** The default config as the device_type table keeps it (JSON text), for the type's {@code sql:} steps. */
    public String defaultConfigJson() {
        return Json.write(defaultConfig);
    }

    /** The SUP fields as the device_type table keeps them (JSON text). */
    public String supFieldsJson() {
        return Json.write(supFields);
    }
}
