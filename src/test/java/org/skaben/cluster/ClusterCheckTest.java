package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.skaben.SkabenServer;

/** An instance of a cluster refuses to start on the embedded broker or an HSQLDB database, before anything starts. */
class ClusterCheckTest {

    private static final String POSTGRES = "jdbc:postgresql://db:5432/skaben";

    @Test
    void theClusterNeedsAnExternalBrokerAndPostgresql() {
        assertTrue(ClusterCheck.refusal(true, true, POSTGRES).contains("skaben.mqtt.embedded=false"));
        String hsqldb = ClusterCheck.refusal(true, false, "jdbc:hsqldb:file:./data/skaben");
        assertTrue(hsqldb.contains("PostgreSQL") && hsqldb.contains("jdbc:hsqldb:file:./data/skaben"), hsqldb);
        assertNotNull(ClusterCheck.refusal(true, false, ""));
        assertNull(ClusterCheck.refusal(true, false, POSTGRES));
    }

    @Test
    void oneProcessRunsOnAnything() {
        assertNull(ClusterCheck.refusal(false, true, "jdbc:hsqldb:mem:x"));
    }

    @Test
    void aServerStartedAsAClusterInstanceOnTheDefaultsIsRefusedBeforeItStartsAnything() throws Exception {
        Path data = Files.createTempDirectory("skaben-cluster-check");
        Main main = new Main(SkabenServer.class);
        main.setPropertyPlaceholderLocations("classpath:application.properties");
        main.addOverrideProperty("skaben.cluster.enabled", "true");
        main.addOverrideProperty("skaben.data-dir", data.toString());
        // ports nothing listens on: were the check late, the broker or the REST API would try them
        main.addOverrideProperty("skaben.mqtt.port", "1");
        main.addOverrideProperty("camel.server.enabled", "false");
        main.addMainListener(new ClusterCheck());
        IllegalStateException refused = assertThrows(IllegalStateException.class, main::run);
        assertTrue(refused.getMessage().contains("skaben.mqtt.embedded=false"), refused.getMessage());
        // nothing was made in the data folder: neither the broker's files nor the database
        try (var made = Files.list(data)) {
            assertEquals(0, made.count());
        }
    }
}
