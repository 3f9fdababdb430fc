package org.skaben.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.skaben.api.JournalCatchUp;
import org.skaben.journal.JournalFeed;
import org.skaben.journal.JournalRepository;
import org.skaben.journal.JournalWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live journal's reader of the shared event table: entries of two writers come in id order, also when the
 * lower id commits last; an id that never commits is given up after the gap time; the horizon follows.
 */
class JournalPollerTest {

    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres(JournalPollerTest.class);

    private static final long GAP_MILLIS = 2000;

    private HikariDataSource pool;
    private JournalWriter writer;
    private JournalFeed feed;
    private JournalPoller poller;
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<Long> handedOn = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        pool = POSTGRES.pool();
        writer = new JournalWriter(pool, 10, 10);
        feed = new JournalFeed(false);
        feed.listen(entry -> handedOn.add(entry.id()));
        // polled by hand (a poll interval longer than any test)
        poller = new JournalPoller(new JournalIds(pool), rowsAfter(pool), feed, 3_600_000, GAP_MILLIS, clock::get);
        poller.start();
    }

    /** The entries after an id, as the route behind GET /api/events?after= reads them (no Camel here). */
    private static JournalCatchUp rowsAfter(HikariDataSource pool) {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        return (afterId, uid, kind, limit) -> jdbc.query("SELECT id, occurred_at, kind, source, device_type, uid, "
                + "topic, detail FROM event WHERE id > ? ORDER BY id LIMIT ?", (rs, n) -> JournalRepository.view(
                rs.getLong("id"), rs.getLong("occurred_at"), rs.getString("kind"), rs.getString("source"),
                rs.getString("device_type"), rs.getString("uid"), rs.getString("topic"), rs.getString("detail")),
                afterId, limit);
    }

    @AfterEach
    void stop() {
        poller.close();
        writer.close();
        pool.close();
    }

    /** An event row inserted on the connection (committed or not, as the connection's transaction says). */
    private static long insert(Connection c, String detail) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO event (occurred_at, kind, source, detail) "
                + "VALUES (?, 'note', 'poller-test', ?)", new String[] {"id"})) {
            insert.setLong(1, System.currentTimeMillis());
            insert.setString(2, detail);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    @Test
    void aLowerIdCommittedLaterIsHandedOnFirst() throws Exception {
        try (Connection a = POSTGRES.connect("poller-a"); Connection b = POSTGRES.connect("poller-b")) {
            a.setAutoCommit(false);
            long first = insert(a, "instance A, committed last");
            long second = insert(b, "instance B, committed first");
            assertTrue(second > first);
            poller.poll();
            assertEquals(List.of(), handedOn, "held back at the gap of the id not yet committed");
            assertTrue(feed.horizon() < first, "horizon " + feed.horizon());
            a.commit();
            poller.poll();
            assertEquals(List.of(first, second), handedOn);
            assertEquals(second, feed.horizon());
        }
    }

    @Test
    void anIdNeverCommittedIsGivenUpAfterTheGapTime() throws Exception {
        try (Connection a = POSTGRES.connect("poller-a"); Connection b = POSTGRES.connect("poller-b")) {
            a.setAutoCommit(false);
            long lost = insert(a, "rolled back");
            a.rollback();
            long kept = insert(b, "committed");
            poller.poll();
            clock.addAndGet(GAP_MILLIS - 1);
            poller.poll();
            assertEquals(List.of(), handedOn, "still waiting for id " + lost);
            clock.addAndGet(1);
            poller.poll();
            assertEquals(List.of(kept), handedOn);
            assertEquals(kept, feed.horizon());
        }
    }

    @Test
    void withNobodyListeningOnlyTheHorizonMoves() throws Exception {
        JournalFeed quiet = new JournalFeed(false);
        JournalPoller idle = new JournalPoller(new JournalIds(pool), rowsAfter(pool), quiet, 3_600_000, GAP_MILLIS,
                clock::get);
        idle.start();
        try (Connection b = POSTGRES.connect("poller-b")) {
            long id = insert(b, "nobody listens");
            idle.poll();
            assertEquals(id, quiet.horizon());
        } finally {
            idle.close();
        }
    }
}
