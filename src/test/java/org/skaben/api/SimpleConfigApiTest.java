package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skaben.device.DeviceRegistry;
import org.skaben.game.GameOnDatabase;
import org.skaben.game.GameRefused;

/** The checks before SimpleConfigRoutes' sql: steps, and the rows they read as the API answers them. */
class SimpleConfigApiTest extends GameOnDatabase {

    private SimpleConfigApi api;

    @BeforeEach
    void freshGame() {
        startGame("jdbc:hsqldb:mem:" + UUID.randomUUID(), "classpath:db/migration");
        api = new SimpleConfigApi(alert, registry);
    }

    @Test
    void aSlotIsASimpleTypeAndAStateByTheirNames() {
        SimpleConfigApi.Slot slot = api.slot("rgb", "green", Map.of("RGB", "00FF00"));
        assertEquals(new SimpleConfigApi.Slot("rgb", alert.machine().require("green").id(), "green",
                Map.of("RGB", "00FF00")), slot);
        assertEquals("{\"RGB\":\"00FF00\"}", slot.configJson(), "as the simple_config table keeps it");
        assertEquals(400, assertThrows(ApiException.class, () -> api.slot("lock", "green")).status(), "smart");
        assertThrows(DeviceRegistry.NotFound.class, () -> api.slot("toaster", "green"));
        assertEquals(404, assertThrows(GameRefused.class, () -> api.slot("rgb", "purple")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> api.slot("rgb", "green", null)).status(), "no body");
    }

    @Test
    void aRowReadIsTheViewAndNoRowIsA404() {
        SimpleConfigApi.Slot slot = api.slot("rgb", "green");
        assertEquals(new SimpleConfigApi.SimpleConfigView("rgb", "green", Map.of("RGB", "00FF00")),
                api.found(slot, List.of(Map.of("config", "{\"RGB\":\"00FF00\"}"))));
        assertEquals(404, assertThrows(ApiException.class, () -> api.found(slot, List.of())).status());
        assertEquals(404, assertThrows(ApiException.class, () -> api.requireDeleted(slot, 0)).status());
        api.requireDeleted(slot, 1);
        assertEquals(List.of(new SimpleConfigApi.SimpleConfigView("rgb", "red", Map.of("RGB", "FF0000"))),
                api.views(List.of(Map.of("device_type", "rgb", "state_name", "red", "config", "{\"RGB\":\"FF0000\"}"))));
    }

    @Test
    void onlyAChangeForTheCurrentStateIsSentAtOnce() {
        alert.setState("green", "test", "test");
        assertTrue(api.current(api.slot("rgb", "green")));
        assertFalse(api.current(api.slot("rgb", "red")));
    }
}
