package org.skaben.device;

/**
 * Decides from a PONG whether a device needs its config again (protocol.md 4.2): it lagged more than the
 * keepalive timeout behind server time, or it reported a hash that is not the one the server holds.
 */
public final class KeepalivePolicy {

    private final long timeoutSeconds;

    public KeepalivePolicy(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The reason to send a CUP, or null when the device is in step. */
    public String cupReason(long nowSeconds, long deviceTimestamp, String deviceHash, String serverHash) {
        long lag = nowSeconds - deviceTimestamp;
        if (lag > timeoutSeconds) {
            return "keepalive lag " + lag + " s over " + timeoutSeconds + " s";
        }
        // a simple type with no config for the current state holds no hash: nothing to drift from
        if (serverHash != null && deviceHash != null && !deviceHash.isEmpty() && !deviceHash.equals(serverHash)) {
            return "config hash drift";
        }
        return null;
    }
}
