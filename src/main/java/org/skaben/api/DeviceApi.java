package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.skaben.access.AccessBook;
import org.skaben.cup.ConfigComposer;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.LastSeenTracker;
import org.skaben.journal.CupDeliveryRepository;

/**
 * The devices as the operator API shows and changes them (DeviceRoutes): register, config, override, delete,
 * replace.
 */
public class DeviceApi {

    /** A device as the game master sees it: what it is told, what it reports, whether it is heard. */
    public record DeviceView(String uid, String type, Map<String, Object> config,
                             @JsonProperty("reported_state") Map<String, Object> reportedState,
                             @JsonProperty("sent_config") Map<String, Object> sentConfig, String hash,
                             boolean online, @JsonProperty("last_seen") String lastSeen, boolean override,
                             @JsonProperty("registered_at") String registeredAt) {
    }

    /** A device refused because it may not register now: when it was heard, how often, why. */
    public record UnregisteredDevice(String uid, String type, @JsonProperty("first_heard") String firstHeard,
                                     @JsonProperty("last_heard") String lastHeard, long packets, String reason) {
    }

    /** POST /api/devices: a device registered by hand. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeviceRegistration(String uid, String type) {
    }

    /** PUT /api/devices/{uid}/override: true takes the device under manual control (no automatic CUPs). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OverrideRequest(Boolean override) {
    }

    /** What POST /api/devices/{uid}/sync did: whether a CUP went out, and its task_id. */
    public record SyncResult(String uid, boolean sent, @JsonProperty("task_id") String taskId) {
    }

    /** POST /api/devices/{uid}/replace: the uid of the device that takes this one's place. */
    public record ReplaceRequest(String uid) {
    }

    /** A deleted device, and how many permissions (of a lock) went with it. */
    public record DeviceDeleted(String deleted, String type, int permissions) {
    }

    /** A device replaced by another: the old uid (now retired), the new one, and the permissions it took over. */
    public record Replacement(String old, String uid, String type, int permissions) {
    }

    private final DeviceRegistry registry;
    private final ConfigComposer composer;
    private final LastSeenTracker lastSeen;
    private final long onlineWindowMillis;
    private final AccessBook access;
    private final CupDeliveryRepository deliveries;

    public DeviceApi(DeviceRegistry registry, ConfigComposer composer, LastSeenTracker lastSeen,
                     long onlineWindowMillis, AccessBook access, CupDeliveryRepository deliveries) {
        this.registry = registry;
        this.composer = composer;
        this.lastSeen = lastSeen;
        this.onlineWindowMillis = onlineWindowMillis;
        this.access = access;
        this.deliveries = deliveries;
    }

    public List<DeviceView> devices() {
        return registry.devices().stream().map(this::view).toList();
    }

    public DeviceView device(String uid) {
        return view(registry.require(Fields.uid(uid)));
    }

    /** Devices refused because they may not register now (a lock heard outside white); see {@link #register}. */
    public List<UnregisteredDevice> unregisteredDevices() {
        return registry.unregistered().list().stream().map(h -> new UnregisteredDevice(h.uid(), h.type(),
                Instant.ofEpochMilli(h.firstMillis()).toString(), Instant.ofEpochMilli(h.lastMillis()).toString(),
                h.packets(), h.reason())).toList();
    }

    /** Registers a device by hand, as needed when auto-registration is off. Returns its uid. */
    public String register(DeviceRegistration request) {
        if (request == null || request.uid() == null || request.type() == null) {
            throw new ApiException(400, "expected {\"uid\": \"<mac>\", \"type\": \"<device type>\"}");
        }
        String id = Fields.uid(request.uid());
        if (registry.find(id).isPresent()) {
            throw new ApiException(409, "device " + id + " is already registered");
        }
        registry.register(registry.requireType(request.type()), id);
        return id;
    }

    /** A registered device's normalised uid; 404 when there is none. */
    public String requireDevice(String uid) {
        return registry.require(Fields.uid(uid)).uid();
    }

    public String typeOf(String uid) {
        return registry.require(Fields.uid(uid)).type();
    }

    /** Merges (or with overwrite replaces) the device's config; returns the normalised uid. */
    public String updateConfig(String uid, Map<String, Object> config, String overwrite) {
        String id = requireDevice(uid);
        if (!registry.requireType(typeOf(id)).smart()) {
            throw new ApiException(409, "device " + id + " is of a simple type: change its type's config instead");
        }
        Fields.body(config);
        registry.updateConfig(id, config, overwrite(overwrite));
        return id;
    }

    /** ?overwrite=: true, false or nothing. */
    public static boolean overwrite(String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ApiException(400, "overwrite must be true or false");
    }

    /** Takes a device under manual control ({"override": true}: no automatic CUPs) or gives it back. */
    public String setOverride(String uid, OverrideRequest request) {
        String id = requireDevice(uid);
        if (request == null || request.override() == null) {
            throw new ApiException(400, "expected {\"override\": true|false}");
        }
        registry.setOverride(id, request.override());
        return id;
    }

    /**
     * Deletes a device registered by mistake, with its permissions and CUP deliveries (its journal rows stay);
     * the locks' acl cache forgets it. A packet from it later registers it again as new, where its type may.
     */
    public DeviceDeleted delete(String uid) {
        String id = requireDevice(uid);
        int[] permissions = {0};
        Device d = registry.delete(id, () -> {
            permissions[0] = access.permissionCount(id);
            deliveries.forget(id);
        });
        access.changed();
        return new DeviceDeleted(d.uid(), d.type(), permissions[0]);
    }

    /**
     * Puts a new uid in a device's place (a lock swapped during a game): the new device inherits type, config,
     * override and permissions; the old uid is retired (deleted, its packets refused). 400 for a bad body or
     * the same uid, 404 when the old one is not registered, 409 when the new one is registered, or was heard
     * as another type.
     */
    public Replacement replace(String uid, ReplaceRequest request) {
        String old = requireDevice(uid);
        if (request == null || request.uid() == null || request.uid().isBlank()) {
            throw new ApiException(400, "expected {\"uid\": \"<the new device's mac>\"}");
        }
        String fresh = Fields.uid(request.uid());
        if (fresh.equals(old)) {
            throw new ApiException(400, "a device cannot replace itself");
        }
        String type = typeOf(old);
        registry.unregistered().list().stream().filter(h -> h.uid().equals(fresh) && !h.type().equals(type))
                .findFirst().ifPresent(h -> {
                    throw new ApiException(409, "device " + fresh + " was heard as a " + h.type() + ", not a " + type);
                });
        int[] permissions = {0};
        registry.replace(old, fresh, () -> {
            permissions[0] = access.moveLockPermissions(old, fresh);
            deliveries.forget(old);
        });
        access.changed();
        return new Replacement(old, fresh, type, permissions[0]);
    }

    private DeviceView view(Device d) {
        Long seen = lastSeen.lastSeen(d.uid());
        // what the device is sent (its config as the game makes it now) and that config's hash
        boolean smart = registry.requireType(d.type()).smart();
        return new DeviceView(d.uid(), d.type(), d.config(), d.reportedState(),
                smart ? composer.smart(d) : composer.simple(d.type()), composer.hash(d),
                seen != null && System.currentTimeMillis() - seen <= onlineWindowMillis,
                seen == null ? null : Instant.ofEpochMilli(seen).toString(), d.override(),
                Instant.ofEpochMilli(d.registeredAt()).toString());
    }
}
