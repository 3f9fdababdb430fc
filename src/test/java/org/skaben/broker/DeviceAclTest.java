package org.skaben.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceAclTest {

    private static final String[] LOCK = DeviceAcl.identity("lock_AABBCCDDEEFF");

    @Test
    void aDeviceIsKnownByTypeAndUid() {
        assertArrayEquals(new String[] {"lock", "aabbccddeeff"}, LOCK);
        assertArrayEquals(new String[] {"my_type", "aabbccddeeff"}, DeviceAcl.identity("my_type_aabbccddeeff"));
        assertNull(DeviceAcl.identity("skaben-device"));
        assertNull(DeviceAcl.identity("lock_xyz"));
        assertNull(DeviceAcl.identity(null));
    }

    @Test
    void aDevicePublishesOnlyUnderItsOwnAskTopic() {
        assertTrue(DeviceAcl.mayPublish(LOCK, "ask.lock.aabbccddeeff.pong"));
        assertFalse(DeviceAcl.mayPublish(LOCK, "ask.lock.000000000000.pong"), "not as another lock");
        assertFalse(DeviceAcl.mayPublish(LOCK, "ask.terminal.aabbccddeeff.info"), "not as another type");
        assertFalse(DeviceAcl.mayPublish(LOCK, "lock.all.cup"), "not as the server");
        assertFalse(DeviceAcl.mayPublish(null, "ask.lock.aabbccddeeff.pong"), "not without an identity");
    }

    @Test
    void aDeviceReadsOnlyItsOwnAndItsTypesBroadcasts() {
        assertTrue(DeviceAcl.maySubscribe(LOCK, "lock.aabbccddeeff.#"));
        assertTrue(DeviceAcl.maySubscribe(LOCK, "lock.all.#"));
        assertTrue(DeviceAcl.maySubscribe(LOCK, "lock.all.#::lock_aabbccddeeff.lock.all.#"), "a queue check");
        assertFalse(DeviceAcl.maySubscribe(LOCK, "#"));
        assertFalse(DeviceAcl.maySubscribe(LOCK, "ask.#"), "not other devices' packets");
        assertFalse(DeviceAcl.maySubscribe(LOCK, "lock.*.cup"), "not every lock's config");
        assertFalse(DeviceAcl.maySubscribe(LOCK, "terminal.all.#"));
    }
}
