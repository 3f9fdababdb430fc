package org.skaben.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The configuration fingerprint devices echo back (protocol.md 4.4): SHA-256, hex, of the canonical JSON
 * (keys sorted at every level), so the same config always gives the same hash.
 */
public final class ConfigHasher {

    private ConfigHasher() {
    }

    public static String hash(Object config) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Json.write(config).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
