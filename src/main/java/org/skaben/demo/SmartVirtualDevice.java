package org.skaben.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.skaben.device.ConfigHasher;

/**
 * A virtual lock or terminal, speaking as the deployed Python client (skabenclient) does: two CUP requests at
 * start, a CUP's datahold merged into its config (replaced with {@code FORCE} or {@code overwrite}), its hash
 * and task_id taken from inside datahold, ACK with that task id (NACK when the config cannot be applied), PONG
 * with the timestamp stored before that PING. What the device changes itself it reports by SUP, and then it
 * knows its new hash as the server computes it (ConfigHasher over the config it holds), so the server, which
 * merges the same fields, sees no drift.
 */
public abstract class SmartVirtualDevice extends VirtualDevice {

    /** The deployed client sends its second CUP request 2-3 s after the first (and may miss the first answer). */
    static final long SECOND_REQUEST_MILLIS = 2500;

    protected final Map<String, Object> config = new LinkedHashMap<>();
    private String hash;

    protected SmartVirtualDevice(String type, String uid) {
        super(type, uid);
    }

    @Override
    public void boot() {
        requestConfig();
        schedule(SECOND_REQUEST_MILLIS, this::requestConfig);
    }

    private void requestConfig() {
        Map<String, Object> payload = packet();
        payload.put("datahold", Map.of("request", "all"));
        payload.put("task_id", newTaskId());
        if (hash != null) {
            payload.put("hash", hash);
        }
        send("cup", payload);
    }

    @Override
    protected void pong(long before, long ping) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("timestamp", before);
        if (hash != null) {
            payload.put("hash", hash);
        }
        send("pong", payload);
    }

    @Override
    protected void cup(Map<String, Object> payload, boolean addressed) {
        if (!(payload.get("datahold") instanceof Map<?, ?> datahold)) {
            report("nack", payload.get("task_id"), hash);
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        datahold.forEach((k, v) -> fields.put(String.valueOf(k), v));
        Object taskId = fields.containsKey("task_id") ? fields.remove("task_id") : payload.get("task_id");
        Object givenHash = fields.remove("hash");
        boolean overwrite = Boolean.TRUE.equals(fields.remove("FORCE")) || Boolean.TRUE.equals(payload.get("overwrite"));
        Map<String, Object> next = new LinkedHashMap<>(overwrite ? Map.of() : config);
        next.putAll(fields);
        String problem = problemWith(next);
        if (problem != null) {
            report("nack", taskId, hash);
            return;
        }
        Map<String, Object> before = new LinkedHashMap<>(config);
        config.clear();
        config.putAll(next);
        hash = givenHash instanceof String h ? h : ConfigHasher.hash(config);
        applied(before);
        report("ack", taskId, hash);
    }

    private void report(String command, Object taskId, String reportedHash) {
        Map<String, Object> payload = packet();
        if (reportedHash != null) {
            payload.put("hash", reportedHash);
        }
        if (taskId != null) {
            payload.put("task_id", String.valueOf(taskId));
        }
        send(command, payload);
    }

    /** SUP: fields the device changed itself; they become part of its config, and its hash follows. */
    protected void sup(Map<String, Object> changed) {
        config.putAll(changed);
        hash = ConfigHasher.hash(config);
        Map<String, Object> payload = packet();
        payload.put("task_id", newTaskId());
        payload.put("datahold", changed);
        send("sup", payload);
    }

    /** Why this config cannot be applied (the device answers NACK and keeps its old one), or null. */
    protected abstract String problemWith(Map<String, Object> next);

    /** Called after a CUP was applied, with the config held before it. */
    protected void applied(Map<String, Object> before) {
    }

    protected boolean flag(String key) {
        return Boolean.TRUE.equals(config.get(key));
    }

    @Override
    public Map<String, Object> config() {
        return new LinkedHashMap<>(config);
    }

    @Override
    public String hash() {
        return hash;
    }

    protected static boolean booleanOrAbsent(Map<String, Object> config, String... keys) {
        for (String key : keys) {
            if (config.containsKey(key) && !(config.get(key) instanceof Boolean)) {
                return false;
            }
        }
        return true;
    }
}
