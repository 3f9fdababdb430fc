package org.skaben.protocol;

import java.util.Map;

/** One device packet: where it came from and its validated JSON payload. */
public record Packet(String rawTopic, Topic topic, Map<String, Object> payload, long timestamp) {

    public String type() {
        return topic.type();
    }

    public String uid() {
        return topic.uid();
    }

    public String command() {
        return topic.command();
    }

    public Object datahold() {
        return payload.get("datahold");
    }

    /** task_id at the top level, or inside datahold where the deployed client puts it for ACK/NACK. */
    public String taskId() {
        Object id = payload.get("task_id");
        if (id == null && datahold() instanceof Map<?, ?> inner) {
            id = inner.get("task_id");
        }
        return id == null ? null : id.toString();
    }

    public String hash() {
        Object hash = payload.get("hash");
        return hash == null ? null : hash.toString();
    }
}
