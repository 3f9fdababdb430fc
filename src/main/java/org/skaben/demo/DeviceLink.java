package org.skaben.demo;

import java.util.Map;

/**
 * What a virtual device needs of the world: publish a packet on its MQTT connection, and be called back later
 * (a lock closing after its timer). Every call back runs on the same thread as the packets the device receives,
 * so a device never needs a lock of its own. The MQTT link is {@link MqttDeviceLink}; unit tests use a fake.
 */
public interface DeviceLink {

    /** Publishes the JSON payload on the topic (QoS 0, as deployed devices do); lost if not connected. */
    void publish(String topic, Map<String, Object> payload);

    /** Runs the task after the delay; returns what cancels it. */
    Runnable schedule(long delayMillis, Runnable task);

    /** Whether the device is connected to the broker now. */
    boolean connected();
}
