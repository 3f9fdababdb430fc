package org.skaben.cluster;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Change notices through PostgreSQL's NOTIFY on {@link #CHANNEL}: every instance's {@link ChangeListener}
 * hears them. The JdbcTemplate takes the connection of the transaction running on this thread, if any, so a
 * notice sent inside a write's transaction is delivered when it commits (PostgreSQL holds notices until then).
 * Why not an {@code sql:} step: Java sends it (cacheRefresh, the views' writers), a device replacement or the
 * cards' CSV import from inside its own transaction, whose connection the NOTIFY has to share.
 */
public class PgChangeNotices implements ChangeNotices {

    /** The channel every instance listens on. */
    public static final String CHANNEL = "skaben_changes";

    private final JdbcTemplate jdbc;
    private final InstanceId instance;

    public PgChangeNotices(DataSource dataSource, InstanceId instance) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.instance = instance;
    }

    @Override
    public void changed(String view, String key) {
        // pg_notify: NOTIFY takes no bound parameters
        jdbc.queryForRowSet("SELECT pg_notify(?, ?)", CHANNEL, new ChangeNotice(instance.value(), view, key).payload());
    }
}
