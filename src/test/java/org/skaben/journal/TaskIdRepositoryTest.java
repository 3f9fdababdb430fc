package org.skaben.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The task ids of applied SUP and INFO packets: a repeat is recognised whether or not its key is stored yet. */
class TaskIdRepositoryTest {

    private JDBCDataSource database;
    private JdbcTemplate jdbc;
    private JournalWriter writer;
    private TaskIdRepository taskIds;

    @BeforeEach
    void migrate() {
        database = new JDBCDataSource();
        database.setUrl("jdbc:hsqldb:mem:task-ids-" + System.nanoTime());
        database.setUser("SA");
        Flyway.configure().dataSource(database).load().migrate();
        jdbc = new JdbcTemplate(database);
        writer = new JournalWriter(database, 100, 1000);
        taskIds = new TaskIdRepository(database, writer);
    }

    @AfterEach
    void close() {
        writer.close();
        jdbc.execute("SHUTDOWN");
    }

    private int stored(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM applied_task WHERE task_key = ?", Integer.class, key);
    }

    /** Waits until everything queued before this call is committed. */
    private void flush() {
        writer.append(new JournalWriter.Statement("applied_task", "DELETE FROM applied_task WHERE task_key = 'none'"))
                .join();
    }

    @Test
    void aNewKeyIsTakenAndStoredARepeatIsRefusedBeforeAndAfterItIsStored() {
        assertTrue(taskIds.add("aa01/sup/t1"));
        // at once: the key may still be queued
        assertFalse(taskIds.add("aa01/sup/t1"));
        assertTrue(taskIds.contains("aa01/sup/t1"));
        flush();
        assertEquals(1, stored("aa01/sup/t1"));
        assertFalse(taskIds.add("aa01/sup/t1"));
        // another device, another command: other keys
        assertTrue(taskIds.add("aa02/sup/t1"));
        assertTrue(taskIds.add("aa01/info/t1"));
    }

    @Test
    void keysStoredBeforeARestartAreStillRepeats() {
        assertTrue(taskIds.add("aa01/info/7"));
        flush();
        TaskIdRepository afterRestart = new TaskIdRepository(database, writer);
        assertFalse(afterRestart.add("aa01/info/7"));
        assertTrue(afterRestart.add("aa01/info/8"));
    }

    @Test
    void aRemovedKeyIsForgottenEvenWhenItsInsertWasStillQueued() {
        assertTrue(taskIds.add("aa01/sup/t9"));
        assertTrue(taskIds.remove("aa01/sup/t9"));
        assertEquals(0, stored("aa01/sup/t9"));
        assertFalse(taskIds.contains("aa01/sup/t9"));
        assertTrue(taskIds.add("aa01/sup/t9"), "a retry after a failure is applied");
        taskIds.forget("aa01", "sup", "t9");
        assertEquals(0, stored("aa01/sup/t9"));
        assertTrue(taskIds.add("aa01/sup/t9"));
    }

    @Test
    void concurrentRepeatsOfOneKeyAreTakenOnce() throws Exception {
        List<CompletableFuture<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tries.add(CompletableFuture.supplyAsync(() -> taskIds.add("aa03/info/race")));
        }
        long taken = 0;
        for (CompletableFuture<Boolean> t : tries) {
            if (t.get(10, TimeUnit.SECONDS)) {
                taken++;
            }
        }
        assertEquals(1, taken);
        flush();
        assertEquals(1, stored("aa03/info/race"));
    }
}
