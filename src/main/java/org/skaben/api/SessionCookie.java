package org.skaben.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's session: a cookie that carries the operator's name and when it was issued, signed with
 * HMAC-SHA256. The key is kept in the data folder (so a restart signs nobody out) and bound to the API token
 * (so a new token signs everyone out). Nothing is kept on the server: signing out clears the browser's cookie.
 */
public class SessionCookie {

    /** The cookie's name. */
    public static final String NAME = "skaben_session";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param storedKey the secret kept in the data folder
     * @param token     the API token's digest: the key depends on it
     * @param lifetime  how long a sign-in lasts
     */
    public SessionCookie(String storedKey, String token, Duration lifetime, Clock clock) {
        this.key = (storedKey + "\n" + token).getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The Set-Cookie header that signs the operator in. */
    public String signIn(String operator) {
        String payload = B64.encodeToString(operator.getBytes(StandardCharsets.UTF_8)) + "."
                + clock.instant().getEpochSecond();
        return NAME + "=" + payload + "." + sign(payload) + "; Max-Age=" + lifetime.toSeconds()
                + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** The Set-Cookie header that signs out: the browser forgets the cookie. */
    public String signOut() {
        return NAME + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict";
    }

    /** Whether the request's Cookie header carries a session cookie at all (valid or not). */
    public static boolean present(String cookieHeader) {
        return value(cookieHeader) != null;
    }

    /** The operator a request's Cookie header signs in, if it carries a valid, unexpired session. */
    public Optional<String> operator(String cookieHeader) {
        String value = value(cookieHeader);
        if (value == null) {
            return Optional.empty();
        }
        int mac = value.lastIndexOf('.');
        int issued = value.indexOf('.');
        if (mac <= 0 || issued == mac) {
            return Optional.empty();
        }
        String payload = value.substring(0, mac);
        byte[] given = value.substring(mac + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII), given)) {
            return Optional.empty();
        }
        try {
            long issuedAt = Long.parseLong(payload.substring(issued + 1));
            long age = clock.instant().getEpochSecond() - issuedAt;
            if (age < -60 || age > lifetime.toSeconds()) {
                return Optional.empty();
            }
            return Optional.of(new String(UNB64.decode(payload.substring(0, issued)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The session cookie's value in a Cookie header ({@code a=1; skaben_session=...}), or null. */
    private static String value(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String pair : cookieHeader.split(";")) {
            String p = pair.strip();
            if (p.startsWith(NAME + "=")) {
                return p.substring(NAME.length() + 1);
            }
        }
        return null;
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
