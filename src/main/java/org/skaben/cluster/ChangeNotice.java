package org.skaben.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.skaben.device.Json;

/**
 * One notice on the channel: which instance sent it, the view that changed, and the entry of that view (a
 * device's uid), or null for the whole view. Sent as a small JSON object, so that no instance name or key can
 * break the format.
 */
public record ChangeNotice(String origin, String view, String key) {

    public ChangeNotice {
        if (origin == null || origin.isEmpty() || view == null || view.isEmpty()) {
            throw new IllegalArgumentException("a change notice needs its origin and its view");
        }
    }

    public String payload() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("from", origin);
        fields.put("view", view);
        if (key != null) {
            fields.put("key", key);
        }
        return Json.write(fields);
    }

    /** The notice a payload carries; IllegalArgumentException for one that is not a notice. */
    public static ChangeNotice parse(String payload) {
        Map<String, Object> fields;
        try {
            fields = Json.readObject(payload);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a change notice: " + payload, e);
        }
        Object key = fields.get("key");
        return new ChangeNotice(text(fields.get("from"), payload), text(fields.get("view"), payload),
                key == null ? null : text(key, payload));
    }

    private static String text(Object value, String payload) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("not a change notice: " + payload);
        }
        return s;
    }
}
