package org.skaben.cluster;

import javax.sql.DataSource;
import org.skaben.support.StoredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The secrets the server makes up when none is configured, kept in the shared database (table stored_secret)
 * instead of each instance's data folder: every instance of one dungeon accepts the same API token, and a game
 * master signed in on one instance is signed in on the others. The first instance to start inserts a new one;
 * an insert that finds one already there does nothing, so two instances starting at once still agree. Not an
 * {@code sql:} step: read once at wiring (the API's token and session-key beans), by no route.
 */
public class SharedSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSecrets.class);

    private final JdbcTemplate jdbc;

    public SharedSecrets(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The secret kept under {@code name}: one made up now if there was none (PostgreSQL: ON CONFLICT). */
    public String kept(String name) {
        int inserted = jdbc.update("INSERT INTO stored_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name, StoredSecret.random());
        String secret = jdbc.queryForObject("SELECT secret FROM stored_secret WHERE name = ?", String.class, name);
        if (inserted == 1) {
            LOG.info("Made up the shared secret '{}' (kept in the database's table stored_secret)", name);
        }
        return secret;
    }

    /**
     * The secret the installation configured under {@code key}, or else the one kept under {@code name}, logged
     * with {@code what} it is at every start (as {@link StoredSecret#configuredOrKept} does for one server).
     */
    public String configuredOrKept(String configured, String name, String key, String what) {
        if (!configured.isBlank()) {
            return configured.trim();
        }
        String secret = kept(name);
        LOG.warn("{} is not set: {} {} (shared by every instance, kept in the database's table stored_secret, "
                + "row '{}'; delete that row and restart every instance for a new one)", key, what, secret, name);
        return secret;
    }
}
