package org.skaben.scene;

import java.util.function.Supplier;
import org.skaben.access.AccessBook;
import org.skaben.device.DeviceRegistry;
import org.skaben.game.Alert;
import org.skaben.game.SimpleConfigs;

/**
 * The in-memory views of the game that a scene touches: devices, the alert, access, the simple configs. Each
 * writes through to its tables; a scene reads or rewrites the tables behind them, holding all of them still.
 */
public record GameCaches(DeviceRegistry registry, Alert alert, AccessBook access, SimpleConfigs simpleConfigs) {

    /**
     * Runs {@code work} while none of the views changes: the alert's lock first (GameActions takes it before
     * anything else and may wait, holding it, for rules that change devices), then access and the simple configs,
     * then the device table's lock. Every view is read again afterwards, also when the work failed.
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
