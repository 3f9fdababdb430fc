package org.skaben.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.skaben.device.DeviceRegistry;
import org.skaben.device.LastSeenTracker;

/**
 * {@code skaben_devices_online{type}}: devices of each type heard from within the online window (the keepalive
 * timeout, as the operator API's "online"). Each type's value is counted when the gauge is read.
 */
public class DevicesOnline {

    private final DeviceRegistry devices;
    private final LastSeenTracker lastSeen;
    private final long windowMillis;
    private final MultiGauge gauge;

    public DevicesOnline(MeterRegistry registry, DeviceRegistry devices, long windowMillis) {
        this.devices = devices;
        this.lastSeen = devices.lastSeen();
        this.windowMillis = windowMillis;
        this.gauge = MultiGauge.builder("skaben.devices.online")
                .description("Devices heard from within the keepalive timeout, by type").register(registry);
        refresh();
    }

    /** Gives each device type its row: a type created over the API since the last call appears now. */
    public void refresh() {
        // no overwrite: rows already there keep counting, so a scrape never sees a type missing
        gauge.register(devices.types().stream()
                .map(type -> MultiGauge.Row.of(Tags.of("type", type.name()), () -> online(type.name())))
                .toList(), false);
    }

    long online(String type) {
        long since = System.currentTimeMillis() - windowMillis;
        return devices.devices().stream()
                .filter(device -> device.type().equals(type))
                .map(device -> lastSeen.lastSeen(device.uid()))
                .filter(seen -> seen != null && seen >= since)
                .count();
    }
}
