package org.skaben.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Devices refused because they are not registered and may not register now (a lock heard outside white). A
 * lock PONGs every ping: the journal gets the first refusal only, and the repeats are counted here, with the
 * last time, for the game master (GET /api/unregistered-devices), who can register the device by hand.
 * Forgotten once the device registers; at most {@link #LIMIT} are kept, so a flood of made-up uids cannot fill
 * the heap (beyond it each refusal is journaled again).
 */
public class UnregisteredDevices {

    static final int LIMIT = 1000;

    /** One refused device: when it was first and last heard, how many packets, and why. */
    public record Heard(String uid, String type, long firstMillis, long lastMillis, long packets, String reason) {
    }

    private final Map<String, Heard> heard = new ConcurrentHashMap<>();

    /** Notes a refused packet; true when it is the device's first (to be journaled), false for a repeat. */
    public boolean refused(String uid, String type, String reason, long nowMillis) {
        if (heard.size() >= LIMIT && !heard.containsKey(uid)) {
            return true;
        }
        boolean[] first = {false};
        heard.compute(uid, (key, old) -> {
            if (old == null || !old.type().equals(type)) {
                first[0] = true;
                return new Heard(uid, type, nowMillis, nowMillis, 1, reason);
            }
            return new Heard(uid, type, old.firstMillis(), nowMillis, old.packets() + 1, reason);
        });
        return first[0];
    }

    public void forget(String uid) {
        heard.remove(uid);
    }

    /** Most recently heard first. */
    public List<Heard> list() {
        List<Heard> all = new ArrayList<>(heard.values());
        all.sort(Comparator.comparingLong(Heard::lastMillis).reversed().thenComparing(Heard::uid));
        return all;
    }
}
