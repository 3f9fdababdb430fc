package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change listener on PostgreSQL: another instance's notice reaches the views within a second, its own are
 * ignored, a notice sent in a transaction goes out with its commit only, and a listener whose connection is
 * killed connects again and has every view read again.
 */
class ChangeListenerTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(ChangeListenerTest.class);

    private static final String ALL = "*all*";

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private final String applicationName = "skaben-test-listener-" + UUID.randomUUID().toString().substring(0, 8);
    private final InstanceId self = new InstanceId("b-" + applicationName);
    private HikariDataSource pool;
    private ChangeListener listener;

    @BeforeEach
    void listen() throws Exception {
        pool = POSTGRES.pool();
        listener = new ChangeListener(() -> POSTGRES.connect(applicationName), self, new ChangeListener.Views() {
            @Override
            public void heard(String view, String key) {
                heard.add(key == null ? view : view + ":" + key);
            }

            @Override
            public void reloadAll() {
                heard.add(ALL);
            }
        });
        listener.start();
        assertTrue(listener.awaitListening(5000), "listening within 5 s");
        assertEquals(ALL, next(), "every view is read once the listener listens");
    }

    @AfterEach
    void stop() {
        listener.close();
        pool.close();
    }

    private String next() throws InterruptedException {
        return heard.poll(5, TimeUnit.SECONDS);
    }

    private ChangeNotices from(String instance) {
        return new PgChangeNotices(pool, new InstanceId(instance));
    }

    @Test
    void anotherInstancesNoticeIsHeardWithinASecond() throws Exception {
        long sent = System.nanoTime();
        from("a").changed(ChangeNotices.DEVICES, "0a1b2c3d4e5f");
        String notice = heard.poll(1, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertEquals("devices:0a1b2c3d4e5f", notice, "heard within 1 s");
        System.out.println("change notice heard after " + millis + " ms");
        from("a").changed(ChangeNotices.ALERT);
        assertEquals("alert", next());
    }

    @Test
    void itsOwnNoticesAreIgnored() throws Exception {
        from(self.value()).changed(ChangeNotices.ALERT);
        from(self.value()).changed(ChangeNotices.DEVICES, "0a1b2c3d4e5f");
        // witness: a later notice of another instance is the next thing heard
        from("a").changed(ChangeNotices.ACCESS);
        assertEquals("access", next());
        assertTrue(heard.isEmpty(), "heard: " + heard);
    }

    @Test
    void aNoticeInATransactionGoesOutWithItsCommitOnly() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        tx.executeWithoutResult(status -> {
            from("a").changed(ChangeNotices.SIMPLE_CONFIGS);
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> {
            from("a").changed(ChangeNotices.TYPES);
            // not before the commit: the notice is held while the transaction runs
            jdbc.queryForObject("SELECT pg_sleep(0.3) IS NULL", Boolean.class);
            assertTrue(heard.isEmpty(), "heard before the commit: " + heard);
        });
        assertEquals("types", next());
        from("a").changed(ChangeNotices.ALERT);
        assertEquals("alert", next(), "the rolled-back notice never came");
    }

    @Test
    void aBurstIsReadOncePerView() throws Exception {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < 10; i++) {
                from("a").changed(ChangeNotices.ALERT);
                from("a").changed(ChangeNotices.DEVICES, "0a1b2c3d4e5f");
            }
            from("a").changed(ChangeNotices.DEVICES, "aaaaaaaaaaaa");
        });
        assertEquals("alert", next());
        assertEquals("devices:0a1b2c3d4e5f", next());
        assertEquals("devices:aaaaaaaaaaaa", next());
        from("a").changed(ChangeNotices.ACCESS);
        assertEquals("access", next(), "one read per view and entry");
    }

    @Test
    void afterItsConnectionIsKilledItListensAgainAndEveryViewIsReadAgain() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        Integer killed = jdbc.queryForObject("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = ?", Integer.class, applicationName);
        assertEquals(1, killed);
        long at = System.nanoTime();
        assertEquals(ALL, next(), "every view read again after the reconnect");
        System.out.println("listener back and every view read after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at) + " ms");
        assertEquals(1, listener.reconnects());
        from("a").changed(ChangeNotices.TYPES);
        assertNotNull(heard.poll(1, TimeUnit.SECONDS), "heard again within 1 s");
    }
}
