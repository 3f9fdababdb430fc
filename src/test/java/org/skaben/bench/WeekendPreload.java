package org.skaben.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A weekend's game in the server's database, written before a benchmark measures anything: journal rows of the
 * kinds the server journals (pong is not journaled), spread over the benchmark's devices and over the 48 hours
 * before now, in time order as the server writes them, and the task ids of SUPs and INFOs over the same hours.
 * The server must be stopped meanwhile (an HSQLDB file is open in one process only): the rows go in through
 * JDBC batches, then the database is shut down (a checkpoint), so the server starts on it as after a weekend.
 */
final class WeekendPreload {

    static final Duration WEEKEND = Duration.ofHours(48);
    private static final int BATCH = 10_000;
    // of every 1,000 journal rows after the devices' registrations: what a game's journal holds, roughly
    private static final List<String> KINDS = kinds("info", 300, "cup", 300, "sup", 200, "ack", 140,
            "refused", 40, "alert-counter", 15, "error", 5);

    /** What was written, in how long, and the database's files afterwards. */
    record Loaded(long journalRows, long taskIds, double seconds, long bytesOnDisk) {
    }

    private final String jdbcUrl;
    private final List<String> uids;
    private final Function<String, String> typeOf;
    private final Random random = new Random(48);

    /** {@code typeOf}: the device type of a benchmark device's uid. */
    WeekendPreload(String jdbcUrl, List<String> uids, Function<String, String> typeOf) {
        this.jdbcUrl = jdbcUrl;
        this.uids = uids;
        this.typeOf = typeOf;
    }

    /** Writes the rows ending at {@code endMillis} and shuts the database down; {@code files}: its folder. */
    Loaded load(int journalRows, int taskIds, long endMillis, Path files) throws SQLException {
        long t0 = System.nanoTime();
        long start = endMillis - WEEKEND.toMillis();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "SA", "")) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(statement("preload-event.sql"))) {
                for (int i = 0; i < journalRows; i++) {
                    journalRow(insert, i, start + WEEKEND.toMillis() * i / journalRows);
                    batched(db, insert, i, journalRows);
                }
            }
            try (PreparedStatement insert = db.prepareStatement(statement("preload-applied-task.sql"))) {
                for (int i = 0; i < taskIds; i++) {
                    String uid = uids.get(random.nextInt(uids.size()));
                    insert.setString(1, uid + "/" + (random.nextBoolean() ? "sup" : "info") + "/"
                            + Long.toHexString(random.nextLong() & Long.MAX_VALUE));
                    insert.setLong(2, start + WEEKEND.toMillis() * i / taskIds);
                    insert.addBatch();
                    batched(db, insert, i, taskIds);
                }
            }
            try (Statement shutdown = db.createStatement()) {
                // a checkpoint: the rows in the .data file, the .log emptied, as a clean stop of the server leaves it
                shutdown.execute("SHUTDOWN");
            }
        }
        return new Loaded(journalRows, taskIds, (System.nanoTime() - t0) / 1e9, bytesIn(files));
    }

    /** The first rows register every device (as the server journals a new one), then the game's kinds. */
    private void journalRow(PreparedStatement insert, int i, long at) throws SQLException {
        String uid = uids.get(i < uids.size() ? i : random.nextInt(uids.size()));
        String type = typeOf.apply(uid);
        String kind = i < uids.size() ? "registered" : KINDS.get(random.nextInt(KINDS.size()));
        String task = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        String source = "device";
        String topic = "ask/" + type + "/" + uid + "/" + kind;
        String detail;
        switch (kind) {
            case "registered" -> {
                topic = "ask/" + type + "/" + uid + "/pong";
                detail = "new " + type + " device";
            }
            case "info" -> detail = "{\"type\":\"access\",\"content\":\"" + (100000 + random.nextInt(900000))
                    + "\",\"success\":" + random.nextBoolean() + "}";
            case "sup" -> detail = "{\"" + (type.equals("lock") ? "closed" : "hacked") + "\":" + random.nextBoolean() + "}";
            case "cup" -> {
                source = "server";
                topic = "ask/" + type + "/" + uid + "/pong";
                detail = "task c-" + task + " to " + type + "/" + uid + "/cup: " + (random.nextBoolean() ? "lag" : "drift");
            }
            case "ack" -> detail = "task c-" + task + " hash " + task + task + task + task;
            case "refused" -> {
                topic = "ask/" + type + "/" + uid + "/sup";
                detail = "duplicate task_id " + task + ": already applied";
            }
            case "alert-counter" -> {
                source = "server";
                type = null;
                uid = null;
                topic = null;
                detail = "counter " + random.nextInt(1000) + ": access denied";
            }
            default -> detail = "PacketRefused: database unavailable after 3 attempts";
        }
        insert.setLong(1, at);
        insert.setString(2, kind);
        insert.setString(3, source);
        nullable(insert, 4, type);
        nullable(insert, 5, uid);
        nullable(insert, 6, topic);
        insert.setString(7, detail);
        insert.addBatch();
    }

    private static void nullable(PreparedStatement insert, int index, String value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.VARCHAR);
        } else {
            insert.setString(index, value);
        }
    }

    private static void batched(Connection db, PreparedStatement insert, int i, int total) throws SQLException {
        if ((i + 1) % BATCH == 0 || i + 1 == total) {
            insert.executeBatch();
            db.commit();
        }
    }

    /** A statement of src/test/resources/bench, its comment lines left out. */
    private static String statement(String file) {
        try (InputStream in = WeekendPreload.class.getResourceAsStream("/bench/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no bench/" + file + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of every file under the database's folder (.data, .script, .log, .properties, .backup ...). */
    static long bytesIn(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> kinds(Object... kindsAndShares) {
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < kindsAndShares.length; i += 2) {
            for (int n = 0; n < (Integer) kindsAndShares[i + 1]; n++) {
                kinds.add((String) kindsAndShares[i]);
            }
        }
        return List.copyOf(kinds);
    }
}
