package org.skaben.cup;

import java.util.Map;

/** A packet the server publishes: topic and JSON payload. */
public record OutgoingMessage(String topic, Map<String, Object> payload) {
}
