package org.skaben.device;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skaben.protocol.PacketRefused;

/**
 * Checks a SUP datahold against the device type's schema (protocol.md 4.5): an object of known fields, each
 * of the right kind, none that the device may not change. Numeric strings are accepted where a number is
 * expected and converted.
 */
public final class SupValidator {

    private SupValidator() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> validate(DeviceType type, Object datahold) {
        if (!(datahold instanceof Map<?, ?> fields)) {
            throw new PacketRefused("SUP datahold must be a JSON object of changed fields");
        }
        if (fields.isEmpty()) {
            throw new PacketRefused("SUP datahold is empty");
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : ((Map<String, Object>) fields).entrySet()) {
            String kind = type.supFields().get(field.getKey());
            if (kind == null) {
                throw new PacketRefused("field '" + printable(field.getKey()) + "' may not be changed by a "
                        + type.name() + " device (allowed: " + String.join(", ", new java.util.TreeSet<>(type.supFields().keySet())) + ")");
            }
            accepted.put(field.getKey(), coerce(field.getKey(), kind, field.getValue()));
        }
        return accepted;
    }

    static Object coerce(String name, String kind, Object value) {
        Object result = switch (kind) {
            case "boolean" -> value instanceof Boolean ? value : null;
            case "string" -> value instanceof String ? value : null;
            case "object" -> value instanceof Map ? value : null;
            case "array" -> value instanceof List ? value : null;
            case "integer" -> integer(value);
            case "number" -> number(value);
            default -> throw new IllegalStateException("unknown field kind '" + kind + "' in the type schema");
        };
        if (result == null) {
            throw new PacketRefused("field '" + name + "' must be " + article(kind) + " " + kind);
        }
        return result;
    }

    private static Object integer(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof String s && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        return null;
    }

    private static Object number(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof String s && s.matches("-?\\d{1,18}(\\.\\d{1,18})?")) {
            return new BigDecimal(s).doubleValue();
        }
        return null;
    }

    private static String article(String kind) {
        return kind.startsWith("a") || kind.startsWith("i") || kind.startsWith("o") ? "an" : "a";
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\p{Print}]", "?");
    }
}
