package org.skaben.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.skaben.cluster.ChangeNotices;
import org.skaben.game.GameRefused;
import org.skaben.protocol.Packet;
import org.skaben.protocol.PacketRefused;
import org.skaben.support.DatabaseWait;

/**
 * Devices and device types as the routes see them: read from memory (every packet needs them), written
 * through to the database first. All changes of devices go through here, so the cache stays true; the types are
 * written by the operator API's route (api/TypeRoutes), which then has them read again ({@link #reloadTypes}).
 *
 * <p>Why not {@code sql:} steps (a SUP's reported state, a registration, a config change): each write is a
 * read-modify-write of one device inside the cache's own per-device lock ({@code compute*}), so that a SUP and a
 * game master's change to the same device cannot overwrite each other, and the row and the cache agree. A route
 * step cannot hold that lock across an {@code sql:} step; only the last-seen times, which nothing else writes,
 * go out in batches as one (routes/keepalive.camel.yaml).
 *
 * <p>One of several instances on one database ({@code sharedDatabase}) may hold a device that another instance
 * has changed since: each change there is made on the row the database holds, locked until the change is
 * written, and the cache takes the result; a device another instance registered is taken from the database.
 */
public class DeviceRegistry {

    public static final String KNOWN = "known";
    public static final String REGISTERED = "registered";
    public static final String BROADCAST = "broadcast";

    private final DeviceRepository devices;
    private final DeviceTypeRepository types;
    private final RetiredDeviceRepository retiredDevices;
    private final boolean autoRegister;
    private final boolean sharedDatabase;
    private final Function<String, String> registrationClosed;
    private final UnregisteredDevices unregistered = new UnregisteredDevices();
    private final Map<String, Device> deviceCache = new ConcurrentHashMap<>();
    private final Map<String, DeviceType> typeCache = new ConcurrentHashMap<>();
    // retired uid -> the uid that replaced it
    private final Map<String, String> retired = new ConcurrentHashMap<>();
    private final LastSeenTracker lastSeen = new LastSeenTracker();
    // each change of a device holds the read lock; whoever rewrites the device table behind the cache (a scene
    // restored) holds the write lock, so that no change reads the old cache and writes it over the new table
    private final ReentrantReadWriteLock tableLock = new ReentrantReadWriteLock();
    // the other server instances, told of each device written and each type saved
    private final ChangeNotices notices;

    public DeviceRegistry(DeviceRepository devices, DeviceTypeRepository types, boolean autoRegister) {
        this(devices, types, autoRegister, type -> null);
    }

    /**
     * {@code registrationClosed} says, for a device type, why an unknown device of it may not register right
     * now (the game registers locks only in some alert states), or null when it may.
     */
    public DeviceRegistry(DeviceRepository devices, DeviceTypeRepository types, boolean autoRegister,
                          Function<String, String> registrationClosed) {
        this(devices, types, null, autoRegister, registrationClosed);
    }

    /** {@code retiredDevices}: where replaced devices are kept (null: nowhere, no device can be replaced). */
    public DeviceRegistry(DeviceRepository devices, DeviceTypeRepository types, RetiredDeviceRepository retiredDevices,
                          boolean autoRegister, Function<String, String> registrationClosed) {
        this(devices, types, retiredDevices, autoRegister, registrationClosed, false, ChangeNotices.NONE);
    }

    /**
     * {@code sharedDatabase}: one of several instances on one database (see above); {@code notices}: the other
     * server instances, told of every change made through here.
     */
    public DeviceRegistry(DeviceRepository devices, DeviceTypeRepository types, RetiredDeviceRepository retiredDevices,
                          boolean autoRegister, Function<String, String> registrationClosed, boolean sharedDatabase,
                          ChangeNotices notices) {
        this.notices = notices;
        this.devices = devices;
        this.sharedDatabase = sharedDatabase;
        this.types = types;
        this.retiredDevices = retiredDevices;
        this.autoRegister = autoRegister;
        this.registrationClosed = registrationClosed;
        types.findAll().forEach(t -> typeCache.put(t.name(), t));
        devices.findAll().forEach(d -> {
            deviceCache.put(d.uid(), d);
            lastSeen.seed(d.uid(), d.lastSeen());
        });
        if (retiredDevices != null) {
            retired.putAll(retiredDevices.replacedBy());
        }
    }

