package org.skaben.game;

import java.util.Collection;

/** How a change of the game reaches the devices and the rules (the routes in routes/alert.camel.yaml). */
public interface Broadcaster {

    /** Every device gets its config when the state was set or switched; otherwise only the scale. */
    void alertChanged(AlertChange change);

    /** Each of these devices gets its config (one under override only if {@code manual}). */
    void pushDevices(Collection<String> uids, String reason, String source, boolean manual);

    /** A type gets its config: each device of a smart type, the broadcast address of a simple one. */
    void pushType(String type, String reason, String source);
}
