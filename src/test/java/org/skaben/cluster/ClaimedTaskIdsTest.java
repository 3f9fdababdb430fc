package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.skaben.journal.JournalWriter;
import org.skaben.journal.TaskIdRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Task ids on the PostgreSQL that several instances share: each instance claims a key in the database before its
 * packet is applied, so of two instances that get the same SUP, one applies it and the other refuses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimedTaskIdsTest {

    private PostgresSchema schema;
    private JournalWriter writerA;
    private JournalWriter writerB;
    private TaskIdRepository instanceA;
    private TaskIdRepository instanceB;

    @BeforeAll
    void migrate() {
        schema = PostgresSchema.createIfConfigured("c1_task_ids");
        assumeTrue(schema != null, "no PostgreSQL given (-Dskaben.test.db-url=jdbc:postgresql://...)");
        writerA = new JournalWriter(schema.dataSource(), 100, 1000);
        writerB = new JournalWriter(schema.dataSource(), 100, 1000);
        instanceA = new TaskIdRepository(schema.dataSource(), writerA, "node-a");
        instanceB = new TaskIdRepository(schema.dataSource(), writerB, "node-b");
    }

    @AfterAll
    void drop() {
        if (schema != null) {
            writerA.close();
            writerB.close();
            schema.close();
        }
    }

    private int stored(String key) {
        return new JdbcTemplate(schema.dataSource()).queryForObject(
                "SELECT COUNT(*) FROM applied_task WHERE task_key = ?", Integer.class, key);
    }

    @Test
    void aKeyIsStoredWhenItIsTakenAndTheOtherInstanceRefusesIt() {
        assertTrue(instanceA.add("cc01/sup/t1"));
        // committed already, not queued behind a journal entry
        assertEquals(1, stored("cc01/sup/t1"));
        assertFalse(instanceB.add("cc01/sup/t1"));
        assertFalse(instanceA.add("cc01/sup/t1"));
        assertTrue(instanceB.contains("cc01/sup/t1"));
        assertTrue(instanceB.add("cc01/info/t1"));
    }

    @Test
    void aKeyForgottenAfterAFailureIsTakenAgainByEitherInstance() {
        assertTrue(instanceA.add("cc02/sup/t9"));
        assertTrue(instanceA.remove("cc02/sup/t9"));
        assertEquals(0, stored("cc02/sup/t9"));
        assertTrue(instanceB.add("cc02/sup/t9"));
        instanceA.forget("cc02", "sup", "t9");
        assertFalse(instanceB.contains("cc02/sup/t9"));
    }

    @Test
    void concurrentRepeatsOnBothInstancesAreTakenOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "cc03/info/race" + round;
            List<CompletableFuture<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TaskIdRepository instance = i % 2 == 0 ? instanceA : instanceB;
                tries.add(CompletableFuture.supplyAsync(() -> instance.add(key)));
            }
            long taken = 0;
            for (CompletableFuture<Boolean> t : tries) {
                if (t.get(10, TimeUnit.SECONDS)) {
                    taken++;
                }
            }
            assertEquals(1, taken, key);
            assertEquals(1, stored(key));
        }
    }
}
