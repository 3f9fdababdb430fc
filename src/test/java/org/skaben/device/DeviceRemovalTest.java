package org.skaben.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.skaben.game.GameRefused;
import org.skaben.protocol.Packet;
import org.skaben.protocol.PacketRefused;
import org.skaben.protocol.PacketReader;
import org.springframework.jdbc.core.JdbcTemplate;

/** DeviceRegistry.delete and replace: the database and the caches agree, all or nothing, and a retired uid stays so. */
class DeviceRemovalTest {

    private final JDBCDataSource db = database();
    private final DeviceRegistry registry = registry();
    private final JdbcTemplate jdbc = new JdbcTemplate(db);

    private static JDBCDataSource database() {
        JDBCDataSource db = new JDBCDataSource();
        db.setUrl("jdbc:hsqldb:mem:removal-" + System.nanoTime());
        db.setUser("SA");
        Flyway.configure().dataSource(db).load().migrate();
        return db;
    }

    private DeviceRegistry registry() {
        return new DeviceRegistry(new DeviceRepository(db), new DeviceTypeRepository(db), new RetiredDeviceRepository(db),
                true, type -> null);
    }

    private static Packet pong(String uid) {
        return new PacketReader(10_000, 16).read("ask/lock/" + uid + "/pong", "{\"timestamp\": 1}".getBytes());
    }

    private int rows(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    @Test
    void aDeletedDeviceIsForgottenAndRegistersAgainAsNew() {
        registry.register(registry.requireType("lock"), "00000000000a");
        registry.updateConfig("00000000000a", Map.of("timer", 42), false);
        registry.lastSeen().mark("00000000000a");
        registry.delete("00000000000a", () -> { });
        assertTrue(registry.find("00000000000a").isEmpty());
        assertNull(registry.lastSeen().lastSeen("00000000000a"));
        assertEquals(0, rows("SELECT COUNT(*) FROM device WHERE uid = '00000000000a'"));
        assertThrows(DeviceRegistry.NotFound.class, () -> registry.delete("00000000000a", () -> { }));
        assertEquals(DeviceRegistry.REGISTERED, registry.admit(pong("00000000000a")));
        assertEquals(10, registry.require("00000000000a").config().get("timer"));
    }

    @Test
    void aFailureAlongsideKeepsTheDevice() {
        registry.register(registry.requireType("lock"), "00000000000b");
        assertThrows(IllegalStateException.class, () -> registry.delete("00000000000b", () -> {
            throw new IllegalStateException("refused");
        }));
        assertTrue(registry.find("00000000000b").isPresent());
        assertEquals(1, rows("SELECT COUNT(*) FROM device WHERE uid = '00000000000b'"));
    }

    @Test
    void aReplacementTakesTheConfigAndOverrideAndTheOldUidIsRefusedAfterARestart() {
        registry.register(registry.requireType("lock"), "00000000000c");
        registry.updateConfig("00000000000c", Map.of("timer", 25), false);
        registry.setOverride("00000000000c", true);
        Device fresh = registry.replace("00000000000c", "00000000000d", () -> { });
        assertEquals(25, fresh.config().get("timer"));
        assertTrue(fresh.override());
        assertTrue(registry.find("00000000000c").isEmpty());
        assertEquals(fresh, registry.require("00000000000d"));
        assertEquals(DeviceRegistry.KNOWN, registry.admit(pong("00000000000d")));

        DeviceRegistry restarted = registry();
        assertEquals(25, restarted.require("00000000000d").config().get("timer"));
        PacketRefused first = assertThrows(PacketRefused.class, () -> restarted.admit(pong("00000000000c")));
        assertEquals("device 00000000000c is retired: replaced by 00000000000d", first.reason());
        assertTrue(PacketRefused.journaled(first));
        assertFalse(PacketRefused.journaled(assertThrows(PacketRefused.class, () -> restarted.admit(pong("00000000000c")))),
                "journaled once");
        // registered by hand, it is no longer retired
        restarted.register(restarted.requireType("lock"), "00000000000c");
        assertEquals(0, rows("SELECT COUNT(*) FROM retired_device"));
        assertEquals(DeviceRegistry.KNOWN, restarted.admit(pong("00000000000c")));
    }

    @Test
    void aReplacementIsAllOrNothing() {
        registry.register(registry.requireType("lock"), "00000000000e");
        registry.register(registry.requireType("terminal"), "00000000000f");
        assertEquals(409, assertThrows(GameRefused.class,
                () -> registry.replace("00000000000e", "00000000000f", () -> { })).status());
        assertThrows(IllegalStateException.class, () -> registry.replace("00000000000e", "000000000010", () -> {
            throw new IllegalStateException("refused");
        }));
        assertTrue(registry.find("00000000000e").isPresent());
        assertTrue(registry.find("000000000010").isEmpty());
        assertEquals(0, rows("SELECT COUNT(*) FROM device WHERE uid = '000000000010'"));
        assertEquals(0, rows("SELECT COUNT(*) FROM retired_device"));
    }
}
