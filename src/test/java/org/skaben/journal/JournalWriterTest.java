package org.skaben.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class JournalWriterTest {

    private static final JournalWriter.Statement INSERT =
            new JournalWriter.Statement("t", "INSERT INTO t (n, word) VALUES (?, ?)");
    private static final JournalWriter.Statement UPDATE =
            new JournalWriter.Statement("t", "UPDATE t SET word = ? WHERE n = ?");
    private static final JournalWriter.Statement DELETE = new JournalWriter.Statement("t", "DELETE FROM t WHERE n = ?");
    private static final JournalWriter.Statement INSERT_U = new JournalWriter.Statement("u", "INSERT INTO u (n) VALUES (?)");

    private JDBCDataSource database;
    private JdbcTemplate jdbc;
    private JournalWriter writer;

    @BeforeEach
    void createTable() {
        database = new JDBCDataSource();
        database.setUrl("jdbc:hsqldb:mem:journal-writer-" + System.nanoTime());
        database.setUser("SA");
        jdbc = new JdbcTemplate(database);
        jdbc.execute("CREATE TABLE t (n INT NOT NULL, word VARCHAR(8))");
        jdbc.execute("CREATE TABLE u (n INT NOT NULL PRIMARY KEY)");
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
        jdbc.execute("SHUTDOWN");
    }

    private int rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class);
    }

    @Test
    void rowsFromSeveralThreadsAreAllStoredBeforeTheirFuturesComplete() throws Exception {
        writer = new JournalWriter(database, 100, 10_000);
        List<CompletableFuture<Void>> written = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    written.add(writer.append(INSERT, base + i, "w"));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(2000, rows());
        assertEquals(2000, jdbc.queryForObject("SELECT COUNT(DISTINCT n) FROM t", Integer.class));
    }

    @Test
    void aRowTheDatabaseRefusesFailsAloneAndTheOthersAreStored() throws Exception {
        writer = new JournalWriter(database, 500, 10_000);
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            written.add(writer.append(INSERT, i == 100 ? null : i, "w"));
        }
        for (int i = 0; i < 200; i++) {
            CompletableFuture<Void> row = written.get(i);
            if (i == 100) {
                ExecutionException failed = assertThrows(ExecutionException.class, () -> row.get(30, TimeUnit.SECONDS));
                assertInstanceOf(DataIntegrityViolationException.class, failed.getCause());
            } else {
                row.get(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(199, rows());
        assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM t WHERE n = 100", Integer.class));
    }

    @Test
    void anUnreachableDatabaseIsWaitedForAndNothingIsLost() throws Exception {
        AtomicInteger refusals = new AtomicInteger(2);
        DataSource flaky = new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                if (refusals.getAndDecrement() > 0) {
                    throw new SQLTransientConnectionException("database away");
                }
                return super.getConnection();
            }
        };
        writer = new JournalWriter(flaky, 500, 10_000);
        CompletableFuture<Void> first = writer.append(INSERT, 1, "a");
        CompletableFuture<Void> second = writer.append(INSERT, 2, "b");
        CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
        assertTrue(refusals.get() < 0, "the writer tried again after the database refused it");
        assertEquals(2, rows());
    }

    @Test
    void closingWritesWhatIsQueued() {
        writer = new JournalWriter(database, 50, 10_000);
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            written.add(writer.append(INSERT, i, "w"));
        }
        writer.close();
        writer = null;
        assertTrue(written.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally()));
        assertEquals(1000, rows());
    }

    @Test
    void aClosedWriterRefusesRowsRatherThanQueueingThemForNobody() {
        JournalWriter closed = new JournalWriter(database, 10, 10);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.append(INSERT, 1, "x"));
    }

    @Test
    void rowsOfDifferentStatementsAreCommittedInTheOrderTheyWereQueued() {
        writer = new JournalWriter(database, 500, 10_000);
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            written.add(writer.append(INSERT, i, "new"));
            if (i % 3 == 0) {
                written.add(writer.append(UPDATE, "changed", i));
            }
            if (i % 5 == 0) {
                written.add(writer.append(DELETE, i));
            }
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
        // 300 inserted, every fifth deleted after it was inserted (and perhaps changed)
        assertEquals(240, rows());
        assertEquals(80, jdbc.queryForObject("SELECT COUNT(*) FROM t WHERE word = 'changed'", Integer.class));
        assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM t WHERE MOD(n, 5) = 0", Integer.class));
    }

    @Test
    void rowsOfTwoTablesInTurnAreAllStoredAndEachTableKeepsItsOrder() {
        writer = new JournalWriter(database, 500, 10_000);
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // a task id and a journal entry in turn, as device packets queue them
            written.add(writer.append(INSERT_U, i));
            written.add(writer.append(INSERT, i, "entry"));
            if (i % 2 == 0) {
                // forgotten and taken again: only in this order does the key exist once at the end
                written.add(writer.append(new JournalWriter.Statement("u", "DELETE FROM u WHERE n = ?"), i));
                written.add(writer.append(INSERT_U, i));
            }
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).join();
        assertEquals(200, jdbc.queryForObject("SELECT COUNT(*) FROM u", Integer.class));
        assertEquals(200, rows());
    }
}
