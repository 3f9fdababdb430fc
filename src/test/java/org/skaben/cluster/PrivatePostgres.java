package org.skaben.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own, for {@link TestPostgres} when no database is given: initdb into a folder under
 * target/, trust authentication, 127.0.0.1 on a free port, its socket in that folder, one database
 * {@code skaben}; stopped when the JVM ends. PostgreSQL refuses to run as root: as root, its programs run as the
 * user postgres, who owns the folder. The benchmark starts a durable one (fsync on, as in production).
 */
public final class PrivatePostgres {

    static final String DATABASE = "skaben";
    public static final String USER = "postgres";
    /** A Unix socket path is at most 107 bytes: a folder deeper than this gets no socket (TCP is enough). */
    private static final int SOCKET_DIR_MAX = 90;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;

    private PrivatePostgres(Path bin, Path dir) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = FreePort.next();
    }

    /** The newest installed PostgreSQL's bin folder with initdb and pg_ctl. */
    static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())));
        } catch (IOException none) {
            return Optional.empty();
        }
    }

    /** A new cluster in {@code dir} (emptied first), started, with the database {@code skaben}; fsync off. */
    static PrivatePostgres start(Path dir) throws Exception {
        return start(dir, false);
    }

    /** As {@link #start(Path)}; {@code durable}: PostgreSQL's own fsync and commit settings, as in production. */
    public static PrivatePostgres start(Path dir, boolean durable) throws Exception {
        long starting = System.nanoTime();
        PrivatePostgres pg = new PrivatePostgres(binaries().orElseThrow(), dir.toAbsolutePath());
        pg.create(durable);
        System.out.printf("PostgreSQL %s in %s started in %d ms%n", pg.bin.getParent().getFileName(), dir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting));
        return pg;
    }

    private void create(boolean durable) throws Exception {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            // a run that died before it stopped its cluster
            stopQuietly();
        }
        Commands.run(List.of("rm", "-rf", dir.toString()));
        Files.createDirectories(dir);
        if (Commands.isRoot()) {
            Commands.run(List.of("chown", USER + ":", dir.toString()));
        }
        asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER,
                "-E", "UTF8", "--no-sync", "--no-instructions");
        String socketDir = dir.toString().length() <= SOCKET_DIR_MAX ? dir.toString() : "";
        // fsync off: a test database need not survive a power cut, and it is much faster on a loaded machine
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c fsync=" + (durable ? "on" : "off")
                        + " -c max_connections=100 -c unix_socket_directories='" + socketDir + "'", "start");
        Commands.atExit("stop-postgres", this::stopQuietly);
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    /** The JDBC URL of the test database. */
    public String url() {
        return url(DATABASE);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (Commands.isRoot()) {
            line.addAll(List.of("runuser", "-u", USER, "--"));
        }
        line.addAll(List.of(command));
        Commands.run(line);
    }

    private void stopQuietly() {
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
        } catch (IOException | InterruptedException | IllegalStateException e) {
            System.err.println("could not stop PostgreSQL in " + data + ": " + e.getMessage());
        }
    }
}
