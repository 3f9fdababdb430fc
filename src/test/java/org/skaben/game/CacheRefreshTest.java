package org.skaben.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A route's sql: write, then cacheRefresh.changed(view): the view holds what the table now holds. */
class CacheRefreshTest extends GameOnDatabase {

    private CacheRefresh refresh;

    @BeforeEach
    void freshGame() {
        startGame("jdbc:hsqldb:mem:" + UUID.randomUUID(), "classpath:db/migration");
        refresh = new CacheRefresh(access, simple, alert, registry, version, org.skaben.cluster.ChangeNotices.NONE);
    }

    @Test
    void aTypeWrittenToTheTableIsInTheRegistryAfterTheRefresh() {
        db.update("INSERT INTO device_type (name, smart, active, default_config, sup_fields) "
                + "VALUES ('fog', FALSE, TRUE, '{}', '{\"on\":\"boolean\"}')");
        assertTrue(registry.type("fog").isEmpty(), "the registry reads its types from memory");
        refresh.changed(CacheRefresh.TYPES);
        assertEquals(Map.of("on", "boolean"), registry.requireType("fog").supFields());
    }

    @Test
    void aSimpleConfigWrittenToTheTableMovesTheGameVersionOn() {
        long before = version.current();
        db.update("INSERT INTO simple_config (device_type, state_id, config) VALUES ('rgb', 4, '{\"RGB\":\"00FF00\"}')");
        refresh.changed(CacheRefresh.SIMPLE_CONFIGS);
        assertEquals(Map.of("RGB", "00FF00"), simple.find("rgb", 4).orElseThrow());
        assertTrue(version.current() > before, "devices get configs composed from the new rows");
    }

    @Test
    void aStateRedefinedKeepsTheDriftClockRunning() {
        db.update("UPDATE alert_state SET auto_change = 'increase', auto_level = 10, auto_timeout = 1 WHERE name = 'green'");
        refresh.changed(CacheRefresh.ALERT);
        alert.setState("green", "test", "test");
        long changed = System.currentTimeMillis();
        // the reload below comes strictly later than the change: a clock restarted by it would be too late
        while (System.currentTimeMillis() <= changed + 5) {
            Thread.onSpinWait();
        }
        db.update("UPDATE alert_state SET counter_increase = 7 WHERE name = 'green'");
        refresh.changed(CacheRefresh.ALERT);
        assertEquals(7, alert.machine().require("green").counterIncrease());
        assertTrue(alert.drift(changed + 1000).isPresent(), "the state's definition changed, not the counter");
    }

    @Test
    void anUnknownViewIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> refresh.changed("toasters"));
        assertTrue(e.getMessage().contains("types"), e.getMessage());
    }
}
