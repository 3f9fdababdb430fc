package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.api.SessionCookie;

/**
 * Two instances (two pools on one PostgreSQL) take the same made-up secret, so a session cookie signed by one
 * is accepted by the other; a configured secret wins.
 */
class SharedSecretsTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(SharedSecretsTest.class);

    private HikariDataSource poolA;
    private HikariDataSource poolB;
    private final String name = "test-" + UUID.randomUUID();

    @BeforeEach
    void open() {
        poolA = POSTGRES.pool();
        poolB = POSTGRES.pool();
    }

    @AfterEach
    void close() {
        poolA.close();
        poolB.close();
    }

    @Test
    void everyInstanceTakesTheSecretTheFirstMadeUp() {
        String a = new SharedSecrets(poolA).kept(name);
        String b = new SharedSecrets(poolB).kept(name);
        assertEquals(a, b);
        assertEquals(48, a.length());
        assertEquals(a, new SharedSecrets(poolA).kept(name), "kept across restarts");
        assertNotEquals(a, new SharedSecrets(poolA).kept(name + "-other"));
    }

    @Test
    void aGameMasterSignedInOnOneInstanceIsSignedInOnTheOther() {
        String token = "token-digest";
        SessionCookie onA = new SessionCookie(new SharedSecrets(poolA).kept(name), token, Duration.ofHours(1),
                Clock.systemUTC());
        SessionCookie onB = new SessionCookie(new SharedSecrets(poolB).kept(name), token, Duration.ofHours(1),
                Clock.systemUTC());
        String cookie = onA.signIn("Анна").split(";")[0];
        assertEquals("Анна", onB.operator(cookie).orElseThrow());
        // and a key of its own (a data folder's) would not have accepted it
        SessionCookie alone = new SessionCookie("another-key", token, Duration.ofHours(1), Clock.systemUTC());
        assertTrue(alone.operator(cookie).isEmpty());
    }

    @Test
    void aConfiguredSecretWins() {
        assertEquals("configured", new SharedSecrets(poolA).configuredOrKept(" configured ", name, "k", "the x is"));
        String kept = new SharedSecrets(poolA).configuredOrKept("", name, "k", "the x is");
        assertEquals(new SharedSecrets(poolB).kept(name), kept);
    }
}
