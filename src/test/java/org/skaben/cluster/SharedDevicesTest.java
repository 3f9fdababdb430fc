package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.device.ConfigHasher;
import org.skaben.device.Device;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceRepository;
import org.skaben.device.DeviceTypeRepository;
import org.skaben.device.RetiredDeviceRepository;
import org.skaben.protocol.Packet;
import org.skaben.protocol.Topic;

/**
 * Devices of two instances on one PostgreSQL: a change made through an instance whose cache is behind starts
 * from the database's row and writes only its own columns, so neither instance overwrites the other's change.
 */
class SharedDevicesTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(SharedDevicesTest.class);

    private DataSource database;
    private DeviceRepository rows;

    @BeforeEach
    void rows() {
        database = POSTGRES.dataSource();
        rows = new DeviceRepository(database);
    }

    private DeviceRegistry instance() {
        return new DeviceRegistry(rows, new DeviceTypeRepository(database),
                new RetiredDeviceRepository(database), true, type -> null, true,
                org.skaben.cluster.ChangeNotices.NONE);
    }

    private Device row(String uid) {
        return rows.find(uid).orElseThrow();
    }

    private static String newUid() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Packet packet(String uid) {
        return new Packet("ask/lock/" + uid + "/pong", new Topic("lock", uid, "pong"), Map.of(), 0);
    }

    @Test
    void aChangeThroughAnInstanceBehindKeepsTheOtherInstancesChange() {
        DeviceRegistry a = instance();
        DeviceRegistry b = instance();
        String uid = newUid();
        a.register(a.requireType("lock"), uid);
        // b has not heard of the device: a game master's change through it still reaches it
        b.updateConfig(uid, Map.of("timer", 20), false);
        // a's cache still has timer 10: a SUP through a changes closed, and keeps b's timer
        Device afterSup = a.applyReported(uid, Map.of("closed", false));
        assertEquals(20, ((Number) afterSup.config().get("timer")).intValue());
        assertEquals(false, afterSup.config().get("closed"));
        assertEquals(Map.of("closed", false), afterSup.reportedState());
        // b takes the device over; a's cache says it is not, and a's config change leaves the override alone
        b.setOverride(uid, true);
        a.updateConfig(uid, Map.of("sound", true), false);
        Device stored = row(uid);
        assertTrue(stored.override(), "the override b set is kept");
        assertEquals(Map.of("closed", false), stored.reportedState());
        assertEquals(true, stored.config().get("sound"));
        assertEquals(20, ((Number) stored.config().get("timer")).intValue());
        assertEquals(false, stored.config().get("closed"));
        assertEquals(ConfigHasher.hash(stored.config()), stored.hash());
        assertEquals(stored, a.require(uid), "a's cache holds what it wrote");
    }

    @Test
    void concurrentChangesOfOneDeviceThroughBothInstancesAreAllKept() throws Exception {
        DeviceRegistry a = instance();
        DeviceRegistry b = instance();
        String uid = newUid();
        a.register(a.requireType("lock"), uid);
        b.admit(packet(uid));
        List<CompletableFuture<Void>> changes = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            DeviceRegistry instance = thread % 2 == 0 ? a : b;
            String prefix = "f" + thread + "_";
            changes.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 10; i++) {
                    instance.updateConfig(uid, Map.of(prefix + i, i), false);
                }
            }));
        }
        for (CompletableFuture<Void> c : changes) {
            c.get(60, TimeUnit.SECONDS);
        }
        Map<String, Object> config = row(uid).config();
        for (int thread = 0; thread < 4; thread++) {
            for (int i = 0; i < 10; i++) {
                assertTrue(config.containsKey("f" + thread + "_" + i), "f" + thread + "_" + i + " in " + config);
            }
        }
    }

    @Test
    void aDeviceHeardByBothInstancesAtOnceIsRegisteredOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            DeviceRegistry a = instance();
            DeviceRegistry b = instance();
            String uid = newUid();
            CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> a.admit(packet(uid)));
            CompletableFuture<String> onB = CompletableFuture.supplyAsync(() -> b.admit(packet(uid)));
            List<String> admissions = new ArrayList<>(List.of(onA.get(10, TimeUnit.SECONDS), onB.get(10, TimeUnit.SECONDS)));
            admissions.sort(null);
            assertEquals(List.of(DeviceRegistry.KNOWN, DeviceRegistry.REGISTERED), admissions, uid);
            assertEquals("lock", row(uid).type());
        }
    }
}
