package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cluster tests need from the machine: PostgreSQL ({@link TestPostgres}), mosquitto and the packaged
 * server. Missing, the tests are skipped with the reason, or fail with it under -Dskaben.test.cluster=required
 * (.ci/run, which installs them).
 */
public final class ClusterPrerequisites {

    public static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    private ClusterPrerequisites() {
    }

    /** True when the machine has everything: the class may start its servers (each test checks again). */
    static boolean met() {
        return missing().isEmpty();
    }

    /**
     * Called before each test (an assumption in {@code @BeforeAll} would skip the class without a word in the
     * reports): skips the test with the reason, or fails it when the cluster tests are required.
     */
    static void check() {
        skipOrFail(missing());
    }

    /** Skips the test for what is missing, or fails it under -Dskaben.test.cluster=required; nothing missing, nothing. */
    public static void skipOrFail(List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String reason = "the test needs " + String.join(", ", missing);
        if ("required".equals(System.getProperty("skaben.test.cluster"))) {
            fail(reason + ", but -Dskaben.test.cluster=required");
        }
        assumeTrue(false, reason);
    }

    private static List<String> missing() {
        List<String> missing = new ArrayList<>(TestPostgres.missing());
        if (!Files.isExecutable(MOSQUITTO)) {
            missing.add(MOSQUITTO + " (apt-get install mosquitto)");
        }
        if (!Files.isRegularFile(ServerProcess.JAR)) {
            missing.add(ServerProcess.JAR + " (built by mvn package)");
        }
        return missing;
    }
}
