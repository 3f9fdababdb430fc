package org.skaben.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.skaben.cup.ConfigComposer;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceType;
import org.skaben.device.LastSeenTracker;
import org.skaben.journal.JournalRepository;
import org.skaben.protocol.PacketRefused;
import org.skaben.protocol.TopicParser;

/** What the operator API reads and changes: devices, types and the journal, as JSON-ready maps. */
public class DeviceApi {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern KIND = Pattern.compile("[a-z-]{1,32}");
    private static final int MAX_EVENTS = 1000;

    private final DeviceRegistry registry;
    private final ConfigComposer composer;
    private final LastSeenTracker lastSeen;
    private final JournalRepository journal;
    private final long onlineWindowMillis;

    public DeviceApi(DeviceRegistry registry, ConfigComposer composer, LastSeenTracker lastSeen,
                     JournalRepository journal, long onlineWindowMillis) {
        this.registry = registry;
        this.composer = composer;
        this.lastSeen = lastSeen;
        this.journal = journal;
        this.onlineWindowMillis = onlineWindowMillis;
    }

    public List<Map<String, Object>> devices() {
        return registry.devices().stream().map(this::view).toList();
    }

    public Map<String, Object> device(String uid) {
        return view(registry.require(uid(uid)));
    }

    /**
     * Devices refused because they may not register now (a lock heard outside white): first and last time
     * heard, how many packets, why; the game master registers one with {@link #register}.
     */
    public List<Map<String, Object>> unregisteredDevices() {
        return registry.unregistered().list().stream().map(h -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("uid", h.uid());
            view.put("type", h.type());
            view.put("first_heard", Instant.ofEpochMilli(h.firstMillis()).toString());
            view.put("last_heard", Instant.ofEpochMilli(h.lastMillis()).toString());
            view.put("packets", h.packets());
            view.put("reason", h.reason());
            return view;
        }).toList();
    }

    /** Registers a device by hand ({"uid", "type"}), as needed when auto-registration is off. Returns its uid. */
    public String register(String body) {
        Map<String, Object> request = object(body);
        if (!(request.get("uid") instanceof String raw) || !(request.get("type") instanceof String typeName)) {
            throw new ApiException(400, "expected {\"uid\": \"<mac>\", \"type\": \"<device type>\"}");
        }
        String id = uid(raw);
        if (registry.find(id).isPresent()) {
            throw new ApiException(409, "device " + id + " is already registered");
        }
        registry.register(registry.requireType(typeName), id);
        return id;
    }

    /** A registered device's normalised uid; 404 when there is none. */
    public String requireDevice(String uid) {
        return registry.require(uid(uid)).uid();
    }

    public String typeOf(String uid) {
        return registry.require(uid(uid)).type();
    }

    /** Merges (or with overwrite replaces) the device's config; returns the normalised uid. */
    public String updateConfig(String uid, String body, String overwrite) {
        String id = requireDevice(uid);
        if (!registry.requireType(typeOf(id)).smart()) {
            throw new ApiException(409, "device " + id + " is of a simple type: change its type's config instead");
        }
        registry.updateConfig(id, object(body), flag("overwrite", overwrite));
        return id;
    }

    /** Takes a device under manual control ({"override": true}: no automatic CUPs) or gives it back. */
    public String setOverride(String uid, String body) {
        String id = requireDevice(uid);
        if (!(object(body).get("override") instanceof Boolean override)) {
            throw new ApiException(400, "expected {\"override\": true|false}");
        }
        registry.setOverride(id, override);
        return id;
    }

    public List<Map<String, Object>> types() {
        return registry.types().stream().map(DeviceApi::view).toList();
    }

    /** Creates or changes a type: {"smart", "active", "config", "sup_fields"}; absent keys keep their value. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> saveType(String name, String body) {
        if (name == null || !TYPE_NAME.matcher(name).matches()) {
            throw new ApiException(400, "a type name is 1-32 lower-case letters, digits, _ or -, starting with a letter");
        }
        Map<String, Object> changes = object(body);
        for (String key : changes.keySet()) {
            if (!List.of("smart", "active", "config", "sup_fields").contains(key)) {
                throw new ApiException(400, "unknown field '" + key + "': expected smart, active, config, sup_fields");
            }
        }
        DeviceType old = registry.type(name).orElse(null);
        if (old == null && !(changes.get("smart") instanceof Boolean)) {
            throw new ApiException(400, "a new type needs \"smart\": true or false");
        }
        boolean smart = (Boolean) field(changes, "smart", Boolean.class, old == null ? null : old.smart());
        if (!smart && changes.containsKey("config")) {
            throw new ApiException(400, "a simple type's config depends on the alert state: "
                    + "use PUT /api/simple-configs/" + name + "/{state}");
        }
        boolean active = (Boolean) field(changes, "active", Boolean.class, old == null ? Boolean.TRUE : old.active());
        Map<String, Object> config = (Map<String, Object>) field(changes, "config", Map.class,
                old == null ? Map.of() : old.defaultConfig());
        Map<String, String> supFields = supFields(field(changes, "sup_fields", Map.class,
                old == null ? Map.of() : old.supFields()));
        return view(registry.saveType(new DeviceType(name, smart, active, config, supFields)));
    }

    public String requireType(String name) {
        return registry.requireType(name).name();
    }

    public List<Map<String, Object>> events(String device, String kind, String since, String limit) {
        String uid = device == null || device.isBlank() ? null : uid(device);
        if (kind != null && !kind.isBlank() && !KIND.matcher(kind).matches()) {
            throw new ApiException(400, "kind is a word such as sup, info, cup, refused");
        }
        return journal.find(uid, kind == null || kind.isBlank() ? null : kind, sinceMillis(since),
                limit(limit));
    }

    public Map<String, Object> countEvents(String device, String kind, String since) {
        String uid = device == null || device.isBlank() ? null : uid(device);
        if (kind != null && !kind.isBlank() && !KIND.matcher(kind).matches()) {
            throw new ApiException(400, "kind is a word such as sup, info, cup, refused");
        }
        return Map.of("count", journal.count(uid, kind == null || kind.isBlank() ? null : kind, sinceMillis(since)));
    }

    private Map<String, Object> view(Device d) {
        Long seen = lastSeen.lastSeen(d.uid());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("uid", d.uid());
        view.put("type", d.type());
        view.put("config", d.config());
        view.put("reported_state", d.reportedState());
        // what the device is sent (its config as the game makes it now) and that config's hash
        boolean smart = registry.requireType(d.type()).smart();
        view.put("sent_config", smart ? composer.smart(d) : composer.simple(d.type()));
        view.put("hash", composer.hash(d));
        view.put("online", seen != null && System.currentTimeMillis() - seen <= onlineWindowMillis);
        view.put("last_seen", seen == null ? null : Instant.ofEpochMilli(seen).toString());
        view.put("override", d.override());
        view.put("registered_at", Instant.ofEpochMilli(d.registeredAt()).toString());
        return view;
    }

    private static Map<String, Object> view(DeviceType t) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", t.name());
        view.put("smart", t.smart());
        view.put("active", t.active());
        view.put("config", t.defaultConfig());
        view.put("sup_fields", t.supFields());
        return view;
    }

    private static String uid(String raw) {
        try {
            String uid = TopicParser.normaliseUid(raw);
            if ("all".equals(uid)) {
                throw new ApiException(400, "'all' is not a device");
            }
            return uid;
        } catch (PacketRefused e) {
            throw new ApiException(400, e.reason());
        }
    }

    private static Map<String, Object> object(String body) {
        return JsonBody.of(body).fields();
    }

    private static Object field(Map<String, Object> changes, String key, Class<?> kind, Object fallback) {
        Object value = changes.getOrDefault(key, fallback);
        if (!kind.isInstance(value)) {
            throw new ApiException(400, "\"" + key + "\" must be " + (kind == Map.class ? "an object" : "a boolean"));
        }
        return value;
    }

    private static Map<String, String> supFields(Object raw) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
            String kind = String.valueOf(e.getValue());
            if (!List.of("boolean", "integer", "number", "string", "object", "array").contains(kind)) {
                throw new ApiException(400, "sup_fields." + e.getKey()
                        + " must be one of boolean, integer, number, string, object, array");
            }
            fields.put(String.valueOf(e.getKey()), kind);
        }
        return fields;
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ApiException(400, name + " must be true or false");
    }

    private static long sinceMillis(String since) {
        if (since == null || since.isBlank()) {
            return 0;
        }
        if (since.matches("\\d{1,12}")) {
            return Long.parseLong(since) * 1000;
        }
        try {
            return Instant.parse(since).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "since must be an ISO-8601 instant or Unix seconds");
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        if (!limit.matches("\\d{1,4}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_EVENTS) {
            throw new ApiException(400, "limit must be 1.." + MAX_EVENTS);
        }
        return Integer.parseInt(limit);
    }
}
