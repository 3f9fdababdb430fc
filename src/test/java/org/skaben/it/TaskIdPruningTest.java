package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * routes/task-id-pruning.camel.yaml in the running server: task ids older than the age kept are deleted, a few
 * per tick, while a packet's own stays, and a repeat of that packet is still refused as a duplicate.
 */
class TaskIdPruningTest extends SkabenAppTestSupport {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("skaben.task-ids.prune-interval-seconds", "1", "skaben.task-ids.prune-batch", "2");
    }

    private int taskIds(String keyPattern) {
        return db().queryForObject("SELECT COUNT(*) FROM applied_task WHERE task_key LIKE ?", Integer.class, keyPattern);
    }

    @Test
    void oldTaskIdsGoWhileARecentOneStillRefusesItsRepeat() throws Exception {
        TestDevice door = started("lock");
        door.send("sup", "{\"timestamp\": 1, \"task_id\": \"t-new\", \"datahold\": {\"closed\": false}}");
        eventually(() -> journal(door.uid(), "sup"));

        // a weekend's leftovers: applied 7 h ago, beyond the 6 h kept; five of them take three ticks of two
        long sevenHoursAgo = System.currentTimeMillis() - Duration.ofHours(7).toMillis();
        for (int i = 0; i < 5; i++) {
            db().update("INSERT INTO applied_task (task_key, applied_at) VALUES (?, ?)",
                    door.uid() + "/sup/old" + i, sevenHoursAgo + i);
        }
        eventually(() -> taskIds(door.uid() + "/sup/old%") == 0);
        assertEquals(1, taskIds(door.uid() + "/sup/t-new"), "the recent task id outlived the ticks that pruned");

        door.send("sup", "{\"timestamp\": 1, \"task_id\": \"t-new\", \"datahold\": {\"closed\": false}}");
        var refused = eventually(() -> journal(door.uid(), "refused"));
        assertEquals("duplicate task_id t-new: already applied", refused.get(0).get("detail"));
        assertEquals(1, journal(door.uid(), "sup").size());
    }
}
