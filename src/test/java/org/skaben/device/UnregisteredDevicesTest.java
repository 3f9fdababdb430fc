package org.skaben.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnregisteredDevicesTest {

    @Test
    void theFirstRefusalIsJournaledAndTheRepeatsCounted() {
        UnregisteredDevices book = new UnregisteredDevices();
        assertTrue(book.refused("aabbccddeeff", "lock", "not now", 1_000));
        assertFalse(book.refused("aabbccddeeff", "lock", "not now", 2_000));
        assertFalse(book.refused("aabbccddeeff", "lock", "not now", 3_000));
        assertEquals(List.of(new UnregisteredDevices.Heard("aabbccddeeff", "lock", 1_000, 3_000, 3, "not now")), book.list());
    }

    @Test
    void aRegisteredDeviceIsForgottenAndWouldBeJournaledAgain() {
        UnregisteredDevices book = new UnregisteredDevices();
        book.refused("aabbccddeeff", "lock", "not now", 1_000);
        book.forget("aabbccddeeff");
        assertEquals(List.of(), book.list());
        assertTrue(book.refused("aabbccddeeff", "lock", "not now", 2_000));
    }

    @Test
    void theNewestFirstAndTheBookIsBounded() {
        UnregisteredDevices book = new UnregisteredDevices();
        for (int i = 0; i < UnregisteredDevices.LIMIT; i++) {
            book.refused(String.format("%012x", i), "lock", "not now", i);
        }
        assertEquals(String.format("%012x", UnregisteredDevices.LIMIT - 1), book.list().get(0).uid());
        // beyond the limit nothing more is kept: each refusal of a new device is journaled
        assertTrue(book.refused("ffffffffffff", "lock", "not now", 5));
        assertTrue(book.refused("ffffffffffff", "lock", "not now", 6));
        assertEquals(UnregisteredDevices.LIMIT, book.list().size());
    }
}
