package org.skaben.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.skaben.protocol.TopicParser;

class DemoDeviceListTest {

    @Test
    void eachDeviceGetsAStableLocallyAdministeredUidFromItsTypeAndNumber() {
        List<DemoDeviceList.Entry> entries = DemoDeviceList.parse(" lock:2, terminal ,pwr:1");
        assertEquals(List.of(new DemoDeviceList.Entry("lock", 1, "025abe010001"),
                new DemoDeviceList.Entry("lock", 2, "025abe010002"),
                new DemoDeviceList.Entry("terminal", 1, "025abe020001"),
                new DemoDeviceList.Entry("pwr", 1, "025abe050001")), entries);
        assertEquals(entries, DemoDeviceList.parse("lock:2,terminal:1,pwr:1"));
        for (DemoDeviceList.Entry e : entries) {
            // a MAC address the server accepts as it is, whose first byte marks it locally administered
            assertEquals(e.uid(), TopicParser.normaliseUid(e.uid()));
            assertTrue((Integer.parseInt(e.uid().substring(0, 2), 16) & 0x02) != 0);
        }
    }

    @Test
    void anEmptySettingMeansNone() {
        assertEquals(List.of(), DemoDeviceList.parse(""));
        assertEquals(List.of(), DemoDeviceList.parse("  "));
        assertEquals(List.of(), DemoDeviceList.parse(null));
    }

    @Test
    void aBadEntryIsRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoDeviceList.parse("lock:1,door:2"))
                .getMessage().contains("'door:2'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoDeviceList.parse("lock:0"))
                .getMessage().contains("'lock:0'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoDeviceList.parse("lock:x"))
                .getMessage().contains("'lock:x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoDeviceList.parse("lock:1:2"))
                .getMessage().contains("'lock:1:2'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DemoDeviceList.parse("lock:1,lock:2"))
                .getMessage().contains("lock is listed twice"));
    }
}
