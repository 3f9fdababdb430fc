package org.skaben.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.protocol.PacketRefused;

class SupValidatorTest {

    private final DeviceType lock = new DeviceType("lock", true, true, Map.of(),
            Map.of("closed", "boolean", "blocked", "boolean", "timer", "integer", "level", "number"));
    private final DeviceType terminal = new DeviceType("terminal", true, true, Map.of(),
            Map.of("blocked", "boolean", "hacked", "boolean"));

    @Test
    void acceptsKnownFieldsOfTheRightKind() {
        SupValidator.Checked sup = SupValidator.validate(lock, Map.of("closed", false));
        assertEquals(Map.of("closed", false), sup.accepted());
        assertEquals(List.of(), sup.ignored());
        assertEquals("{\"closed\":false}", sup.journalDetail());
    }

    @Test
    void acceptsNumericStringsWhereANumberIsExpected() {
        assertEquals(Map.of("timer", 15L, "level", 1.5),
                SupValidator.validate(lock, Map.of("timer", "15", "level", "1.5")).accepted());
    }

    @Test
    void appliesTheAllowedFieldsOfTheDeployedTerminalAndLeavesItsAssetsOut() {
        // as device_konsole sends it: its local assets ride along with every SUP
        Map<String, Object> datahold = new LinkedHashMap<>();
        datahold.put("hacked", true);
        datahold.put("assets", Map.of());
        SupValidator.Checked sup = SupValidator.validate(terminal, datahold);
        assertEquals(Map.of("hacked", true), sup.accepted());
        assertEquals(List.of("assets"), sup.ignored());
        assertEquals("{\"hacked\":true} (left out, a terminal may not change: assets)", sup.journalDetail());
    }

    @Test
    void refusesASupWithNothingTheTypeAllows() {
        PacketRefused e = assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, Map.of("acl", Map.of())));
        assertEquals("SUP datahold has no field a lock device may change: acl (allowed: blocked, closed, level, timer)",
                e.reason());
    }

    @Test
    void aWrongValueOfAnAllowedFieldRefusesTheWholeSup() {
        Map<String, Object> datahold = new LinkedHashMap<>();
        datahold.put("closed", false);
        datahold.put("assets", Map.of());
        datahold.put("timer", 1.5);
        assertEquals("field 'timer' must be an integer",
                assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, datahold)).reason());
    }

    @Test
    void refusesWrongKinds() {
        assertEquals("field 'closed' must be a boolean", assertThrows(PacketRefused.class,
                () -> SupValidator.validate(lock, Map.of("closed", "no"))).reason());
        assertEquals("field 'timer' must be an integer", assertThrows(PacketRefused.class,
                () -> SupValidator.validate(lock, Map.of("timer", 1.5))).reason());
    }

    @Test
    void leftOutNamesArePrintableAndCountedBeyondTen() {
        Map<String, Object> datahold = new LinkedHashMap<>();
        datahold.put("closed", true);
        for (int i = 0; i < 12; i++) {
            datahold.put("x" + i, i);
        }
        datahold.put("bad\nname", 1);
        String detail = SupValidator.validate(lock, datahold).journalDetail();
        assertEquals("{\"closed\":true} (left out, a lock may not change: x0, x1, x2, x3, x4, x5, x6, x7, x8, x9"
                + " and 3 more)", detail);
        assertEquals("bad?name", SupValidator.names(List.of("bad\nname")));
    }

    @Test
    void refusesADataholdThatIsNotAnObject() {
        assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, List.of("closed")));
        assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, "closed"));
        assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, Map.of()));
    }
}
