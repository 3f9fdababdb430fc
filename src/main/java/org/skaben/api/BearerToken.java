package org.skaben.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The operator API's bearer token: every /api call must carry {@code Authorization: Bearer <token>}. */
public class BearerToken {

    private final byte[] expected;

    public BearerToken(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** A token for an installation that configured none; the server logs it at start. */
    public static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The token's SHA-256, in hex: what depends on the token (the session cookie's key) without holding it. */
    public String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the header carries the token (compared in constant time). */
    public boolean accepts(String authorization) {
        byte[] given = authorization == null ? new byte[0] : authorization.trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    /** Refuses a request without the token (401). */
    public void check(String authorization) {
        if (!accepts(authorization)) {
            throw new ApiException(401, authorization == null ? "missing bearer token" : "wrong bearer token");
        }
    }
}
