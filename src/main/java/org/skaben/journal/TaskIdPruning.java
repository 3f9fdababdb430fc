package org.skaben.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which task ids are old enough to go (routes/task-id-pruning.camel.yaml, sql/task-id-prune.sql): those applied
 * longer ago than {@code keep}, at most {@code batchSize} of the oldest per tick. {@code keep} must be longer than
 * the longest a redelivery of a packet can come after the packet was applied ({@code redeliveryWindow}, from the
 * MQTT session settings: see the route's header), or a late repeat would be applied twice.
 */
public class TaskIdPruning {

    private static final Logger LOG = LoggerFactory.getLogger(TaskIdPruning.class);

    /** One DELETE's parameters: task ids applied before this instant (epoch millis), at most {@code limit}. */
    public record Batch(long before, int limit) {
    }

    private final Clock clock;
    private final Duration keep;
    private final int batchSize;
    private final Counter pruned;

    public TaskIdPruning(Clock clock, Duration keep, int batchSize, Duration redeliveryWindow, MeterRegistry metrics) {
        if (keep.compareTo(redeliveryWindow) <= 0) {
            throw new IllegalArgumentException("task ids must be kept longer than a redelivery can come late ("
                    + redeliveryWindow.toSeconds() + " s), not " + keep.toSeconds() + " s");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch of task ids pruned at once must be 1 or more, not " + batchSize);
        }
        this.clock = clock;
        this.keep = keep;
        this.batchSize = batchSize;
        this.pruned = Counter.builder("skaben.task.ids.pruned")
                .description("Task ids deleted because no redelivery of their packet can come any more")
                .register(metrics);
    }

    /** The next batch: the oldest task ids applied more than {@code keep} ago. */
    public Batch next() {
        return new Batch(clock.millis() - keep.toMillis(), batchSize);
    }

    /** A batch was deleted: {@code count} rows. */
    public void pruned(int count) {
        pruned.increment(count);
        if (count > 0) {
            LOG.debug("{} task ids older than {} pruned", count, keep);
        }
    }
}
