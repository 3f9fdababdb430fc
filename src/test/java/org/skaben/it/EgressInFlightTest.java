package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.skaben.egress.EgressPublisher;

/**
 * The egress on the embedded broker: a burst of packets to one device goes out with several on the wire at
 * once (the publisher does not wait for each PUBACK) and arrives in the order it was queued.
 */
class EgressInFlightTest extends SkabenAppTestSupport {

    private static final int PACKETS = 1000;

    @Test
    void aBurstToOneDeviceIsInFlightSeveralAtOnceAndArrivesInOrder() throws Exception {
        // a type of its own, so that no CUP of the server's (start-up sync, a game change) is among them
        TestDevice device = device("egresstest", newUid());
        ProducerTemplate template = context.createProducerTemplate();
        String topic = "egresstest/" + device.uid() + "/cup";
        for (int i = 0; i < PACKETS; i++) {
            template.sendBodyAndHeader("direct:mqtt-egress", Map.of("timestamp", i),
                    "CamelPahoMqtt5OverrideTopic", topic);
        }
        List<Object> arrived = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            arrived.add(device.await("cup").json().get("timestamp"));
        }
        List<Object> queued = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            queued.add(i);
        }
        assertEquals(queued, arrived);
        EgressPublisher publisher = context.getRegistry().lookupByNameAndType("egressPublisher",
                EgressPublisher.class);
        int peak = publisher.window().peak();
        assertTrue(peak > 1, "at most " + peak + " packet(s) were on the wire at once");
    }
}
