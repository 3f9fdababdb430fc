package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InstanceMqttTest {

    @Test
    void clientIdsCarryTheInstanceAndTheIngressIsShared() {
        assertEquals("skaben-server-a1", InstanceMqtt.clientIdPrefix("skaben-server", new InstanceId("a1")));
        assertEquals("$share/skaben/ask/#", InstanceMqtt.sharedFilter("skaben", "ask/#"));
    }

    @Test
    void aGroupIsOneTopicLevel() {
        for (String bad : new String[] {"", " ", "a/b", "a+", "#"}) {
            assertThrows(IllegalArgumentException.class, () -> InstanceMqtt.sharedFilter(bad, "ask/#"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> InstanceMqtt.sharedFilter("g", "$share/h/ask/#"));
    }
}
