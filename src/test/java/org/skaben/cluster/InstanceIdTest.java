package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InstanceIdTest {

    @Test
    void aConfiguredIdIsKept() {
        assertEquals("stage-left", InstanceId.of(" stage-left ").value());
    }

    @Test
    void withoutOneEachStartMakesItsOwn() {
        InstanceId a = InstanceId.of("");
        InstanceId b = InstanceId.of(null);
        assertNotEquals(a, b);
        assertTrue(a.value().matches("[A-Za-z0-9_.-]+-[0-9a-f]{4}"), a.value());
    }

    @Test
    void anEmptyIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InstanceId(" "));
    }
}
