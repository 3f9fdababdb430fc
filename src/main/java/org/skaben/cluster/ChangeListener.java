package org.skaben.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the other instances' change notices ({@link PgChangeNotices}) on a connection of its own (LISTEN holds
 * a session; a pooled connection would be handed to others) and has this instance's views read again what
 * changed: an entry, or a whole view. Its own notices it ignores. Each time it (re)connects it has every view
 * read again, since notices sent while it was not listening are lost: so also at the first start, which closes
 * the gap between the views' first read and the LISTEN.
 *
 * <p>Why pgjdbc's {@code getNotifications(timeout)} and not camel-pgevent: that component needs the pgjdbc-ng
 * driver, a second PostgreSQL driver beside the one every repository uses. Why not a broadcast topic on the
 * broker: NOTIFY is transactional (a notice sent in a write's transaction goes out on commit, never for a
 * rolled-back write), and a notice then never overtakes the write it announces.
 */
public final class ChangeListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    /** How long one wait for notices lasts; the connection is checked after an idle one. */
    private static final int WAIT_MILLIS = 500;
    private static final int CHECK_SECONDS = 2;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    /** Opens the listener's own connection. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    /** The views the notices are about. */
    public interface Views {

        /** Another instance changed the view ({@code key}: the one entry, or null for all of it). */
        void heard(String view, String key);

        /** Notices may have been missed: every view reads its tables again. */
        void reloadAll();
    }

    private final Connector connector;
    private final InstanceId self;
    private final Views views;
    private final Thread thread;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Connection connection;
    private volatile long reconnects;

    public ChangeListener(Connector connector, InstanceId self, Views views) {
        this.connector = connector;
        this.self = self;
        this.views = views;
        this.thread = new Thread(this::run, "skaben-change-listener");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the listener has listened once and read every view (true), at most {@code millis}. */
    public boolean awaitListening(long millis) throws InterruptedException {
        return firstListen.await(millis, TimeUnit.MILLISECONDS);
    }

    /** How often the listener connected again after losing its connection. */
    public long reconnects() {
        return reconnects;
    }

    private void run() {
        long backoff = 200;
        boolean first = true;
        while (running) {
            try (Connection c = connector.open()) {
                connection = c;
                try (Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + PgChangeNotices.CHANNEL);
                }
                if (!first) {
                    reconnects++;
                    LOG.info("change notices: listening again; every view reads its tables again");
                }
                // listening before reading: a change committed meanwhile is read now, or heard next, or both
                views.reloadAll();
                first = false;
                firstListen.countDown();
                backoff = 200;
                listen(c.unwrap(PGConnection.class), c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("change notices: listener lost ({}); connecting again in {} ms", e.getMessage(), backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                connection = null;
            }
        }
    }

    /** Until the connection fails or the listener is closed. */
    private void listen(PGConnection pg, Connection c) throws SQLException {
        while (running) {
            PGNotification[] batch = pg.getNotifications(WAIT_MILLIS);
            if (batch == null || batch.length == 0) {
                // a connection gone without a word (a cable, a firewall) is found here, not by the wait
                if (!c.isValid(CHECK_SECONDS)) {
                    throw new SQLException("the connection is no longer valid");
                }
                continue;
            }
            apply(batch);
        }
    }

    /**
     * A burst of notices (a counter moved ten times) is read once per view: a whole view's notice covers its
     * entries'. A view's failure to read is thrown, so that the connection starts over and reads everything.
     */
    private void apply(PGNotification[] batch) {
        Set<String> whole = new LinkedHashSet<>();
        Set<ChangeNotice> entries = new LinkedHashSet<>();
        for (PGNotification n : batch) {
            ChangeNotice notice;
            try {
                notice = ChangeNotice.parse(n.getParameter());
            } catch (IllegalArgumentException e) {
                LOG.warn("change notices: ignored {}", e.getMessage());
                continue;
            }
            if (notice.origin().equals(self.value())) {
                continue;
            }
            if (notice.key() == null) {
                whole.add(notice.view());
            } else {
                entries.add(new ChangeNotice("-", notice.view(), notice.key()));
            }
        }
        for (String view : whole) {
            views.heard(view, null);
        }
        for (ChangeNotice entry : entries) {
            if (!whole.contains(entry.view())) {
                views.heard(entry.view(), entry.key());
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("change notices: closing the listener's connection: {}", e.getMessage());
            }
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
