package org.skaben.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.skaben.support.DatabaseWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Group commit for the journal and the other tables a device packet writes on its way (its task id). Every
 * thread hands its rows (a statement and its values) to one queue; one writer thread writes whatever has
 * gathered (up to {@code maxBatch} rows), each run of rows with the same statement as one JDBC batch, all in
 * one transaction, and then completes each row's future. A row is never committed after one queued later,
 * and rows of one table are written in the order they were queued. A packet's route continues (and its MQTT
 * acknowledgement goes out) when its row's future completes, so nothing is acknowledged before it is stored, and a burst costs one commit per batch instead
 * of one per row, on one thread instead of several contending for the database. The futures' callers must
 * not run their routes on this thread (see {@link RecordInJournal}): a route may wait for a lock whose holder
 * waits for the writer.
 *
 * <p>An unreachable database is waited for (the batch is written again, rows stay queued behind it). A batch
 * the database refuses is written again row by row, so that one bad row fails only its own future.
 *
 * <p>Why not an {@code sql:} step: a step writes one exchange's row in its own commit on that exchange's thread;
 * group commit gathers the rows of many exchanges into one transaction on one thread, which is what lets every
 * packet be stored before its acknowledgement at the rate the broker delivers them.
 */
public final class JournalWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    /**
     * A statement the writer runs: the table it writes and its SQL (a constant, never built from input). With
     * a listener it is an INSERT into a table whose key is a generated {@code id} column: the listener hears of
     * each row once it is committed, with its id, on the writer's thread and in commit order (so it must never
     * block: hand the row on and return).
     */
    public record Statement(String table, String sql, Committed committed) {

        public Statement(String table, String sql) {
            this(table, sql, null);
        }
    }

    /** Hears of a committed row: its generated id and the values it was written with. */
    @FunctionalInterface
    public interface Committed {
        void row(long id, Object[] values);
    }

    private static final class Row {
        final Statement statement;
        final Object[] values;
        final CompletableFuture<Void> written = new CompletableFuture<>();
        /** The generated id of a row whose statement has a listener, once it is written. */
        long id = -1;

        Row(Statement statement, Object[] values) {
            this.statement = statement;
            this.values = values;
        }

        CompletableFuture<Void> written() {
            return written;
        }

        Statement statement() {
            return statement;
        }

        Object[] values() {
            return values;
        }
    }

    /** The generated key a statement with a listener returns. */
    private static final String[] ID = {"id"};

    private final JdbcTemplate jdbc;
    private final int maxBatch;
    private final BlockingQueue<Row> queue;
    private final Thread thread;
    private volatile boolean running = true;

    public JournalWriter(DataSource dataSource, int maxBatch, int capacity) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "skaben-journal-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues a row: a statement (INSERT, UPDATE or DELETE) and its values. The future completes once it is
     * committed (or fails with the database's refusal). A full queue (the database is away) holds the caller
     * until there is room.
     */
    public CompletableFuture<Void> append(Statement statement, Object... values) {
        if (!running) {
            throw new IllegalStateException("the journal is closed");
        }
        Row row = new Row(statement, values);
        try {
            queue.put(row);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room in the journal queue", stopping);
        }
        return row.written();
    }

    /** Queues a row and waits until it is committed; the database's refusal is thrown as it is. */
    public void appendAndWait(Statement statement, Object... values) {
        try {
            append(statement, values).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void writeNow(Row row) {
        if (row.statement().committed() == null) {
            DatabaseWait.write("journal", () -> jdbc.update(row.statement().sql(), row.values()));
            return;
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        DatabaseWait.write("journal", () -> jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(row.statement().sql(), ID);
            setValues(statement, row.values());
            return statement;
        }, key));
        Number id = key.getKey();
        row.id = id == null ? -1 : id.longValue();
    }

    /** Tells a row's listener, if it has one; what the listener throws is logged, never the row's failure. */
    private static void committed(Row row) {
        Committed listener = row.statement().committed();
        if (listener == null || row.id < 0) {
            return;
        }
        try {
            listener.row(row.id, row.values());
        } catch (RuntimeException e) {
            LOG.error("journal listener: {}", e.toString(), e);
        }
    }

    private void run() {
        List<Row> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Row first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                // the writer must outlive anything a row's continuation throws
                LOG.error("journal writer: {}", unexpected.toString(), unexpected);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Row> batch) {
        try {
            DatabaseWait.write("journal", () -> insertAll(batch));
        } catch (RuntimeException refused) {
            // whatever went wrong, every row's future is completed: a caller must never wait for nothing
            LOG.warn("journal batch of {} refused ({}); writing its rows one by one", batch.size(),
                    refused.getMessage());
            for (Row row : batch) {
                try {
                    writeNow(row);
                    committed(row);
                    row.written().complete(null);
                } catch (RuntimeException e) {
                    row.written().completeExceptionally(e);
                }
            }
            return;
        }
        // after the commit: each row's caller continues from here
        for (Row row : batch) {
            committed(row);
            row.written().complete(null);
        }
    }

    private void insertAll(List<Row> batch) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            // one prepared statement per SQL for the whole batch, so that rows of two tables queued in turn (a
            // task id, a journal entry, ...) still go as two JDBC batches; rows of one table keep their order:
            // when its statement changes, what is batched for the previous one is executed first
            Map<String, PreparedStatement> statements = new LinkedHashMap<>();
            Map<String, String> batching = new HashMap<>();
            // the rows batched for each statement with a listener since its last execution: they get its keys
            Map<String, List<Row>> keyed = new HashMap<>();
            try {
                for (Row row : batch) {
                    Statement sql = row.statement();
                    String before = batching.put(sql.table(), sql.sql());
                    if (before != null && !before.equals(sql.sql())) {
                        execute(statements.get(before), keyed.get(before));
                    }
                    PreparedStatement statement = statements.get(sql.sql());
                    if (statement == null) {
                        statement = sql.committed() == null ? connection.prepareStatement(sql.sql())
                                : connection.prepareStatement(sql.sql(), ID);
                        statements.put(sql.sql(), statement);
                    }
                    setValues(statement, row.values());
                    statement.addBatch();
                    if (sql.committed() != null) {
                        keyed.computeIfAbsent(sql.sql(), k -> new ArrayList<>()).add(row);
                    }
                }
                for (String pending : batching.values()) {
                    execute(statements.get(pending), keyed.get(pending));
                }
                connection.commit();
            } catch (java.sql.SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            } finally {
                for (PreparedStatement statement : statements.values()) {
                    statement.close();
                }
                connection.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    /** Runs what is batched; rows waiting for generated ids get them, in the order they were added. */
    private static void execute(PreparedStatement statement, List<Row> waitingForIds) throws java.sql.SQLException {
        statement.executeBatch();
        if (waitingForIds == null || waitingForIds.isEmpty()) {
            return;
        }
        int i = 0;
        try (ResultSet keys = statement.getGeneratedKeys()) {
            while (keys.next() && i < waitingForIds.size()) {
                waitingForIds.get(i++).id = keys.getLong(1);
            }
        }
        if (i < waitingForIds.size()) {
            LOG.warn("the database returned {} generated ids for {} rows: the others are not announced", i,
                    waitingForIds.size());
        }
        waitingForIds.clear();
    }

    private static void setValues(PreparedStatement statement, Object[] values) throws java.sql.SQLException {
        for (int i = 0; i < values.length; i++) {
            StatementCreatorUtils.setParameterValue(statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, values[i]);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (java.sql.SQLException ignored) {
            // the connection is broken; the pool replaces it and the batch is written again
        }
    }

    /** Stops taking rows and writes what is queued (after the routes stopped, before the pool closes). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