    /**
     * Runs {@code work}, which changes the device table itself, while no device changes through here, then
     * reads devices and types again. When it throws, the table is as it was (the work's transaction is rolled
     * back) and so is the cache.
     */
    public <T> T rewriting(Supplier<T> work) {
        Lock write = tableLock.writeLock();
        write.lock();
        try {
            return work.get();
        } finally {
            try {
                reload();
            } finally {
                write.unlock();
            }
        }
    }

    /** Re-reads devices and types; a device now in the table is no longer counted as refused. */
    private void reload() {
        reloadTypes();
        readDevices();
    }

    private void readDevices() {
        Map<String, Device> fresh = new java.util.HashMap<>();
        devices.findAll().forEach(d -> fresh.put(d.uid(), d));
        deviceCache.keySet().retainAll(fresh.keySet());
        deviceCache.putAll(fresh);
        fresh.keySet().forEach(unregistered::forget);
        fresh.values().forEach(this::seedLastSeen);
        if (retiredDevices != null) {
            Map<String, String> freshRetired = retiredDevices.replacedBy();
            retired.keySet().retainAll(freshRetired.keySet());
            retired.putAll(freshRetired);
        }
    }

    /**
     * Another server instance changed devices it did not name one by one (a replacement, a scene): every device
     * is read again, while no device changes through here.
     */
    public void reloadDevices() {
        rewriting(() -> null);
    }

    /**
     * Another server instance wrote the device {@code uid} (registered, changed or deleted it): the cache takes
     * the row as it is now, in the device's own lock, so that no change made here meanwhile is overwritten by an
     * older read.
     */
    public void reloadDevice(String uid) {
        Lock read = tableLock.readLock();
        read.lock();
        try {
            Device now = deviceCache.compute(uid, (key, cached) -> devices.find(uid).orElse(null));
            if (now == null) {
                lastSeen.forget(uid);
            } else {
                // a device registered again by a game master is no longer retired (see insert)
                retired.remove(uid);
                unregistered.forget(uid);
                seedLastSeen(now);
            }
        } finally {
            read.unlock();
        }
    }

    /** A device new to this instance starts from the time stored; one it heard itself keeps its own. */
    private void seedLastSeen(Device device) {
        if (lastSeen.lastSeen(device.uid()) == null) {
            lastSeen.seed(device.uid(), device.lastSeen());
        }
    }

    /** Devices refused because they may not register now, with how often they were heard since. */
    public UnregisteredDevices unregistered() {
        return unregistered;
    }

    /** When each device was last heard from. */
    public LastSeenTracker lastSeen() {
        return lastSeen;
    }

    /**
     * Checks that a packet's device may talk to the server, registering a new device when allowed, and marks
     * it as seen. Returns {@link #KNOWN}, {@link #REGISTERED} or {@link #BROADCAST}; refuses everything else.
     */
    public String admit(Packet packet) {
        String admission = check(packet);
        lastSeen.mark(packet.uid());
        return admission;
    }

    private String check(Packet packet) {
        DeviceType type = typeCache.get(packet.type());
        if (type == null) {
            throw new PacketRefused("unknown device type '" + packet.type() + "'");
        }
        if (!type.active()) {
            throw new PacketRefused("device type '" + type.name() + "' is switched off");
        }
        if (packet.topic().isBroadcast()) {
            if (type.smart() || !"cup".equals(packet.command())) {
                throw new PacketRefused("the broadcast address 'all' is only for a simple type's CUP request");
            }
            return BROADCAST;
        }
        Device device = deviceCache.get(packet.uid());
        if (device == null && sharedDatabase) {
            // registered on another instance, whose change this one has not heard of yet
            device = devices.find(packet.uid()).map(d -> deviceCache.computeIfAbsent(d.uid(), key -> d)).orElse(null);
        }
        if (device != null) {
            if (!device.type().equals(type.name())) {
                throw new PacketRefused("device " + device.uid() + " is registered as " + device.type()
                        + ", not " + type.name());
            }
            return KNOWN;
        }
        String replacedBy = retired.get(packet.uid());
        if (replacedBy != null) {
            // journaled once, listed with the refused devices: a game master who registers it by hand revives it
            String reason = "device " + packet.uid() + " is retired: replaced by " + replacedBy;
            boolean first = unregistered.refused(packet.uid(), type.name(), reason, System.currentTimeMillis());
            throw new PacketRefused(reason, !first);
        }
        if (!autoRegister) {
            throw new PacketRefused("device " + packet.uid() + " is not registered and auto-registration is off");
        }
        String closed = registrationClosed.apply(type.name());
        if (closed != null) {
            String reason = "device " + packet.uid() + " is not registered: " + closed;
            boolean first = unregistered.refused(packet.uid(), type.name(), reason, System.currentTimeMillis());
            throw new PacketRefused(reason, !first);
        }
        AtomicBoolean made = new AtomicBoolean();
        Device registered = register(type, packet.uid(), made);
        if (!registered.type().equals(type.name())) {
            throw new PacketRefused("device " + registered.uid() + " is registered as " + registered.type()
                    + ", not " + type.name());
        }
        return made.get() ? REGISTERED : KNOWN;
    }

