package org.skaben.cup;

import java.util.Map;

/** A CUP ready to publish, with what the cup_delivery table records of it. */
public record OutgoingCup(String type, String uid, String taskId, String hash, String topic,
                          Map<String, Object> payload) {
}
