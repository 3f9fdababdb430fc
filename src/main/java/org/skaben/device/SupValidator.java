package org.skaben.device;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.skaben.protocol.PacketRefused;

/**
 * Checks a SUP datahold against the device type's schema (protocol.md 4.5): an object of fields, those the
 * type allows each of the right kind. Numeric strings are accepted where a number is expected and converted.
 * Fields the type does not allow are left out, not a reason to refuse the rest: the deployed terminal adds its
 * local {@code assets} to every SUP, and refusing it would undo the player's hack. A SUP is refused only when
 * an allowed field has a wrong value or nothing the type allows is in it.
 */
public final class SupValidator {

    /** How many left-out field names a journal entry lists before it only counts the rest. */
    static final int NAMES_LISTED = 10;

    /** The outcome of a SUP that is not refused: the fields to apply, and the names of those left out. */
    public record Checked(String type, Map<String, Object> accepted, List<String> ignored) {

        /** The journal entry's detail: the applied fields as JSON, then the left-out ones by name, if any. */
        public String journalDetail() {
            String applied = Json.write(accepted);
            return ignored.isEmpty() ? applied : applied + " (left out, a " + type + " may not change: "
                    + names(ignored) + ")";
        }
    }

    private SupValidator() {
    }

    @SuppressWarnings("unchecked")
    public static Checked validate(DeviceType type, Object datahold) {
        if (!(datahold instanceof Map<?, ?> fields)) {
            throw new PacketRefused("SUP datahold must be a JSON object of changed fields");
        }
        if (fields.isEmpty()) {
            throw new PacketRefused("SUP datahold is empty");
        }
        Map<String, Object> accepted = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, Object> field : ((Map<String, Object>) fields).entrySet()) {
            String kind = type.supFields().get(field.getKey());
            if (kind == null) {
                ignored.add(field.getKey());
            } else {
                accepted.put(field.getKey(), coerce(field.getKey(), kind, field.getValue()));
            }
        }
        if (accepted.isEmpty()) {
            throw new PacketRefused("SUP datahold has no field a " + type.name() + " device may change: "
                    + names(ignored) + " (allowed: " + String.join(", ", new TreeSet<>(type.supFields().keySet())) + ")");
        }
        return new Checked(type.name(), accepted, List.copyOf(ignored));
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

    /** Field names as a journal can show them: printable, cut, at most {@link #NAMES_LISTED} then a count. */
    static String names(List<String> fields) {
        List<String> shown = new ArrayList<>();
        for (String name : fields.subList(0, Math.min(fields.size(), NAMES_LISTED))) {
            shown.add(printable(name));
        }
        String listed = String.join(", ", shown);
        return fields.size() > NAMES_LISTED ? listed + " and " + (fields.size() - NAMES_LISTED) + " more" : listed;
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\p{Print}]", "?");
    }
}
