package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journal query's checks before EventRoutes' sql: steps, which statement serves it, and its rows. */
class EventApiTest {

    private final EventApi api = new EventApi();

    @Test
    void theQueryIsCheckedAndNamesTheStatementOfItsFilters() {
        EventApi.Query all = api.query(null, "", null, null, null);
        assertEquals(new EventApi.Query(null, null, 0, 100, null), all);
        assertEquals("all", all.filter());
        assertEquals("by-device", api.query("AA:BB:CC:DD:EE:FF", null, null, null, null).filter());
        assertEquals("aabbccddeeff", api.query("AA:BB:CC:DD:EE:FF", null, null, null, null).uid());
        assertEquals("by-kind", api.query(null, "info", null, null, null).filter());
        assertEquals("by-device-and-kind", api.query("aabbccddeeff", "info", null, null, null).filter());
        assertEquals(new EventApi.Query(null, null, 60_000, 5, 42L), api.query(null, null, "60", "5", "42"));
        assertEquals(1_000L, api.countQuery(null, null, "1970-01-01T00:00:01Z").since());
        for (String[] bad : new String[][] {{null, "Info!", null, null, null}, {null, null, "yesterday", null, null},
                {null, null, null, "0", null}, {null, null, null, null, "x"}, {"all", null, null, null, null}}) {
            assertEquals(400, assertThrows(ApiException.class,
                    () -> api.query(bad[0], bad[1], bad[2], bad[3], bad[4])).status(), String.join(",", List.of(
                            String.valueOf(bad[0]), String.valueOf(bad[1]), String.valueOf(bad[2]),
                            String.valueOf(bad[3]), String.valueOf(bad[4]))));
        }
    }

    @Test
    void aRowIsShownAsTheLiveJournalShowsIt() {
        Map<String, Object> row = new java.util.HashMap<>(Map.of("id", 3L, "occurred_at", 2_000L, "kind", "info",
                "source", "device", "device_type", "lock", "uid", "aabbccddeeff", "detail", "{}"));
        row.put("topic", null);
        Map<String, Object> entry = api.entries(List.of(row)).get(0);
        assertEquals(List.of("id", "time", "kind", "source", "type", "uid", "topic", "detail"), List.copyOf(entry.keySet()));
        assertEquals("1970-01-01T00:00:02Z", entry.get("time"));
        assertEquals("lock", entry.get("type"));
        assertEquals(new EventApi.EventCount(4), api.count(4L));
    }
}
