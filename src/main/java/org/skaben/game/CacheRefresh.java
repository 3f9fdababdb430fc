package org.skaben.game;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skaben.access.AccessBook;
import org.skaben.cluster.ChangeListener;
import org.skaben.cluster.ChangeNotices;
import org.skaben.device.DeviceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route's {@code sql:} step wrote a table that an in-memory view holds: the view reads its tables again (and
 * the game version moves on, so devices get configs composed from the new rows), and the other server instances
 * are told ({@link ChangeNotices}). Every refresh after a route's write goes through {@link #changed(String)},
 * the one place that knows which view holds which table; what the other instances change arrives through
 * {@link #heard(String, String)}, which reads again without telling anyone (and pushes nothing: the instance that
 * made the change sends its CUPs, the devices of this one get theirs when their PONG's hash differs).
 */
public class CacheRefresh implements ChangeListener.Views {

    private static final Logger LOG = LoggerFactory.getLogger(CacheRefresh.class);

    /** The views, by the name a route passes. */
    public static final String ACCESS = ChangeNotices.ACCESS;
    public static final String SIMPLE_CONFIGS = ChangeNotices.SIMPLE_CONFIGS;
    public static final String ALERT = ChangeNotices.ALERT;
    public static final String TYPES = ChangeNotices.TYPES;
    public static final String DEVICES = ChangeNotices.DEVICES;

    private final Map<String, Runnable> views;
    private final DeviceRegistry registry;
    private final ChangeNotices notices;

    public CacheRefresh(AccessBook access, SimpleConfigs simpleConfigs, Alert alert) {
        this(access, simpleConfigs, alert, null, null, ChangeNotices.NONE);
    }

    /** With the devices and types too ({@code registry} null: none), and the other instances to tell. */
    public CacheRefresh(AccessBook access, SimpleConfigs simpleConfigs, Alert alert, DeviceRegistry registry,
                        GameVersion version, ChangeNotices notices) {
        Map<String, Runnable> all = new LinkedHashMap<>();
        all.put(ACCESS, access::reload);
        all.put(SIMPLE_CONFIGS, simpleConfigs::reload);
        all.put(ALERT, alert::reload);
        if (registry != null) {
            // a type's switch or default config changes what its devices are sent: the version moves on
            all.put(TYPES, () -> {
                registry.reloadTypes();
                version.bump();
            });
            all.put(DEVICES, () -> {
                registry.reloadDevices();
                version.bump();
            });
        }
        // types before devices: a device's row names its type
        this.views = Collections.unmodifiableMap(all);
        this.registry = registry;
        this.notices = notices;
    }

    /** The tables behind {@code view} changed: it reads them again, and the other instances are told. */
    public void changed(String view) {
        reload(view);
        notices.changed(view);
    }

    /**
     * Another instance changed {@code view} ({@code key}: the one device that changed). A device read again is a
     * new object, which is enough for its hash to be composed again, so no version bump (a SUP's notice would
     * otherwise drop every device's cached hash). A view this instance does not know (a newer instance's) is
     * left alone.
     */
    @Override
    public void heard(String view, String key) {
        if (DEVICES.equals(view) && key != null && registry != null) {
            registry.reloadDevice(key);
        } else if (views.containsKey(view)) {
            views.get(view).run();
        } else {
            LOG.warn("change notices: another instance changed view '{}', which this one does not have", view);
        }
    }

    /** Every view reads its tables again: notices may have been missed. */
    @Override
    public void reloadAll() {
        views.values().forEach(Runnable::run);
    }

    private void reload(String view) {
        Runnable reload = views.get(view);
        if (reload == null) {
            throw new IllegalArgumentException("no in-memory view is called '" + view + "' (known: "
                    + String.join(", ", views.keySet()) + ")");
        }
        reload.run();
    }
}
