package org.skaben.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skaben.journal.TaskIdPruning;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * routes/task-id-pruning.camel.yaml on a real (in-memory, migrated) database: each tick deletes at most a batch of
 * the oldest task ids older than the age kept, and never a younger one. The timer is replaced by direct:prune, so
 * each test decides when a tick comes.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteTestSupport.SETTINGS,
        properties = RouteTestSupport.ROUTES + "task-id-pruning.camel.yaml",
        replaceRouteFromWith = "task-id-pruning=direct:prune")
@RoutesTested("task-id-pruning")
class TaskIdPruningRouteTest extends RouteTestSupport {

    private static final long NOW = Instant.parse("2026-11-29T12:00:00Z").toEpochMilli();
    private static final Duration KEEP = Duration.ofHours(6);

    @ReplaceInRegistry
    JDBCDataSource dataSource = migrated();

    @ReplaceInRegistry
    TaskIdPruning taskIdPruning = new TaskIdPruning(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), KEEP, 3,
            Duration.ofHours(1), metrics);

    private final JdbcTemplate db = new JdbcTemplate(dataSource);

    private static JDBCDataSource migrated() {
        JDBCDataSource db = new JDBCDataSource();
        db.setUrl("jdbc:hsqldb:mem:task-id-pruning-" + System.nanoTime());
        db.setUser("SA");
        Flyway.configure().dataSource(db).locations("classpath:db/migration", "classpath:db/vendor/hsqldb")
                .load().migrate();
        return db;
    }

    @BeforeEach
    void noTaskIds() {
        db.update("DELETE FROM applied_task");
    }

    private void applied(String key, Duration ago) {
        db.update("INSERT INTO applied_task (task_key, applied_at) VALUES (?, ?)", key, NOW - ago.toMillis());
    }

    private List<String> kept() {
        return db.queryForList("SELECT task_key FROM applied_task ORDER BY applied_at", String.class);
    }

    private double tick() {
        double before = counted();
        assertHandled(send("direct:prune", null, Map.of()));
        return counted() - before;
    }

    private double counted() {
        return metrics.get("skaben.task.ids.pruned").counter().count();
    }

    @Test
    void eachTickDeletesAtMostABatchOfTheOldestOldIds() {
        for (int hours = 12; hours > 6; hours--) {
            applied("lock/t" + hours, Duration.ofHours(hours));
        }
        applied("lock/new", Duration.ofMinutes(1));

        assertEquals(3, tick(), "pruned in the first tick");
        assertEquals(List.of("lock/t9", "lock/t8", "lock/t7", "lock/new"), kept(), "the three oldest went first");
        assertEquals(3, tick(), "pruned in the second tick");
        assertEquals(List.of("lock/new"), kept());
        assertEquals(0, tick(), "nothing left to prune");
        assertEquals(List.of("lock/new"), kept());
    }

    @Test
    void anIdJustInsideTheAgeKeptStays() {
        applied("lock/old", KEEP.plusSeconds(1));
        applied("lock/edge", KEEP.minusSeconds(1));

        assertEquals(1, tick());
        assertEquals(List.of("lock/edge"), kept());
    }
}
