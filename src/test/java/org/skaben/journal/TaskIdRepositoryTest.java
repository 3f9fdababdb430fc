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
        taskIds = new TaskIdRepository(database, writer, 10_000);
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
        TaskIdRepository afterRestart = new TaskIdRepository(database, writer, 10_000);
        assertFalse(afterRestart.add("aa01/info/7"));
        assertTrue(afterRestart.add("aa01/info/8"));
    }

    /** Started, the repository fills its filter from the table: a stored key is a "maybe", read and refused. */
    @Test
    void keysStoredBeforeARestartAreStillRepeatsOnceTheFilterIsFilled() {
        for (int i = 0; i < 1000; i++) {
            assertTrue(taskIds.add("aa01/info/" + i));
        }
        flush();
        TaskIdRepository afterRestart = started(new TaskIdRepository(database, writer, 10_000));
        for (int i = 0; i < 1000; i++) {
            assertFalse(afterRestart.add("aa01/info/" + i), "a repeat after a restart: aa01/info/" + i);
        }
        assertEquals(1000, afterRestart.reads());
    }

    @Test
    void onceTheFilterIsFilledANewKeyIsNotReadFromTheTable() {
        taskIds = started(taskIds);
        for (int i = 0; i < 1000; i++) {
            assertTrue(taskIds.add("aa02/sup/" + i));
        }
        // sized for 10,000 keys at 1 %: a new key is a false "maybe" now and then, never most of the time
        assertTrue(taskIds.reads() < 50, taskIds.reads() + " of 1000 new keys read from the table");
        flush();
        long before = taskIds.reads();
        assertFalse(taskIds.add("aa02/sup/7"), "a repeat stored");
        assertEquals(before + 1, taskIds.reads(), "a stored repeat is a \"maybe\": read from the table");
        // removed (a failed packet), its key stays in the filter: read again, found gone, taken
        assertTrue(taskIds.remove("aa02/sup/7"));
        assertTrue(taskIds.add("aa02/sup/7"));
    }

    /** The filter is filled page by page (10,000 keys each): every key of every page is a repeat afterwards. */
    @Test
    void aTableOfSeveralPagesIsInTheFilterWhole() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            rows.add(new Object[] {"aa05/sup/" + i, 1L});
        }
        jdbc.batchUpdate("INSERT INTO applied_task (task_key, applied_at) VALUES (?, ?)", rows);
        TaskIdRepository afterRestart = started(new TaskIdRepository(database, writer, 30_000));
        for (int i = 0; i < 25_000; i++) {
            assertFalse(afterRestart.add("aa05/sup/" + i), "a stored key taken again: aa05/sup/" + i);
        }
        assertEquals(25_000, afterRestart.reads());
    }

    /** Keys taken while the filter is being filled are in it too: none of them is taken again afterwards. */
    @Test
    void keysTakenWhileTheFilterIsFilledAreRepeatsAfterwards() throws Exception {
        for (int i = 0; i < 5000; i++) {
            taskIds.add("aa04/info/old" + i);
        }
        flush();
        TaskIdRepository filling = new TaskIdRepository(database, writer, 10_000);
        filling.start();
        int taken = 0;
        for (int i = 0; !filling.filterFilled() || i < 100; i++) {
            assertTrue(filling.add("aa04/info/new" + i));
            taken = i + 1;
        }
        flush();
        for (int i = 0; i < taken; i++) {
            assertFalse(filling.add("aa04/info/new" + i), "taken while filling, then again: aa04/info/new" + i);
        }
        for (int i = 0; i < 5000; i++) {
            assertFalse(filling.add("aa04/info/old" + i));
        }
    }

    /** Starts a one-process repository and waits until its filter holds the table's keys. */
    private static TaskIdRepository started(TaskIdRepository repository) {
        repository.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!repository.filterFilled()) {
            assertTrue(System.nanoTime() < deadline, "the filter was not filled within 10 s");
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return repository;
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
