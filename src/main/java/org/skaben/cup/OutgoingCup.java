package org.skaben.cup;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/** A CUP ready to publish, with what the cup_delivery table records of it; written as JSON it is its payload. */
public record OutgoingCup(String type, String uid, String taskId, String hash, String topic,
                          @JsonValue Map<String, Object> payload) {
}
