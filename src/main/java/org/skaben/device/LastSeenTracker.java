package org.skaben.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each device was last heard from, in server time. Kept in memory and written to the database in
 * batches by the last-seen-flush route: losing a second of last-seen times on a crash costs nothing, and a
 * write per PONG would cost most of the server's throughput.
 */
public class LastSeenTracker {

    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    /** Starts from the times stored in the database. */
    void seed(String uid, Long lastSeen) {
        if (lastSeen != null) {
            latest.put(uid, lastSeen);
        }
    }

    public void mark(String uid) {
        if (uid == null || "all".equals(uid)) {
            return;
        }
        long now = System.currentTimeMillis();
        latest.put(uid, now);
        pending.put(uid, now);
    }

    /** A device deleted or replaced: heard of no more (a device registered under its uid again starts unheard). */
    void forget(String uid) {
        latest.remove(uid);
        pending.remove(uid);
    }

    public Long lastSeen(String uid) {
        return latest.get(uid);
    }

    /** The changes since the last call, as rows for sql/device-last-seen.sql. */
    public List<Map<String, Object>> drain() {
        List<Map<String, Object>> rows = new ArrayList<>(pending.size());
        for (Map.Entry<String, Long> e : pending.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                rows.add(Map.of("uid", e.getKey(), "lastSeen", e.getValue()));
            }
        }
        return rows;
    }
}
