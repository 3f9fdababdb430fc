package org.skaben.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.skaben.device.ConfigHasher;
import org.skaben.device.Json;

/**
 * A light array, the alarm scale or a loot box, speaking as the deployed MicroPython firmware does: on
 * connecting it asks for its type's config on {@code ask/<type>/all/cup} with {@code {"timestamp": 1}}, takes a
 * CUP's datahold (an object, or JSON in a string) as its whole config, and answers a PING with the PING's
 * timestamp, plus the hash of the config it holds (which the server compares with its own). It acknowledges a
 * CUP sent to its own address; a broadcast to its type, which the server records for no one device, it does not.
 */
public class SimpleVirtualDevice extends VirtualDevice {

    private Map<String, Object> config = new LinkedHashMap<>();
    private String hash;

    public SimpleVirtualDevice(String type, String uid) {
        super(type, uid);
    }

    @Override
    public void boot() {
        publish("ask/" + type + "/all/cup", new LinkedHashMap<>(Map.of("timestamp", 1)));
    }

    @Override
    protected void pong(long before, long ping) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("timestamp", ping);
        if (hash != null) {
            payload.put("hash", hash);
        }
        send("pong", payload);
    }

    @Override
    protected void cup(Map<String, Object> payload, boolean addressed) {
        Map<String, Object> next = datahold(payload.get("datahold"));
        if (next == null) {
            if (addressed) {
                report("nack", payload);
            }
            return;
        }
        config = next;
        hash = payload.get("hash") instanceof String h ? h : ConfigHasher.hash(config);
        if (addressed) {
            report("ack", payload);
        }
    }

    private void report(String command, Map<String, Object> cup) {
        Map<String, Object> payload = packet();
        if (hash != null) {
            payload.put("hash", hash);
        }
        if (cup.get("task_id") != null) {
            payload.put("task_id", String.valueOf(cup.get("task_id")));
        }
        send(command, payload);
    }

    private static Map<String, Object> datahold(Object datahold) {
        if (datahold instanceof String text) {
            try {
                return Json.readObject(text);
            } catch (IllegalArgumentException notJson) {
                return null;
            }
        }
        if (datahold instanceof Map<?, ?> map) {
            Map<String, Object> config = new LinkedHashMap<>();
            map.forEach((k, v) -> config.put(String.valueOf(k), v));
            return config;
        }
        return null;
    }

    @Override
    public Map<String, Object> act(Map<String, Object> action) {
        throw new ActionRefused(400, "a virtual " + type + " has no player actions");
    }

    @Override
    public Map<String, Object> config() {
        return new LinkedHashMap<>(config);
    }

    /** What it shows: its config. */
    @Override
    public Map<String, Object> state() {
        return config();
    }

    @Override
    public String hash() {
        return hash;
    }
}
