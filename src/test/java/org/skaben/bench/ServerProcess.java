package org.skaben.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skaben.device.Json;

/**
 * The packaged server (target/skaben-server.jar) as its own process, as the benchmark programs start it: embedded
 * broker and REST API on 127.0.0.1, an HSQLDB file database in {@code data} (or {@code bench.db-url}), device
 * logins as {@link BenchServer#LOGIN} says, routes not reloaded, the API token "bench". Started again on the same {@code data}, it finds
 * the database of the run before (on new ports: the old HTTP port may still be held by closed connections).
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    int mqttPort = BenchServer.freePort();
    int httpPort = BenchServer.freePort();
    private final Path data;
    private final String maxHeap;
    private final int pingSeconds;
    private final String dbUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    // server settings given on top of the above (-D, after them: these win), e.g. an external broker or database
    private final java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    private Process process;
    private long startedNanos;

    /** {@code maxHeap} as -Xmx takes it ("256m"); {@code dbUrl} empty: an HSQLDB file in {@code data}. */
    ServerProcess(Path data, String maxHeap, int pingSeconds, String dbUrl) {
        this.data = data;
        this.maxHeap = maxHeap;
        this.pingSeconds = pingSeconds;
        this.dbUrl = dbUrl;
    }

    /** A server setting on top of the defaults above (before {@link #start}). */
    ServerProcess with(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** The server's broker: its embedded one, or skaben.mqtt.url given with {@link #with}. */
    String brokerUrl() {
        return settings.getOrDefault("skaben.mqtt.url", "tcp://127.0.0.1:" + mqttPort);
    }

    /** Starts the process (-Dbench.server-jvm-args go to its JVM) and returns; {@link #startedNanos()} is when. */
    void launch() throws IOException {
        if (process != null) {
            mqttPort = BenchServer.freePort();
            httpPort = BenchServer.freePort();
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -Dbench.server-dir: another checkout's server (its jar and its routes/), to compare commits in one session
        File dir = new File(System.getProperty("bench.server-dir", "."));
        File jar = new File(dir, "target/skaben-server.jar");
        if (!jar.exists()) {
            throw new IllegalStateException("build the server first: mvn -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx" + maxHeap));
        String extra = System.getProperty("bench.server-jvm-args", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of(
                "-Dskaben.mqtt.host=127.0.0.1", "-Dskaben.mqtt.port=" + mqttPort,
                "-Dskaben.http.host=127.0.0.1", "-Dskaben.http.port=" + httpPort,
                "-Dskaben.data-dir=" + data.resolve("server"),
                "-Dskaben.mqtt.data-dir=" + data.resolve("broker"),
                "-Dskaben.db.url=" + (dbUrl.isBlank()
                        ? BenchServer.hsqldbUrl(data)
                        : dbUrl),
                "-Dskaben.ping.interval-seconds=" + pingSeconds,
                "-Dskaben.http.token=bench",
                "-Dcamel.main.routes-reload-enabled=false"));
        BenchServer.loginSettings().forEach((key, value) -> command.add("-D" + key + "=" + value));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.getPath()));
        startedNanos = System.nanoTime();
        process = new ProcessBuilder(command)
                .directory(dir)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
    }

    /** Starts the process and waits until the API answers (60 s at most). */
    void start() throws Exception {
        launch();
        awaitOk("/api/types", Duration.ofSeconds(60), Duration.ofMillis(200));
    }

    /** Waits until GET {@code path} answers 200, asking every {@code every}; returns System.nanoTime() then. */
    long awaitOk(String path, Duration within, Duration every) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited; see " + log());
            }
            try {
                if (get(path).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(every.toMillis());
        }
        // not left running behind the benchmark that gives up on it
        process.destroyForcibly();
        throw new IllegalStateException("server did not answer " + path + " in " + within + " (stopped); see " + log());
    }

    long startedNanos() {
        return startedNanos;
    }

    /** The CPU time the server's process (its embedded broker with it) has used so far, in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("the server process's CPU time cannot be read here")).toNanos();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return data.resolve("server.log");
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer bench")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Journal entries of {@code kind} since {@code sinceMillis} (epoch millis). */
    long count(String kind, long sinceMillis) throws Exception {
        String body = get("/api/events/count?kind=" + kind + "&since=" + Instant.ofEpochMilli(sinceMillis)).body();
        return ((Number) Json.readObject(body).get("count")).longValue();
    }

    /** {@code jcmd GC.run}, then {@code GC.heap_info}: its text. */
    String heapAfterGc() throws Exception {
        run("jcmd", String.valueOf(process.pid()), "GC.run");
        return run("jcmd", String.valueOf(process.pid()), "GC.heap_info");
    }

    /** The first {@code lines} lines of {@code jcmd GC.class_histogram} (live objects only: it runs a full GC). */
    String histogram(int lines) throws Exception {
        return run("jcmd", String.valueOf(process.pid()), "GC.class_histogram").lines().limit(lines + 3L)
                .collect(java.util.stream.Collectors.joining(System.lineSeparator()));
    }

    /** The "used" figure of a {@code GC.heap_info} text, in MB (-1 when it has none). */
    static double usedMb(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? Long.parseLong(m.group(2)) / 1024.0 : -1;
    }

    /** Stops the process as a service manager would (SIGTERM) and waits for it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
