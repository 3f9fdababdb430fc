package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The server on a broker with a small receive maximum (mosquitto's max_inflight_messages; 20 by default, 5 here):
 * a burst of CUPs all reaches the devices. Paho wakes the egress's publish at the broker's PUBACK but counts the
 * message as in flight until its callback thread gets to it, so the next publish can be refused with "Too many
 * publishes in progress" (32202) although only one is on the wire; the egress waits and publishes it again.
 */
class BrokerReceiveMaximumTest extends OnMosquittoTestSupport {

    private static final int DEVICES = 200;

    @Override
    protected String mosquittoSettings() {
        return "max_inflight_messages 5\n";
    }

    @Test
    void aBurstOfCupsReachesEveryDevice() throws Exception {
        Mosquitto.check();
        long mark = journalMark();
        String prefix = newUid().substring(0, 6);
        Set<String> cups = ConcurrentHashMap.newKeySet();
        MqttClient devices = new MqttClient(brokerUrl, "receive-maximum-devices", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        // the devices' side is not under test: Paho 3 counts a publish in flight until its callback thread has
        // handled the PUBACK that already woke the publisher, so its default of 10 refused one now and then
        options.setMaxInflight(DEVICES);
        devices.connect(options);
        try {
            devices.subscribe("lock/+/cup", 1, (topic, message) -> cups.add(topic.split("/")[1]));
            // every new device registers with its first PONG and is sent its configuration at once: a burst
            for (int i = 0; i < DEVICES; i++) {
                String uid = prefix + String.format("%06x", i);
                MqttMessage pong = new MqttMessage(("{\"timestamp\": " + now() + "}").getBytes(StandardCharsets.UTF_8));
                pong.setQos(1);
                devices.publish("ask/lock/" + uid + "/pong", pong);
            }
            eventually(() -> cups.size() == DEVICES);
        } finally {
            devices.disconnect();
            devices.close();
        }
        List<Map<String, Object>> errors = db().queryForList(
                "SELECT detail FROM event WHERE kind = 'error' AND id > ?", mark);
        assertEquals(List.of(), errors);
    }
}