    public Device register(DeviceType type, String uid) {
        return register(type, uid, new AtomicBoolean());
    }

    /** {@code made} tells whether this call registered the device (another instance may have been first). */
    private Device register(DeviceType type, String uid, AtomicBoolean made) {
        Lock read = tableLock.readLock();
        read.lock();
        Device device;
        try {
            device = insert(type, uid, made);
        } finally {
            read.unlock();
        }
        if (made.get()) {
            // like the insert, at ingress before any retry: it waits for the database
            DatabaseWait.write("announcing " + uid, () -> notices.changed(ChangeNotices.DEVICES, uid));
        }
        return device;
    }

    private Device insert(DeviceType type, String uid, AtomicBoolean made) {
        return deviceCache.computeIfAbsent(uid, key -> {
            Map<String, Object> config = type.smart() ? type.defaultConfig() : Map.of();
            Device device = new Device(uid, type.name(), config, Map.of(), ConfigHasher.hash(config), null, false,
                    System.currentTimeMillis());
            if (sharedDatabase) {
                // another instance may have registered it first: then its row is the device
                Device[] first = {null};
                DatabaseWait.write("registering " + uid,
                        () -> first[0] = devices.insertIfAbsent(device) ? null : devices.find(uid).orElse(null));
                if (first[0] != null) {
                    return first[0];
                }
            } else {
                // registration runs at ingress, before any route with retries: it waits for the database itself
                DatabaseWait.write("registering " + uid, () -> devices.insert(device));
            }
            made.set(true);
            if (retired.containsKey(uid)) {
                // only a game master registers a retired device (it is refused at ingress): it is back in use
                retiredDevices.forget(uid);
                retired.remove(uid);
            }
            unregistered.forget(uid);
            return device;
        });
    }

    /**
     * Deletes a device registered by mistake; {@code alongside} runs in the same transaction first (the rows of
     * other tables that name it). Its permissions go with it; a packet from it later is a new device's.
     */
    public Device delete(String uid, Runnable alongside) {
        Device[] deleted = {null};
        deviceCache.computeIfPresent(uid, (key, device) -> {
            devices.inTransaction(() -> {
                alongside.run();
                devices.delete(uid);
                notices.changed(ChangeNotices.DEVICES, uid);
            });
            deleted[0] = device;
            return null;
        });
        if (deleted[0] == null) {
            throw new NotFound("device " + uid + " is not registered");
        }
        lastSeen.forget(uid);
        return deleted[0];
    }

