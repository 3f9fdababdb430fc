package org.skaben.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IngressLanesTest {

    @Test
    void everyCommandOfADeviceSharesItsLane() {
        for (String uid : new String[] {"0a0000000001", "0a0000000002", "aabbccddeeff"}) {
            int lane = IngressLanes.lane("ask/lock/" + uid + "/pong", 3);
            for (String command : new String[] {"sup", "info", "cup", "ack", "nack"}) {
                assertEquals(lane, IngressLanes.lane("ask/lock/" + uid + "/" + command, 3));
            }
        }
    }

    @Test
    void devicesAreSpreadOverTheLanes() {
        int[] perLane = new int[4];
        for (int i = 0; i < 4000; i++) {
            perLane[IngressLanes.lane(String.format("ask/lock/%012x/pong", i), 4)]++;
        }
        for (int count : perLane) {
            assertEquals(1000, count, 150);
        }
    }

    @Test
    void aTopicWithoutDeviceStillHasALane() {
        assertEquals(0, IngressLanes.lane(null, 2));
        assertEquals(IngressLanes.lane("odd", 2), IngressLanes.lane("odd", 2));
    }

    @Test
    void lanesCannotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> new IngressLanes(-1, 16));
        assertThrows(IllegalArgumentException.class, () -> new IngressLanes(2, 0));
    }
}
