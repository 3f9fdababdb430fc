package org.skaben.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.skaben.device.Json;

/**
 * One server as operators run it: {@code java -jar target/skaben-server.jar} in its own JVM (so it can be
 * killed with SIGKILL or frozen with SIGSTOP), the project folder as working folder (routes/), its settings as
 * -D options, its output in a log file. The REST API listens on a free loopback port, with a fixed token.
 */
final class ServerProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "skaben-server.jar").toAbsolutePath();
    static final String TOKEN = "cluster-test-token";

    private final String name;
    private final Path log;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private int httpPort;
    private List<String> command;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Thread killAtExit;
    private Process process;
    private boolean paused;

    private ServerProcess(String name, Path dir, Map<String, String> settings) throws IOException {
        this.name = name;
        Files.createDirectories(dir);
        log = dir.resolve("server-" + name + ".log");
        this.settings.put("skaben.data-dir", dir.resolve("data-" + name).toString());
        this.settings.put("skaben.http.host", "127.0.0.1");
        this.settings.put("skaben.http.token", TOKEN);
        this.settings.put("camel.main.routes-reload-enabled", "false");
        this.settings.putAll(settings);
    }

    /**
     * The command line, on a new free port: a killed server's port stays in TIME_WAIT for a minute, and the
     * server's start-up check (HttpPortCheck, which binds without SO_REUSEADDR) refuses such a port.
     */
    private List<String> commandOnAFreePort() {
        httpPort = FreePort.next();
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // two servers, PostgreSQL, mosquitto and the tests share two cores: small heaps, quick start-up
        line.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        settings.forEach((k, v) -> line.add("-D" + k + "=" + v));
        line.add("-Dskaben.http.port=" + httpPort);
        line.addAll(List.of("-jar", JAR.toString()));
        return line;
    }

    /** Starts the server; {@link #awaitReady} waits for it. */
    static ServerProcess start(String name, Path dir, Map<String, String> settings) throws IOException {
        ServerProcess server = new ServerProcess(name, dir.toAbsolutePath(), settings);
        server.startAgain();
        server.killAtExit = Commands.atExit("kill-server", server::killQuietly);
        return server;
    }

    /** Starts the server again (after a kill), with the same settings; its log goes on. */
    void startAgain() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        command = commandOnAFreePort();
        Files.writeString(log, "=== " + String.join(" ", command) + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        paused = false;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until GET /health/ready answers 200; fails with the end of the log when the process ended. */
    ServerProcess awaitReady(Duration timeout) throws Exception {
        Waits.until(name + " ready (GET /health/ready 200; log " + log + ")", timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended with " + process.exitValue() + ": " + logTail());
            }
            try {
                return get("/health/ready").statusCode() == 200;
            } catch (IOException notListening) {
                return false;
            }
        });
        return this;
    }

    /** The last lines of the server's log, for a failure message. */
    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGKILL: the JVM ends at once, nothing of it runs any more (no shutdown hook, no goodbye to the broker). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The lines of the server's log (of every start) that contain {@code text}. */
    List<String> logLines(String text) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(text)).toList();
    }

    /** SIGSTOP: the JVM is frozen, its connections stay open. */
    void pause() throws Exception {
        Commands.signal(pid(), "STOP");
        paused = true;
    }

    /** SIGCONT: the frozen JVM runs on. */
    void resume() throws Exception {
        Commands.signal(pid(), "CONT");
        paused = false;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** An API call that must succeed: its JSON object (empty when it answers none). */
    Map<String, Object> ok(String method, String path, String body) throws Exception {
        HttpResponse<String> response = call(method, path, body);
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new AssertionError(name + ": " + method + " " + path + " answered " + response.statusCode() + " "
                    + response.body());
        }
        return response.body().startsWith("{") ? Json.readObject(response.body()) : Map.of();
    }

    /** The sum of a meter's samples with these tags, from GET /metrics. */
    double metric(String meter, Map<String, String> tags) throws Exception {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError(name + ": GET /metrics answered " + response.statusCode());
        }
        return PrometheusText.sum(response.body(), meter, tags);
    }

    /** Device packets of this command this server received (skaben_packets_in_total). */
    long packetsIn(String command) throws Exception {
        return (long) metric("skaben_packets_in_total", Map.of("command", command));
    }

    /** Packets of this command this server published (skaben_packets_out_total): PINGs tell the leader. */
    long packetsOut(String command) throws Exception {
        return (long) metric("skaben_packets_out_total", Map.of("command", command));
    }

    private void killQuietly() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** Stops the server as an operator would (SIGTERM), or kills it when it does not end within 20 s. */
    @Override
    public void close() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
        Commands.doneAtExit(killAtExit);
    }
}
