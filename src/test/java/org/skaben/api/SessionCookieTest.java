package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's signed session cookie, and the operator names it may carry. */
class SessionCookieTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

    private static SessionCookie cookies(String key, String token, Clock clock) {
        return new SessionCookie(key, new BearerToken(token).digest(), Duration.ofHours(24), clock);
    }

    private static String sent(String setCookie) {
        return setCookie.split(";")[0];
    }

    @Test
    void aCookieNamesItsOperatorForAnyServerWithTheSameKeyAndToken() {
        String cookie = sent(cookies("k", "t", NOW).signIn("Ёлка Ш."));
        assertEquals(Optional.of("Ёлка Ш."), cookies("k", "t", NOW).operator("a=1; " + cookie + "; b=2"));
        assertEquals(Optional.empty(), cookies("other key", "t", NOW).operator(cookie));
        assertEquals(Optional.empty(), cookies("k", "new token", NOW).operator(cookie));
        assertEquals(Optional.empty(), cookies("k", "t", NOW).operator(null));
        assertEquals(Optional.empty(), cookies("k", "t", NOW).operator("a=1"));
    }

    @Test
    void anExpiredOrAlteredCookieNamesNobody() {
        String cookie = sent(cookies("k", "t", NOW).signIn("Eve"));
        Clock tomorrow = Clock.offset(NOW, Duration.ofHours(25));
        assertEquals(Optional.empty(), cookies("k", "t", tomorrow).operator(cookie));
        assertEquals(Optional.of("Eve"), cookies("k", "t", Clock.offset(NOW, Duration.ofHours(23))).operator(cookie));
        String[] parts = cookie.substring(SessionCookie.NAME.length() + 1).split("\\.");
        String later = SessionCookie.NAME + "=" + parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        assertEquals(Optional.empty(), cookies("k", "t", NOW).operator(later));
        assertEquals(Optional.empty(), cookies("k", "t", NOW).operator(SessionCookie.NAME + "=" + parts[0] + "." + parts[1]));
        assertTrue(SessionCookie.present(later));
    }

    @Test
    void theSetCookieHeaderKeepsTheCookieFromScriptsAndOtherSites() {
        String header = cookies("k", "t", NOW).signIn("Eve");
        assertTrue(header.endsWith("; Max-Age=86400; Path=/; HttpOnly; SameSite=Strict"), header);
        assertTrue(cookies("k", "t", NOW).signOut().contains("Max-Age=0"));
    }

    @Test
    void operatorNamesAreShortPlainAndNormalised() {
        assertEquals("Анна", OperatorName.check(" Анна ", "name"));
        assertEquals("\u00e9", OperatorName.check("e\u0301", "name"), "one spelling of é");
        assertEquals("a.b_c-d 1", OperatorName.check("a.b_c-d 1", "name"));
        for (String bad : new String[] {null, "", " ", "x".repeat(41), "a/b", "a:b", "<b>", "a\nb", "a\u0000b"}) {
            assertThrows(ApiException.class, () -> OperatorName.check(bad, "name"), String.valueOf(bad));
        }
    }
}
