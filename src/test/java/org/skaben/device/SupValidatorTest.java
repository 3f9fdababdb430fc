package org.skaben.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skaben.protocol.PacketRefused;

class SupValidatorTest {

    private final DeviceType lock = new DeviceType("lock", true, true, Map.of(),
            Map.of("closed", "boolean", "blocked", "boolean", "timer", "integer", "level", "number"));

    @Test
    void acceptsKnownFieldsOfTheRightKind() {
        assertEquals(Map.of("closed", false), SupValidator.validate(lock, Map.of("closed", false)));
    }

    @Test
    void acceptsNumericStringsWhereANumberIsExpected() {
        assertEquals(Map.of("timer", 15L, "level", 1.5),
                SupValidator.validate(lock, Map.of("timer", "15", "level", "1.5")));
    }

    @Test
    void refusesFieldsTheDeviceMayNotChange() {
        PacketRefused e = assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, Map.of("acl", Map.of())));
        assertEquals("field 'acl' may not be changed by a lock device (allowed: blocked, closed, level, timer)",
                e.reason());
    }

    @Test
    void refusesWrongKinds() {
        assertEquals("field 'closed' must be a boolean", assertThrows(PacketRefused.class,
                () -> SupValidator.validate(lock, Map.of("closed", "no"))).reason());
        assertEquals("field 'timer' must be an integer", assertThrows(PacketRefused.class,
                () -> SupValidator.validate(lock, Map.of("timer", 1.5))).reason());
    }

    @Test
    void refusesADataholdThatIsNotAnObject() {
        assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, List.of("closed")));
        assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, "closed"));
        assertThrows(PacketRefused.class, () -> SupValidator.validate(lock, Map.of()));
    }
}
