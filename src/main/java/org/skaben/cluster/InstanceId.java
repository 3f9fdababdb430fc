package org.skaben.cluster;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This server instance's name among the instances of one dungeon: the {@code skaben.instance.id} setting, or the
 * host name plus a short random suffix (two instances on one host, or one restarted, never share a name). It
 * makes MQTT client ids unique, names the holder of the leader's lease and tags metrics and journal notices.
 */
public record InstanceId(String value) {

    public InstanceId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an instance id may not be empty");
        }
    }

    /** The configured id, or the host name plus four random hex digits when none is configured. */
    public static InstanceId of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new InstanceId(configured.trim());
        }
        byte[] suffix = new byte[2];
        new SecureRandom().nextBytes(suffix);
        return new InstanceId(hostName() + "-" + HexFormat.of().formatHex(suffix));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "");
        } catch (Exception e) {
            return "skaben";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
