package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.device.DeviceType;

/** The rows AlertRoutes' and TypeRoutes' sql: steps read, as the API answers them. */
class ApiRowsTest {

    @Test
    void theCounterRowIsItsViewWithoutAChangeBeforeTheFirst() {
        AlertApi api = new AlertApi(null, null, "scl");
        Map<String, Object> row = new HashMap<>();
        row.put("counter", 0);
        row.put("state_name", "white");
        row.put("state_id", 1);
        row.put("in_game", false);
        assertEquals(new AlertApi.CounterView(0, "white", 1, false, null, null, null), api.counter(row));
        row.put("changed_at", 1_000L);
        row.put("reason", "test");
        row.put("source", "operator");
        assertEquals(new AlertApi.CounterView(0, "white", 1, false, "1970-01-01T00:00:01Z", "test", "operator"),
                api.counter(row));
        row.put("counter", 250);
        assertEquals(List.of(new AlertApi.CounterEntryView(250, "white", "1970-01-01T00:00:01Z", "test", "operator")),
                api.history(List.of(row)));
    }

    @Test
    void theStateRowsMarkTheCurrentOne() {
        Map<String, Object> row = new HashMap<>(Map.of("id", 4, "name", "green", "in_game", true, "threshold", 0,
                "sort_order", 4, "counter_increase", 5, "counter_decrease", 1, "auto_change", "none",
                "auto_level", 0, "auto_timeout", 0));
        row.put("is_current", true);
        assertEquals(List.of(new AlertApi.AlertStateView(4, "green", true, 0, 4, 5, 1, "none", 0, 0, true)),
                new AlertApi(null, null, "scl").states(List.of(row)));
    }

    @Test
    void aTypeRowIsItsViewAndATypeIsStoredAsJson() {
        TypeApi api = new TypeApi(null);
        assertEquals(List.of(new TypeApi.TypeView("fog", false, true, Map.of("on", true), Map.of("on", "boolean"))),
                api.types(List.of(Map.of("name", "fog", "smart", false, "active", true,
                        "default_config", "{\"on\":true}", "sup_fields", "{\"on\":\"boolean\"}"))));
        DeviceType fog = new DeviceType("fog", false, true, Map.of("on", true), Map.of("on", "boolean"));
        assertEquals("{\"on\":true}", fog.defaultConfigJson());
        assertEquals("{\"on\":\"boolean\"}", fog.supFieldsJson());
    }
}
