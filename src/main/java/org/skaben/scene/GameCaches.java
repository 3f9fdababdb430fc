package org.skaben.scene;

import java.util.function.Supplier;
import org.skaben.access.AccessBook;
import org.skaben.cluster.ChangeNotices;
import org.skaben.device.DeviceRegistry;
import org.skaben.game.Alert;
import org.skaben.game.SimpleConfigs;

/**
 * The in-memory views of the game that a scene touches: devices, the alert, access, the simple configs. Each
 * writes through to its tables; a scene reads or rewrites the tables behind them, holding all of them still.
 */
public record GameCaches(DeviceRegistry registry, Alert alert, AccessBook access, SimpleConfigs simpleConfigs,
                         ChangeNotices notices) {

    /** One server: no other instance to tell of a rewrite. */
    public GameCaches(DeviceRegistry registry, Alert alert, AccessBook access, SimpleConfigs simpleConfigs) {
        this(registry, alert, access, simpleConfigs, ChangeNotices.NONE);
    }

    /**
     * Runs {@code work} while none of the views changes: the alert's lock first (GameActions takes it before
     * anything else and may wait, holding it, for rules that change devices), then access and the simple configs,
     * then the device table's lock. Every view is read again afterwards, also when the work failed, and the other
     * server instances are told to read theirs.
     */
    public <T> T rewriting(Supplier<T> work) {
        synchronized (alert) {
            synchronized (access) {
                synchronized (simpleConfigs) {
                    try {
                        return registry.rewriting(work);
                    } finally {
                        alert.reload();
                        access.reload();
                        simpleConfigs.reload();
                        for (String view : new String[] {ChangeNotices.TYPES, ChangeNotices.DEVICES,
                                ChangeNotices.ALERT, ChangeNotices.ACCESS, ChangeNotices.SIMPLE_CONFIGS}) {
                            notices.changed(view);
                        }
                    }
                }
            }
        }
    }

    /** Runs {@code work} while the alert, access and the simple configs hold still (devices may change). */
    public <T> T reading(Supplier<T> work) {
        synchronized (alert) {
            synchronized (access) {
                synchronized (simpleConfigs) {
                    return work.get();
                }
            }
        }
    }
}
