package org.skaben.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.skaben.device.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device played inside the server for a rehearsal: the device's side of the protocol (protocol.md), on its
 * own MQTT connection, as the deployed devices speak it. It hears only what the broker delivers to
 * {@code <type>/all/#} and {@code <type>/<uid>/#} and answers only by publishing under
 * {@code ask/<type>/<uid>/}: the server sees it exactly as it sees hardware. It stores the newest server
 * timestamp it heard and drops any PING or CUP older than that one, as deployed devices do.
 *
 * <p>Not thread-safe on purpose: {@link VirtualDevices} runs every packet, action and timer of every virtual
 * device on one thread.
 */
public abstract class VirtualDevice {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualDevice.class);

    protected final String type;
    protected final String uid;
    private DeviceLink link;
    private long storedTimestamp;
    private long pingsIgnoredUntilMillis;
    private int dropped;

    protected VirtualDevice(String type, String uid) {
        this.type = type;
        this.uid = uid;
    }

    public String type() {
        return type;
    }

    public String uid() {
        return uid;
    }

    /** The MQTT client id deployed devices use. */
    public String clientId() {
        return type + "_" + uid;
    }

    /** The topics it subscribes to, as deployed devices do. */
    public String[] subscriptions() {
        return new String[] {type + "/all/#", type + "/" + uid + "/#"};
    }

    public void attach(DeviceLink link) {
        this.link = link;
    }

    /** What it sends once connected for the first time: its request for a config. */
    public abstract void boot();

    /** A packet the broker delivered. Anything unreadable is ignored, as a device would. */
    public void receive(String topic, String payload) {
        Map<String, Object> json;
        try {
            json = Json.readObject(payload);
        } catch (IllegalArgumentException notJson) {
            LOG.warn("virtual {} {} ignored a packet on {} that is not a JSON object", type, uid, topic);
            return;
        }
        String command = topic.substring(topic.lastIndexOf('/') + 1).toLowerCase();
        Long timestamp = number(json.get("timestamp"));
        switch (command) {
            case "ping" -> {
                if (timestamp == null || tooOld(timestamp) || System.currentTimeMillis() < pingsIgnoredUntilMillis) {
                    return;
                }
                long before = storedTimestamp;
                storedTimestamp = timestamp;
                pong(before, timestamp);
            }
            case "cup" -> {
                if (timestamp == null || tooOld(timestamp)) {
                    return;
                }
                storedTimestamp = timestamp;
                cup(json, topic.equals(type + "/" + uid + "/cup"));
            }
            case "wait" -> {
                // protocol.md 4.7: ignore PINGs for datahold.timeout seconds
                if (json.get("datahold") instanceof Map<?, ?> datahold && number(datahold.get("timeout")) != null) {
                    pingsIgnoredUntilMillis = System.currentTimeMillis() + 1000 * number(datahold.get("timeout"));
                }
            }
            default -> {
                // other devices' commands and the server's packets a device does not act on
            }
        }
    }

    /** Answers a PING: {@code before} is the timestamp stored until this PING, {@code ping} the PING's own. */
    protected abstract void pong(long before, long ping);

    /** Applies a CUP; {@code addressed} when it was sent to this device, not to its type's broadcast address. */
    protected abstract void cup(Map<String, Object> payload, boolean addressed);

    /** Carries out what a player does at the device; returns what happened. */
    public abstract Map<String, Object> act(Map<String, Object> action);

    /** What the device holds now: its config as it applied it (without hash, task_id). */
    public abstract Map<String, Object> config();

    /** What a player sees of it (closed, blocked, hacked, the shield's power). */
    public abstract Map<String, Object> state();

    /** The hash it reports in PONG, CUP requests and ACKs; null before it has a config. */
    public abstract String hash();

    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("uid", uid);
        view.put("type", type);
        view.put("virtual", true);
        view.put("connected", link != null && link.connected());
        view.put("state", state());
        view.put("config", config());
        view.put("hash", hash());
        view.put("timestamp", storedTimestamp);
        view.put("dropped_packets", dropped);
        return view;
    }

    // --- what the subclasses send ---------------------------------------------------------------------

    protected long storedTimestamp() {
        return storedTimestamp;
    }

    /** Publishes under ask/&lt;type&gt;/&lt;uid&gt;/&lt;command&gt;. */
    protected void send(String command, Map<String, Object> payload) {
        link.publish("ask/" + type + "/" + uid + "/" + command, payload);
    }

    protected void publish(String topic, Map<String, Object> payload) {
        link.publish(topic, payload);
    }

    protected Runnable schedule(long delayMillis, Runnable task) {
        return link.schedule(delayMillis, task);
    }

    /** INFO: an event, with a task id of its own (the server does an INFO once per task id). */
    protected void info(Map<String, Object> event) {
        Map<String, Object> payload = packet();
        payload.put("task_id", newTaskId());
        payload.put("datahold", event);
        send("info", payload);
    }

    /** {"timestamp": the stored one}: every packet a device sends starts so. */
    protected Map<String, Object> packet() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("timestamp", storedTimestamp);
        return payload;
    }

    /** Letters and digits, unique across restarts (a task id seen before is done once only). */
    protected static String newTaskId() {
        return "v" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A JSON number or numeric string as a long; null for anything else. */
    protected static Long number(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(s.trim());
        }
        return null;
    }

    /** An action's text field, or a 400 naming it. */
    protected static String text(Map<String, Object> action, String key, String expected) {
        if (!(action.get(key) instanceof String s) || s.isBlank()) {
            throw new ActionRefused(400, "\"" + key + "\" is required: " + expected);
        }
        return s.trim();
    }

    /** What an action did: its outcome (opened, denied, ...), in words, and the state after it. */
    protected Map<String, Object> outcome(String outcome, String detail) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("uid", uid);
        result.put("outcome", outcome);
        result.put("detail", detail);
        result.put("state", state());
        return result;
    }

    /** For a device of one action: any other is refused as {@link #unknownAction} refuses it. */
    protected void requireAction(Map<String, Object> action, String only) {
        Object name = action.get("action");
        if (!only.equals(name)) {
            throw unknownAction(name, only);
        }
    }

    protected ActionRefused unknownAction(Object name, String known) {
        return new ActionRefused(400, "a virtual " + type + " knows the actions " + known + ", not '" + name + "'");
    }

    private boolean tooOld(long timestamp) {
        if (timestamp < storedTimestamp) {
            dropped++;
            return true;
        }
        return false;
    }
}
