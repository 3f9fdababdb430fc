package org.skaben.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TaskIdPruningTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(100_000_000L), ZoneOffset.UTC);

    @Test
    void theBatchIsTheIdsAppliedBeforeTheAgeKept() {
        TaskIdPruning pruning = new TaskIdPruning(clock, Duration.ofHours(6), 500, Duration.ofHours(1), metrics);
        assertEquals(new TaskIdPruning.Batch(100_000_000L - 6 * 3_600_000L, 500), pruning.next());
    }

    @Test
    void idsKeptNoLongerThanARedeliveryCanComeLateAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TaskIdPruning(clock, Duration.ofHours(1), 500, Duration.ofHours(1), metrics));
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TaskIdPruning(clock, Duration.ofHours(6), 0, Duration.ofHours(1), metrics));
    }

    @Test
    void theDeletedRowsAreCounted() {
        TaskIdPruning pruning = new TaskIdPruning(clock, Duration.ofHours(6), 500, Duration.ZERO, metrics);
        pruning.pruned(3);
        pruning.pruned(0);
        assertEquals(3.0, metrics.get("skaben.task.ids.pruned").counter().count());
    }
}
