package org.skaben.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.skaben.device.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rehearsal's virtual devices (skaben.demo.devices): started once the server listens, each on its own MQTT
 * connection to the broker, stopped (disconnected) when the server stops. They never call the server's beans;
 * the console reaches them only through {@link #list} and {@link #act}, the buttons a player would press.
 * Packets, timers and actions of all of them run on one thread, in order.
 */
public class VirtualDevices {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualDevices.class);
    private static final long ACTION_TIMEOUT_SECONDS = 5;

    /** Where and as whom they connect; a null user connects without credentials. */
    public record Login(String brokerUrl, String user, String password) {
    }

    private final Map<String, VirtualDevice> devices = new LinkedHashMap<>();
    private final Login login;
    private final List<MqttDeviceLink> links = new ArrayList<>();
    private ScheduledExecutorService thread;
    private volatile boolean running;

    public VirtualDevices(List<VirtualDevice> devices, Login login) {
        devices.forEach(d -> this.devices.put(d.uid(), d));
        this.login = login;
    }

    /** The devices the setting skaben.demo.devices asks for (none when it is empty). */
    public static VirtualDevices of(String setting, Login login) {
        return new VirtualDevices(DemoDeviceList.parse(setting).stream().map(VirtualDevices::create).toList(), login);
    }

    static VirtualDevice create(DemoDeviceList.Entry entry) {
        return switch (entry.type()) {
            case "lock" -> new VirtualLock(entry.type(), entry.uid());
            case "terminal" -> new VirtualTerminal(entry.type(), entry.uid());
            case "pwr" -> new VirtualShield(entry.type(), entry.uid());
            default -> new SimpleVirtualDevice(entry.type(), entry.uid());
        };
    }

    public boolean isEmpty() {
        return devices.isEmpty();
    }

    /** Connects every device; each asks for its config once connected. */
    public synchronized void start() throws MqttException {
        if (running || devices.isEmpty()) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skaben-virtual-devices");
            t.setDaemon(true);
            return t;
        });
        for (VirtualDevice device : devices.values()) {
            MqttDeviceLink link = new MqttDeviceLink(device, login, thread);
            device.attach(link);
            links.add(link);
        }
        running = true;
        links.forEach(MqttDeviceLink::connect);
        LOG.info("Rehearsal: {} virtual devices connect to {}: {}", devices.size(), login.brokerUrl(),
                String.join(", ", devices.values().stream().map(VirtualDevice::clientId).toList()));
    }

    /** Disconnects every device from the broker; the server marks them offline as it does any silent device. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.shutdownNow();
        try {
            thread.awaitTermination(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        links.forEach(MqttDeviceLink::close);
        LOG.info("Rehearsal: {} virtual devices disconnected", devices.size());
    }

    /** Every virtual device: uid, type, connected, what a player sees of it, the config it holds. */
    public List<Map<String, Object>> list() {
        return onDeviceThread(() -> devices.values().stream().map(VirtualDevice::view).toList());
    }

    /** A player's action at a virtual device: {"action": "card", "code"}, "open", "hack", "power". */
    public Map<String, Object> act(String uid, Map<String, Object> body) {
        VirtualDevice device = devices.get(uid == null ? "" : uid.trim().toLowerCase());
        if (device == null) {
            throw new ActionRefused(404, "no virtual device " + uid + (devices.isEmpty()
                    ? " (skaben.demo.devices is empty)" : "; the virtual devices are " + String.join(", ", devices.keySet())));
        }
        Map<String, Object> action = action(body);
        if (!running) {
            throw new ActionRefused(409, "the virtual devices are stopped");
        }
        return onDeviceThread(() -> device.act(action));
    }

    private static Map<String, Object> action(Map<String, Object> action) {
        if (action == null) {
            throw new ActionRefused(400, "the request body must be a JSON object with \"action\"");
        }
        if (!(action.get("action") instanceof String)) {
            throw new ActionRefused(400, "\"action\" is required: card, open, hack or power");
        }
        return action;
    }

    /** Runs on the devices' thread (nothing else touches a device) and waits for the answer. */
    private <T> T onDeviceThread(Callable<T> task) {
        if (!running) {
            // stopped or never started: nothing runs on the devices any more
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return thread.submit(task).get(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            throw new ActionRefused(503, "the virtual devices did not answer within " + ACTION_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionRefused(503, "interrupted");
        }
    }
}
