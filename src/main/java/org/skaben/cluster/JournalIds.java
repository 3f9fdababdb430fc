package org.skaben.cluster;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ids of the shared event table, for the {@link JournalPoller}: how far the table goes. Why not a
 * {@code sql:} step: the poller is a background thread of its own (every 250 ms, state kept between polls), not
 * a route's step; the rows it hands on are read through the route that serves GET /api/events?after=.
 */
public class JournalIds {

    private final JdbcTemplate jdbc;

    public JournalIds(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The ids after {@code afterId}, lowest first, without reading the rows. */
    public List<Long> after(long afterId, int limit) {
        return jdbc.queryForList("SELECT id FROM event WHERE id > ? ORDER BY id LIMIT ?", Long.class, afterId, limit);
    }

    /** The highest id in the journal (0: none). */
    public long last() {
        Long id = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM event", Long.class);
        return id == null ? 0 : id;
    }
}
