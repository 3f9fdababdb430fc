package org.skaben.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.skaben.cluster.ClusterPrerequisites;

/**
 * A private Debian mosquitto (MQTT 5) on a port of its own, for the tests of the server on an external broker;
 * {@link #startIfInstalled} gives null where it is not installed (.ci/run installs it), and {@link #check} skips
 * the test then, or fails it under -Dskaben.test.cluster=required.
 */
public final class Mosquitto implements AutoCloseable {

    private static final Path BINARY = ClusterPrerequisites.MOSQUITTO;
    private final int port;
    private final Path config;
    private Process process;

    private Mosquitto(int port, String settings) throws IOException {
        this.port = port;
        this.config = Files.createTempFile("mosquitto", ".conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_queued_messages 100000\n" + settings);
    }

    /** Skips the test without Debian's mosquitto, or fails it when the tests require it. */
    public static void check() {
        ClusterPrerequisites.skipOrFail(Files.isExecutable(BINARY) ? List.of()
                : List.of(BINARY + " (apt-get install mosquitto)"));
    }

    /** A mosquitto listening on {@code port} of 127.0.0.1, or null when the binary is not installed. */
    public static Mosquitto startIfInstalled(int port) {
        return startIfInstalled(port, "");
    }

    /** As {@link #startIfInstalled(int)}, with more mosquitto.conf lines. */
    public static Mosquitto startIfInstalled(int port, String settings) {
        if (!Files.isExecutable(BINARY)) {
            return null;
        }
        try {
            Mosquitto broker = new Mosquitto(port, settings);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts it again after {@link #stop} (a broker restart under the server). */
    public void start() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("mosquitto did not start on port " + port);
    }

    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
