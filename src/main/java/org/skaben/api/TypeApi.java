package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceType;
import org.skaben.device.Json;

/**
 * The device types as the operator API checks and shows them: a type's changes checked before TypeRoutes'
 * {@code sql:} steps, and the rows they read as the API answers them.
 */
public class TypeApi {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final List<String> SUP_KINDS = List.of("boolean", "integer", "number", "string", "object", "array");

    /** A device type: smart (a config per device) or simple (a config per alert state), and its SUP fields. */
    public record TypeView(String name, boolean smart, boolean active, Map<String, Object> config,
                           @JsonProperty("sup_fields") Map<String, String> supFields) {
    }

    /** PUT /api/types/{type}: what to change; an absent field keeps its value ("smart" is needed for a new type). */
    public record TypeChanges(Boolean smart, Boolean active, Map<String, Object> config,
                              @JsonProperty("sup_fields") Map<String, String> supFields) {
    }

    /** What POST /api/types/{type}/sync and POST /api/sync (no type) did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Synced(String type, boolean synced) {
    }

    private final DeviceRegistry registry;

    public TypeApi(DeviceRegistry registry) {
        this.registry = registry;
    }

    /** The rows of sql/device-types.sql. */
    public List<TypeView> types(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> new TypeView((String) r.get("name"), (Boolean) r.get("smart"),
                (Boolean) r.get("active"), Json.readObject((String) r.get("default_config")),
                storedSupFields(Json.readObject((String) r.get("sup_fields"))))).toList();
    }

    /** The type to create or change, checked: for sql/device-type-update.sql or -insert.sql. */
    public DeviceType checked(String name, TypeChanges changes) {
        if (name == null || !TYPE_NAME.matcher(name).matches()) {
            throw new ApiException(400, "a type name is 1-32 lower-case letters, digits, _ or -, starting with a letter");
        }
        Fields.body(changes);
        DeviceType old = registry.type(name).orElse(null);
        if (old == null && changes.smart() == null) {
            throw new ApiException(400, "a new type needs \"smart\": true or false");
        }
        boolean smart = changes.smart() != null ? changes.smart() : old.smart();
        if (!smart && changes.config() != null) {
            throw new ApiException(400, "a simple type's config depends on the alert state: "
                    + "use PUT /api/simple-configs/" + name + "/{state}");
        }
        boolean active = Fields.bool(changes.active(), "active", old == null || old.active());
        Map<String, Object> config = changes.config() != null ? changes.config()
                : old == null ? Map.of() : old.defaultConfig();
        Map<String, String> supFields = changes.supFields() != null ? supFields(changes.supFields())
                : old == null ? Map.of() : old.supFields();
        return new DeviceType(name, smart, active, config, supFields);
    }

    public String requireType(String name) {
        return registry.requireType(name).name();
    }

    private static Map<String, String> supFields(Map<String, String> fields) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!SUP_KINDS.contains(e.getValue())) {
                throw new ApiException(400, ApiJson.field("sup_fields." + e.getKey(),
                        "must be one of " + String.join(", ", SUP_KINDS)));
            }
        }
        return new LinkedHashMap<>(fields);
    }

    private static Map<String, String> storedSupFields(Map<String, Object> stored) {
        Map<String, String> fields = new LinkedHashMap<>();
        stored.forEach((field, kind) -> fields.put(field, String.valueOf(kind)));
        return fields;
    }

    /** A type saved, as the API answers it. */
    public TypeView view(DeviceType t) {
        return new TypeView(t.name(), t.smart(), t.active(), t.defaultConfig(), t.supFields());
    }
}