    /**
     * Replaces a device by another uid (a lock swapped during a game): the new device gets the old one's type,
     * config and override; {@code alongside} runs in the same transaction between the new row's insert and the old
     * row's delete (the permissions move then). The old uid is retired: its packets are refused until a game
     * master registers it again. 409 when the new uid is a registered device.
     */
    public synchronized Device replace(String oldUid, String newUid, Runnable alongside) {
        if (retiredDevices == null) {
            throw new IllegalStateException("this registry keeps no retired devices");
        }
        Device old = require(oldUid);
        Device fresh = new Device(newUid, old.type(), old.config(), Map.of(), old.hash(), null, old.override(),
                System.currentTimeMillis());
        deviceCache.compute(newUid, (key, existing) -> {
            if (existing != null) {
                throw new GameRefused(409, "device " + newUid + " is already registered (as a " + existing.type()
                        + "): delete it first to put it in " + oldUid + "'s place");
            }
            devices.inTransaction(() -> {
                devices.insert(fresh);
                alongside.run();
                devices.delete(oldUid);
                retiredDevices.forget(newUid);
                retiredDevices.retire(oldUid, old.type(), newUid, fresh.registeredAt());
                // two devices, the retired ones and permissions (alongside) changed: the whole view is read
                notices.changed(ChangeNotices.DEVICES);
            });
            return fresh;
        });
        deviceCache.remove(oldUid);
        retired.remove(newUid);
        retired.put(oldUid, newUid);
        unregistered.forget(newUid);
        lastSeen.forget(oldUid);
        return fresh;
    }

    public Optional<Device> find(String uid) {
        return Optional.ofNullable(deviceCache.get(uid));
    }

    public Device require(String uid) {
        return find(uid).orElseThrow(() -> new NotFound("device " + uid + " is not registered"));
    }

    public List<Device> devices() {
        List<Device> all = new ArrayList<>(deviceCache.values());
        all.sort(Comparator.comparing(Device::type).thenComparing(Device::uid));
        return all;
    }

    public Optional<DeviceType> type(String name) {
        return Optional.ofNullable(typeCache.get(name));
    }

    public DeviceType requireType(String name) {
        return type(name).orElseThrow(() -> new NotFound("device type " + name + " does not exist"));
    }

    public List<DeviceType> types() {
        List<DeviceType> all = new ArrayList<>(typeCache.values());
        all.sort(Comparator.comparing(DeviceType::name));
        return all;
    }

    public List<String> activeTypeNames() {
        return types().stream().filter(DeviceType::active).map(DeviceType::name).toList();
    }

    /**
     * Re-reads the types: a route's {@code sql:} step wrote the device_type table, or another instance did (see
     * CacheRefresh).
     */
    public void reloadTypes() {
        Map<String, DeviceType> freshTypes = new java.util.HashMap<>();
        types.findAll().forEach(t -> freshTypes.put(t.name(), t));
        typeCache.keySet().retainAll(freshTypes.keySet());
        typeCache.putAll(freshTypes);
    }

    /** Who gets a CUP when a type is synced: each device of a smart type, the broadcast address of a simple one. */
    public List<String> cupTargets(String typeName) {
        DeviceType type = requireType(typeName);
        if (!type.smart()) {
            return List.of("all");
        }
        return devices().stream().filter(d -> d.type().equals(typeName)).map(Device::uid).toList();
    }

    /** A SUP's accepted fields become the reported state and part of the config the server holds. */
    public Device applyReported(String uid, Map<String, Object> fields) {
        return update(uid, d -> d.withReported(ConfigMerger.apply(d.reportedState(), fields, false),
                ConfigMerger.apply(d.config(), fields, false)), devices::updateReported);
    }

    public Device updateConfig(String uid, Map<String, Object> changes, boolean overwrite) {
        return update(uid, d -> d.withConfig(ConfigMerger.apply(d.config(), changes, overwrite)), devices::updateConfig);
    }

    public Device setOverride(String uid, boolean override) {
        return update(uid, d -> d.withOverride(override), devices::updateOverride);
    }

    /** {@code write} stores the columns {@code change} changes, and only those. */
    private Device update(String uid, UnaryOperator<Device> change, Consumer<Device> write) {
        Device updated;
        Lock read = tableLock.readLock();
        read.lock();
        try {
            if (sharedDatabase) {
                // from the database's row, not the cache's: another instance may have changed it (or deleted it)
                updated = deviceCache.compute(uid, (key, old) -> devices.changeLocked(uid, change, write).orElse(null));
            } else {
                updated = deviceCache.computeIfPresent(uid, (key, old) -> {
                    Device next = change.apply(old);
                    write.accept(next);
                    return next;
                });
            }
        } finally {
            read.unlock();
        }
        if (updated == null) {
            throw new NotFound("device " + uid + " is not registered");
        }
        notices.changed(ChangeNotices.DEVICES, uid);
        return updated;
    }

    /** Something asked for does not exist. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
