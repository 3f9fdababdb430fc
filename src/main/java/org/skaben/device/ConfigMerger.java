package org.skaben.device;

import java.util.LinkedHashMap;
import java.util.Map;

/** How smart devices apply a config: top-level keys replaced (merge), or the whole config replaced (overwrite). */
public final class ConfigMerger {

    private ConfigMerger() {
    }

    public static Map<String, Object> apply(Map<String, Object> current, Map<String, Object> changes, boolean overwrite) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (!overwrite && current != null) {
            result.putAll(current);
        }
        result.putAll(changes);
        return result;
    }
}
