package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cluster tests need from the machine: PostgreSQL's server programs, mosquitto and the packaged
 * server. Missing, the tests are skipped with the reason, or fail with it under -Dskaben.test.cluster=required
 * (.ci/run, which installs them).
 */
final class ClusterPrerequisites {

    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

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
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        String reason = "the cluster tests need " + String.join(", ", missing);
        if ("required".equals(System.getProperty("skaben.test.cluster"))) {
            fail(reason);
        }
        assumeTrue(false, reason);
    }

    private static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (PrivatePostgres.binaries().isEmpty()) {
            missing.add("PostgreSQL's initdb and pg_ctl in /usr/lib/postgresql/*/bin (apt-get install postgresql)");
        }
        if (!Files.isExecutable(MOSQUITTO)) {
            missing.add(MOSQUITTO + " (apt-get install mosquitto)");
        }
        if (!Files.isRegularFile(ServerProcess.JAR)) {
            missing.add(ServerProcess.JAR + " (built by mvn package)");
        }
        return missing;
    }
}
