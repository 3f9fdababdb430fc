package org.skaben.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's mosquitto on a free loopback port for one test class: anonymous MQTT 3.1.1 and 5 (shared
 * subscriptions), nothing kept across a restart, its log in a file beside its config. It can be stopped and
 * started again on the same port (the broker-restart test). The benchmark starts one with settings of its own.
 */
public final class PrivateMosquitto implements AutoCloseable {

    /** The tests': a QoS 1 backlog for a busy server is queued, not dropped (the default keeps 1000 per client). */
    private static final String TEST_SETTINGS = "allow_anonymous true\npersistence false\nmax_queued_messages 100000\n";

    private final Path config;
    private final Path log;
    private final int port;
    private Process process;
    private Thread stopAtExit;

    private PrivateMosquitto(Path dir, String settings) throws IOException {
        Files.createDirectories(dir);
        port = FreePort.next();
        config = dir.resolve("mosquitto.conf");
        log = dir.resolve("mosquitto.log");
        Files.writeString(config, "listener " + port + " 127.0.0.1\n" + settings + "\nlog_dest stderr\n"
                + "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
    }

    static PrivateMosquitto start(Path dir) throws Exception {
        return start(dir, TEST_SETTINGS);
    }

    /** One with {@code settings} (mosquitto.conf lines) in place of the tests' own; the listener and log are added. */
    public static PrivateMosquitto start(Path dir, String settings) throws Exception {
        PrivateMosquitto broker = new PrivateMosquitto(dir.toAbsolutePath(), settings);
        broker.startAgain();
        broker.stopAtExit = Commands.atExit("stop-mosquitto", broker::stop);
        return broker;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker (again) on its port, and returns once it accepts connections. */
    void startAgain() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("mosquitto is running");
        }
        process = new ProcessBuilder(ClusterPrerequisites.MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!FreePort.awaitListening(port, Duration.ofSeconds(10))) {
            stop();
            throw new IllegalStateException("mosquitto did not listen on " + port + " within 10 s; see " + log);
        }
    }

    /** Stops the broker (SIGTERM) and waits for its end: every client loses its connection. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where it logs (its notices say when it drops messages for a slow client). */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
        Commands.doneAtExit(stopAtExit);
    }
}
