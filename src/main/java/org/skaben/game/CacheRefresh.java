package org.skaben.game;

import java.util.Map;
import org.skaben.access.AccessBook;
import org.skaben.device.DeviceRegistry;

/**
 * A route's {@code sql:} step wrote a table that an in-memory view holds: the view reads its tables again (and
 * the game version moves on, so devices get configs composed from the new rows). Every refresh after a route's
 * write goes through {@link #changed(String)}, the one place that knows which view holds which table.
 */
public class CacheRefresh {

    /** The views, by the name a route passes. */
    public static final String ACCESS = "access";
    public static final String SIMPLE_CONFIGS = "simple-configs";
    public static final String ALERT = "alert";
    public static final String TYPES = "types";

    private final Map<String, Runnable> views;

    public CacheRefresh(AccessBook access, SimpleConfigs simpleConfigs, Alert alert, DeviceRegistry registry) {
        this.views = Map.of(ACCESS, access::reload, SIMPLE_CONFIGS, simpleConfigs::reload, ALERT, alert::reload,
                TYPES, registry::reloadTypes);
    }

    /** The tables behind {@code view} changed: it reads them again. */
    public void changed(String view) {
        Runnable reload = views.get(view);
        if (reload == null) {
            throw new IllegalArgumentException("no in-memory view is called '" + view + "' (known: "
                    + String.join(", ", views.keySet()) + ")");
        }
        reload.run();
    }
}
