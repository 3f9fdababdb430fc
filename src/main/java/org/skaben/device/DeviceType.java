package org.skaben.device;

import java.util.Map;

/**
 * A device type (an MQTT channel). Smart types keep one config per device; simple types share
 * {@code defaultConfig} as the config broadcast to {@code <type>/all/cup}. {@code supFields} names the fields
 * a device may change through SUP and their JSON kinds (boolean, integer, number, string, object, array).
 */
public record DeviceType(String name, boolean smart, boolean active, Map<String, Object> defaultConfig,
                         Map<String, String> supFields) {
}
