package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two lease cluster services in one JVM, on one database: HSQLDB in memory, and the tests' PostgreSQL
 * ({@link TestPostgres}). Every leadership is recorded as an interval on the monotonic clock; no two intervals
 * may overlap.
 */
class LeaseClusterServiceTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(LeaseClusterServiceTest.class);

    private static final String NS = "skaben";
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final LeaseTimes TIMES = LeaseTimes.of(LEASE);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private HikariDataSource database;
    private LeaseRepository raw;

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hsqldb", "postgresql"})
    void exactlyOneOfTwoLeadsAndTheOtherKnowsWho(String vendor) throws Exception {
        open(vendor);
        Instance a = start("a", database);
        Instance b = start("b", database);
        assertTrue(within(LEASE.multipliedBy(2), () -> a.leads() || b.leads()), "someone leads");
        Instance leader = a.leads() ? a : b;
        Instance follower = leader == a ? b : a;
        assertTrue(within(LEASE, () -> follower.view.getLeader().map(CamelClusterMember::getId)
                .filter(leader.id::equals).isPresent()), "the follower names the leader");
        // over two leases of renewals, the same one leads throughout and the other never does
        long end = System.nanoTime() + LEASE.multipliedBy(2).toNanos();
        int samples = 0;
        while (System.nanoTime() < end) {
            assertTrue(leader.leads(), "the leader still leads");
            assertFalse(follower.leads(), "the follower does not lead");
            samples++;
            Thread.sleep(50);
        }
        assertTrue(samples > 10);
        assertEquals(List.of(), leader.intervals, "one leadership, unbroken");
        assertTrue(leader.openedAt >= 0);
        assertEquals(List.of(), follower.intervals);
        assertEquals(leader.id, raw.holder(NS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hsqldb", "postgresql"})
    void aStoppedLeaderHandsOverWithinTheLease(String vendor) throws Exception {
        open(vendor);
        Instance a = start("a", database);
        assertTrue(within(LEASE.multipliedBy(2), a::leads), "a leads");
        Instance b = start("b", database);
        assertTrue(within(LEASE, () -> b.view.getLeader().isPresent()), "b knows a leads");
        long stopped = System.nanoTime();
        a.service.stop();
        assertTrue(within(LEASE, b::leads), "b leads within the lease");
        long handover = System.nanoTime() - stopped;
        System.out.printf("%s: handover after a clean stop: %d ms%n", vendor, TimeUnit.NANOSECONDS.toMillis(handover));
        assertNoOverlap(a, b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hsqldb", "postgresql"})
    void aLeaderWhoseDatabaseHangsStopsLeadingBeforeItsLeaseEndsAndTheOtherTakesOver(String vendor) throws Exception {
        open(vendor);
        HangingDataSource hanging = new HangingDataSource(database);
        Instance a = start("a", hanging);
        assertTrue(within(LEASE.multipliedBy(2), a::leads), "a leads");
        Instance b = start("b", database);
        assertTrue(within(LEASE, () -> b.view.getLeader().isPresent()), "b knows a leads");

        long hung = System.nanoTime();
        hanging.hang();
        assertTrue(within(LEASE, () -> !a.leads()), "a stops leading within the lease");
        long aStopped = System.nanoTime();
        // the database still holds a's lease when a stops: a stopped before it expired (a.leads() turns false at
        // the deadline itself; the step-down event, which reads the lease, follows on the view's thread)
        assertTrue(within(LEASE, () -> a.holderWhenSteppedDown != null), "a's step-down event");
        assertEquals("a", a.holderWhenSteppedDown);
        assertTrue(a.leftWhenSteppedDown > 0, "a's lease had not expired");
        assertTrue(within(LEASE.multipliedBy(2), b::leads), "b takes over");
        long bLeads = System.nanoTime();
        System.out.printf("%s: a's database hung; a stopped leading after %d ms (%d ms before its lease expired), "
                + "b led after %d ms%n", vendor, TimeUnit.NANOSECONDS.toMillis(aStopped - hung),
                a.leftWhenSteppedDown, TimeUnit.NANOSECONDS.toMillis(bLeads - hung));

        // a's database answers again: its late calls find b's lease, and a does not lead again
        hanging.answer();
        assertTrue(within(LEASE, () -> a.view.getLeader().map(CamelClusterMember::getId).filter("b"::equals)
                .isPresent()), "a learns that b leads");
        assertTrue(b.leads());
        assertFalse(a.leads());
        assertNoOverlap(a, b);
    }

    // --- helpers

    private void open(String vendor) {
        HikariConfig config = new HikariConfig();
        if (vendor.equals("hsqldb")) {
            config.setJdbcUrl("jdbc:hsqldb:mem:lease-" + System.nanoTime() + ";hsqldb.tx=mvcc");
            config.setUsername("SA");
        } else {
            config.setJdbcUrl(POSTGRES.url());
            config.setUsername(POSTGRES.username());
            config.setPassword(POSTGRES.password());
        }
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(1000);
        database = new HikariDataSource(config);
        toClose.add(database);
        Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
        new JdbcTemplate(database).update("DELETE FROM cluster_lease");
        raw = new LeaseRepository(database, Duration.ofSeconds(5));
    }

    private static long millis(Object timestamp) {
        return timestamp instanceof java.sql.Timestamp t ? t.getTime()
                : timestamp instanceof java.time.OffsetDateTime o ? o.toInstant().toEpochMilli()
                : ((java.time.temporal.TemporalAccessor) timestamp).getLong(java.time.temporal.ChronoField.INSTANT_SECONDS) * 1000;
    }

    private Instance start(String id, DataSource dataSource) throws Exception {
        Instance instance = new Instance(id, dataSource);
        toClose.add(instance);
        return instance;
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    private static void assertNoOverlap(Instance... instances) {
        List<long[]> all = new ArrayList<>();
        for (Instance instance : instances) {
            all.addAll(instance.intervals);
            if (instance.openedAt >= 0) {
                all.add(new long[] {instance.openedAt, Long.MAX_VALUE});
            }
        }
        all.sort((x, y) -> Long.compare(x[0], y[0]));
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1)[1] < all.get(i)[0], "leaderships overlap");
        }
        assertTrue(all.size() >= 2, "two leaderships recorded");
    }

    /** One server instance's cluster service, with its leaderships recorded. */
    private final class Instance implements AutoCloseable, CamelClusterEventListener.Leadership {
        final String id;
        final LeaseClusterService service;
        final CamelClusterView view;
        final List<long[]> intervals = new ArrayList<>();
        volatile long openedAt = -1;
        volatile String holderWhenSteppedDown;
        volatile long leftWhenSteppedDown;

        Instance(String id, DataSource dataSource) throws Exception {
            this.id = id;
            service = new LeaseClusterService(new LeaseRepository(dataSource, TIMES.renew()), new InstanceId(id),
                    TIMES, () -> { });
            service.start();
            view = service.getView(NS);
            view.addEventListener(this);
        }

        boolean leads() {
            return view.getLocalMember().isLeader();
        }

        @Override
        public synchronized void leadershipChanged(CamelClusterView changed, CamelClusterMember leader) {
            long now = System.nanoTime();
            if (changed.getLocalMember().isLeader()) {
                if (openedAt < 0) {
                    openedAt = now;
                }
            } else if (openedAt >= 0) {
                intervals.add(new long[] {openedAt, now});
                openedAt = -1;
                // the lease as the database sees it: its holder, and how long it had left when this event came (the
                // query's own wait for a connection, long on a loaded machine, added back: the event is the instant
                // measured, and it comes no earlier than the step-down itself)
                Map<String, Object> row = new JdbcTemplate(database).queryForMap("SELECT holder, expires_at, "
                        + "CURRENT_TIMESTAMP AS db_now FROM cluster_lease WHERE namespace = ?", NS);
                long queried = System.nanoTime();
                holderWhenSteppedDown = (String) row.get("holder");
                leftWhenSteppedDown = millis(row.get("expires_at")) - millis(row.get("db_now"))
                        + TimeUnit.NANOSECONDS.toMillis(queried - now);
            }
        }

        @Override
        public void close() {
            service.stop();
        }
    }

    /** A data source whose connections can be made to hang (a database that stopped answering), and to answer again. */
    private static final class HangingDataSource implements DataSource {
        private final DataSource delegate;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        HangingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        void hang() {
            gate = new CountDownLatch(1);
        }

        void answer() {
            gate.countDown();
        }

        private void pass() throws SQLException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            pass();
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            pass();
            return delegate.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}
