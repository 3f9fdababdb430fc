package org.skaben.cluster;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster_lease table: who leads a namespace, and until when. Every time here is the database's
 * (CURRENT_TIMESTAMP inside the statement), so instances whose clocks differ still agree on when a lease ends.
 * Each call is one statement in autocommit: atomic on its own, and bounded by a query timeout so that a hung
 * database makes a call fail instead of hanging for ever. Not {@code sql:} steps: the cluster service's own
 * calls (take, holder, release), on its own lease threads, not a route's.
 */
public class LeaseRepository {

    // CURRENT_TIMESTAMP + n milliseconds, in SQL both HSQLDB and PostgreSQL read
    private static final String EXPIRY = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '0.001' SECOND";

    private final JdbcTemplate jdbc;

    public LeaseRepository(DataSource dataSource, Duration queryTimeout) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
    }

    /**
     * Renews the lease if {@code holder} holds it, takes it over if it has expired, or creates it if there is
     * none; true when {@code holder} holds it for {@code lease} from now (the database's now).
     */
    public boolean take(String namespace, String holder, Duration lease) {
        int updated = jdbc.update("UPDATE cluster_lease SET holder = ?, expires_at = " + EXPIRY
                + " WHERE namespace = ? AND (holder = ? OR expires_at < CURRENT_TIMESTAMP)",
                holder, lease.toMillis(), namespace, holder);
        if (updated == 1) {
            return true;
        }
        try {
            return jdbc.update("INSERT INTO cluster_lease (namespace, holder, expires_at) VALUES (?, ?, " + EXPIRY + ")",
                    namespace, holder, lease.toMillis()) == 1;
        } catch (DataIntegrityViolationException held) {
            // the row exists (another instance holds a lease that has not expired, or inserted it just now)
            return false;
        }
    }

    /** The instance whose lease on the namespace has not expired, or null. */
    public String holder(String namespace) {
        List<String> holders = jdbc.queryForList(
                "SELECT holder FROM cluster_lease WHERE namespace = ? AND expires_at > CURRENT_TIMESTAMP",
                String.class, namespace);
        return holders.isEmpty() ? null : holders.get(0);
    }

    /** The namespaces starting with {@code prefix} (a constant, e.g. "member:") whose lease has expired. */
    public List<String> expired(String prefix) {
        return jdbc.queryForList("SELECT namespace FROM cluster_lease WHERE namespace LIKE ? "
                + "AND expires_at < CURRENT_TIMESTAMP ORDER BY namespace", String.class, prefix + "%");
    }

    /** Deletes the namespace's lease if it has expired (not if its holder renewed it meanwhile); true if deleted. */
    public boolean releaseExpired(String namespace) {
        return jdbc.update("DELETE FROM cluster_lease WHERE namespace = ? AND expires_at < CURRENT_TIMESTAMP",
                namespace) == 1;
    }

    /** Gives the lease up at once (a clean stop), so that another instance need not wait for it to expire. */
    public void release(String namespace, String holder) {
        jdbc.update("DELETE FROM cluster_lease WHERE namespace = ? AND holder = ?", namespace, holder);
    }
}
