package org.skaben.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.skaben.cluster.InstanceMqtt;
import org.skaben.protocol.Topic;
import org.skaben.protocol.TopicParser;

/**
 * What the ingress of a cluster instance relies on, against Debian's mosquitto 2.0.11 (MQTT 5): camel-paho-mqtt5
 * 4.17 delivers from a {@code $share/<group>/ask/#} subscription (Paho calls only its global callback for shared
 * subscriptions, which is the one the component uses), the topic header carries the device's real topic, and
 * the broker hands each packet to exactly one consumer of the group. {@code $} needs no escaping in the
 * endpoint URI, whether it comes from a property placeholder (as in routes/ingress.camel.yaml) or is written out.
 */
class SharedSubscriptionTest {

    private static final int PACKETS = 200;

    @Test
    void eachPacketReachesOneConsumerOfTheGroupWithItsRealTopic() throws Exception {
        try (Mosquitto broker = Mosquitto.startIfInstalled(SkabenAppTestSupport.freePort())) {
            Mosquitto.check();
            String filter = InstanceMqtt.sharedFilter("skaben", "ask/#");
            Map<String, List<String>> topicsBy = new ConcurrentHashMap<>();
            List<String> unreadable = new CopyOnWriteArrayList<>();
            Properties properties = new Properties();
            properties.put("ingress", filter);
            CamelContext camel = new DefaultCamelContext();
            camel.getPropertiesComponent().setInitialProperties(properties);
            camel.getPropertiesComponent().setLocation("");
            String options = "&qos=1&manualAcksEnabled=true&brokerUrl=" + broker.url();
            // not a RouteBuilder subclass here: the server's start scans org.skaben for those
            RouteBuilder.addRoutes(camel, routes -> {
                routes.from("paho-mqtt5:{{ingress}}?clientId=shared-a" + options).routeId("a")
                        .process(e -> received("a", e.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC,
                                String.class), topicsBy, unreadable));
                routes.from("paho-mqtt5:" + filter + "?clientId=shared-b" + options).routeId("b")
                        .process(e -> received("b", e.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC,
                                String.class), topicsBy, unreadable));
            });
            camel.start();
            try {
                for (String route : List.of("a", "b")) {
                    assertEquals(filter, ((PahoMqtt5Endpoint) camel.getRoute(route).getEndpoint()).getTopic());
                }
                MqttClient device = new MqttClient(broker.url(), "shared-device", new MemoryPersistence());
                // Paho counts a publish as in flight a moment after its completion was reported: with the default
                // window of 10 a quick loop of QoS 1 publishes is refused ("Too many publishes in progress")
                org.eclipse.paho.client.mqttv3.MqttConnectOptions window = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
                window.setMaxInflight(PACKETS);
                device.connect(window);
                for (int i = 0; i < PACKETS; i++) {
                    MqttMessage packet = new MqttMessage("{\"timestamp\": 0}".getBytes(StandardCharsets.UTF_8));
                    packet.setQos(1);
                    device.publish(String.format("ask/lock/aabbcc%06d/info", i), packet);
                }
                device.disconnect();
                device.close();
                SkabenAppTestSupport.eventually(() -> count(topicsBy) >= PACKETS);
                // a positive witness that nothing more comes: one more packet, and it is the last to arrive
                MqttClient last = new MqttClient(broker.url(), "shared-last", new MemoryPersistence());
                last.connect();
                last.publish("ask/lock/ffffffffffff/info", new MqttMessage("{}".getBytes(StandardCharsets.UTF_8)));
                last.disconnect();
                last.close();
                SkabenAppTestSupport.eventually(() -> topicsBy.values().stream()
                        .anyMatch(t -> t.contains("ask/lock/ffffffffffff/info")));
            } finally {
                camel.stop();
            }
            assertEquals(List.of(), unreadable);
            assertEquals(PACKETS + 1, count(topicsBy), "each packet once: " + topicsBy);
            assertEquals(PACKETS + 1, topicsBy.values().stream().flatMap(List::stream).distinct().count());
            assertTrue(topicsBy.getOrDefault("a", List.of()).size() > PACKETS / 4
                    && topicsBy.getOrDefault("b", List.of()).size() > PACKETS / 4,
                    "the broker shares the packets: a " + topicsBy.getOrDefault("a", List.of()).size() + ", b "
                            + topicsBy.getOrDefault("b", List.of()).size());
        }
    }

    private static void received(String consumer, String topic, Map<String, List<String>> topicsBy,
                                 List<String> unreadable) {
        try {
            Topic parsed = TopicParser.parse(topic);
            if (!parsed.type().equals("lock") || !parsed.command().equals("info")) {
                unreadable.add(topic);
            }
        } catch (RuntimeException e) {
            unreadable.add(topic + ": " + e.getMessage());
        }
        topicsBy.computeIfAbsent(consumer, c -> new CopyOnWriteArrayList<>()).add(topic);
    }

    private static long count(Map<String, List<String>> topicsBy) {
        return topicsBy.values().stream().mapToLong(List::size).sum();
    }
}
