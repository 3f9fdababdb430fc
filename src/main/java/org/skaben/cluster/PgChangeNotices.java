package org.skaben.cluster;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Change notices through PostgreSQL's NOTIFY on {@link #CHANNEL}: every instance's {@link ChangeListener}
 * hears them. The JdbcTemplate takes the connection of the transaction running on this thread, if any, so a
 * notice sent inside a write's transaction is delivered when it commits (PostgreSQL holds notices until then).
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
