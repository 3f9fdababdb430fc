package org.skaben.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.hsqldb.jdbc.JDBCDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.api.Test;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.DeviceRepository;
import org.skaben.device.DeviceTypeRepository;

class DevicesOnlineTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JDBCDataSource db = database();
    private final DeviceRegistry devices = new DeviceRegistry(new DeviceRepository(db), new DeviceTypeRepository(db), true);

    private static JDBCDataSource database() {
        JDBCDataSource db = new JDBCDataSource();
        db.setUrl("jdbc:hsqldb:mem:online-" + System.nanoTime());
        db.setUser("SA");
        Flyway.configure().dataSource(db).load().migrate();
        return db;
    }

    private double online(String type) {
        return registry.get("skaben.devices.online").tag("type", type).gauge().value();
    }

    @Test
    void countsTheDevicesOfEachTypeSeenWithinTheWindow() {
        DevicesOnline gauge = new DevicesOnline(registry, devices, 60_000);
        devices.register(devices.requireType("lock"), "000000000001");
        devices.register(devices.requireType("lock"), "000000000002");
        devices.register(devices.requireType("lock"), "000000000003");
        devices.register(devices.requireType("terminal"), "000000000004");
        devices.lastSeen().mark("000000000001");
        devices.lastSeen().mark("000000000002");
        devices.lastSeen().mark("000000000004");
        assertEquals(2, online("lock"), "a registered device never heard from is not online");
        assertEquals(1, online("terminal"));
        assertEquals(0, online("rgb"));
        assertEquals(0, new DevicesOnline(new SimpleMeterRegistry(), devices, -1).online("lock"),
                "outside the window is offline");
        gauge.refresh();
        assertEquals(2, online("lock"));
    }

    @Test
    void aTypeCreatedLaterAppearsOnRefresh() {
        DevicesOnline gauge = new DevicesOnline(registry, devices, 60_000);
        // created as the operator API's route does it: the row, then the registry reads the types again
        new JdbcTemplate(db).update("INSERT INTO device_type (name, smart, active, default_config, sup_fields) "
                + "VALUES ('fog', FALSE, TRUE, '{}', '{}')");
        devices.reloadTypes();
        gauge.refresh();
        devices.register(devices.requireType("fog"), "000000000005");
        devices.lastSeen().mark("000000000005");
        assertEquals(1, online("fog"));
    }
}
