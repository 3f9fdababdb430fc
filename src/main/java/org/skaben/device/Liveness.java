package org.skaben.device;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Which devices went offline or came back online, for the journal: a device is online while it was heard
 * within the keepalive timeout (as {@code skaben_devices_online} and the operator API count it), offline
 * once it was not. Each change is journaled once; nothing here touches the database or the broker.
 *
 * <ul>
 * <li><b>After a restart</b> every device starts as the previous run last saw it, with no row: online when
 * its stored last-seen is within the timeout of the newest stored last-seen (about when the previous run
 * stopped hearing anything), else offline. So a device that was already away stays unjournaled, and the
 * devices that were online get no "online" row when they answer the new run's PINGs.
 * <li><b>Grace:</b> no device is judged offline before the timeout has passed since the server started:
 * the devices got no PING while it was down.
 * <li>A device <b>met for the first time</b> during the run starts as it is, with no row: online when heard
 * (its registration is journaled), offline when never heard (registered over the API).
 * <li><b>Flapping:</b> at most one pair a minute per device. An {@code online} row is journaled as soon as
 * the device is heard again; an {@code offline} row within {@link #MIN_GAP_MILLIS} of the device's previous
 * one waits until the minute is up and is journaled then if the device is still away (a shorter dropout is
 * not journaled).
 * </ul>
 *
 * <p>{@link #due()} proposes the changes; each becomes the device's state only when the route reports it
 * journaled ({@link #journaled}), so a change whose row failed is proposed again on the next tick.
 */
public final class Liveness {

    /** The least time between two {@code offline} rows of one device. */
    public static final long MIN_GAP_MILLIS = 60_000;

    /** A change to journal: kind {@code offline} or {@code online}, at server time {@code at} (millis). */
    public record Transition(String type, String uid, String kind, String detail, long at) {
        public boolean online() {
            return "online".equals(kind);
        }
    }

    /**
     * The journaled state of a device, the last time it was heard before it went away, and when its last
     * offline row was journaled (null: none in this run).
     */
    private record Known(boolean online, Long heardBefore, Long offlineRowAt) {
    }

    private final long timeoutMillis;
    private final LongSupplier clock;
    private final Supplier<List<Device>> devices;
    private final Function<String, Long> lastSeen;
    private final long startMillis;
    private final Map<String, Known> known = new HashMap<>();
    private boolean restored;

    /**
     * {@code devices}: the registered devices of active types, as the registry holds them ({@link Device#lastSeen}
     * is the last-seen stored when the registry was read at start); {@code lastSeen}: the current one.
     */
    public Liveness(long timeoutMillis, LongSupplier clock, Supplier<List<Device>> devices,
                    Function<String, Long> lastSeen) {
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
        this.devices = devices;
        this.lastSeen = lastSeen;
        this.startMillis = clock.getAsLong();
    }

    /** The changes due now, in the registry's order; none is remembered until it is reported journaled. */
    public synchronized List<Transition> due() {
        long now = clock.getAsLong();
        List<Device> all = devices.get();
        if (!restored) {
            restore(all);
            restored = true;
        }
        List<Transition> due = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Device device : all) {
            present.add(device.uid());
            Long seen = lastSeen.apply(device.uid());
            Known state = known.get(device.uid());
            if (state == null) {
                known.put(device.uid(), new Known(seen != null, seen, null));
                continue;
            }
            boolean online = seen != null && now - seen <= timeoutMillis;
            if (online && !state.online()) {
                due.add(new Transition(device.type(), device.uid(), "online", back(state.heardBefore(), seen), now));
            } else if (!online && state.online() && now - startMillis > timeoutMillis
                    && (state.offlineRowAt() == null || now - state.offlineRowAt() >= MIN_GAP_MILLIS)) {
                due.add(new Transition(device.type(), device.uid(), "offline", silent(seen, now), now));
            }
        }
        // a device deleted since is forgotten
        known.keySet().retainAll(present);
        return due;
    }

    /** The change is in the journal: it is the device's state from now on. */
    public synchronized void journaled(Transition change) {
        Known state = known.get(change.uid());
        if (state == null) {
            return;
        }
        known.put(change.uid(), change.online()
                ? new Known(true, null, state.offlineRowAt())
                : new Known(false, lastSeen.apply(change.uid()), change.at()));
    }

    /** The previous run's view of every device, from the last-seen times it stored. */
    private void restore(List<Device> all) {
        long newest = all.stream().map(Device::lastSeen).filter(s -> s != null).mapToLong(Long::longValue)
                .max().orElse(0);
        for (Device device : all) {
            Long stored = device.lastSeen();
            Long seen = lastSeen.apply(device.uid());
            // heard by this run already: online, as a device registering now
            boolean heardNow = seen != null && !seen.equals(stored);
            boolean online = heardNow || stored != null && newest - stored <= timeoutMillis;
            known.put(device.uid(), new Known(online, stored, null));
        }
    }

    private String silent(Long seen, long now) {
        String timeout = " (timeout " + duration(timeoutMillis) + ")";
        return seen == null ? "never heard" + timeout : "no PONG for " + duration(now - seen) + timeout;
    }

    private static String back(Long heardBefore, long seen) {
        return heardBefore == null ? "first heard" : "back after " + duration(seen - heardBefore);
    }

    /** 65 s, 3 min, 2 h: as a game master reads it. */
    static String duration(long millis) {
        long seconds = Math.max(0, millis / 1000);
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        return minutes < 120 ? minutes + " min" : minutes / 60 + " h";
    }
}
