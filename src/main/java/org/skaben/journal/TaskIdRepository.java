package org.skaben.journal;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.skaben.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The applied_task table, as the idempotent consumer's repository: a SUP or INFO task_id is recorded once per
 * device. This runs for every SUP and INFO, so a new key costs one read by primary key on the packet's thread;
 * its INSERT goes to the {@link JournalWriter}, in the same queue as the packet's journal entry and before it,
 * so it is committed no later than the entry the packet's acknowledgement waits for. Until then the key is held
 * in memory, and a repeat arriving meanwhile is recognised from there.
 *
 * <p>With several instances (PostgreSQL), a repeat may reach another instance while the key is still queued here,
 * so there each key is claimed at once instead: {@code INSERT ... ON CONFLICT DO NOTHING}, committed before the
 * packet is applied; the instance whose insert made the row applies it, every other one refuses a duplicate.
 * The claim names its claimant and is marked applied in the transaction of the packet's journal entry
 * ({@link #markApplied}, an UPDATE queued in the journal writer right before the entry), so a packet is
 * acknowledged only once both are committed. A claim left unapplied is taken over, not refused, when its claimant
 * is this instance in an earlier life (such claims are deleted at start) or a dead instance whose MQTT session is
 * being drained ({@link #takeOverFrom}); a live instance's unapplied claim (it is applying the packet right now)
 * stays a duplicate. The pending set is the single process's path only, and there neither column is written.
 *
 * <p>Why not {@code sql:} steps: the idempotent consumer (routes/once-per-task.camel.yaml) calls its repository
 * itself, and the insert has to ride in the journal writer's queue, ahead of the packet's entry, to be committed
 * with it rather than in a commit of its own per packet.
 */
public class TaskIdRepository extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(TaskIdRepository.class);
    private static final JournalWriter.Statement INSERT = new JournalWriter.Statement("applied_task",
            "INSERT INTO applied_task (task_key, applied_at) VALUES (?, ?)");
    private static final JournalWriter.Statement DELETE = new JournalWriter.Statement("applied_task",
            "DELETE FROM applied_task WHERE task_key = ?");
    private static final JournalWriter.Statement DELETE_ALL = new JournalWriter.Statement("applied_task",
            "DELETE FROM applied_task");
    // several instances
    private static final String CLAIM = "INSERT INTO applied_task (task_key, applied_at, claimed_by, applied) "
            + "VALUES (?, ?, ?, FALSE) ON CONFLICT (task_key) DO NOTHING";
    private static final String TAKE_OVER = "UPDATE applied_task SET claimed_by = ?, applied_at = ? "
            + "WHERE task_key = ? AND applied = FALSE AND claimed_by = ?";
    private static final JournalWriter.Statement APPLIED = new JournalWriter.Statement("applied_task",
            "UPDATE applied_task SET applied = TRUE WHERE task_key = ? AND claimed_by = ?");

    private final JdbcTemplate jdbc;
    private final JournalWriter writer;
    // several instances: this instance's id, the claimant of the keys it claims (each in its own commit, before
    // the packet is applied); null for one process alone
    private final String claimant;
    private final boolean claimAtOnce;
    // keys queued for the writer and not yet committed
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    // dead instances whose sessions are being drained: their unapplied claims are taken over
    private final Set<String> takingOverFrom = ConcurrentHashMap.newKeySet();
    private final AtomicLong takenOver = new AtomicLong();

    /** One process alone. */
    public TaskIdRepository(DataSource dataSource, JournalWriter writer) {
        this(dataSource, writer, null);
    }

    /** {@code claimant}: this instance's id, as one of several on one PostgreSQL (see above); null: alone. */
    public TaskIdRepository(DataSource dataSource, JournalWriter writer, String claimant) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.writer = writer;
        this.claimant = claimant;
        this.claimAtOnce = claimant != null;
    }

    /** Several instances: this instance's unapplied claims from an earlier life are given up before it starts. */
    @Override
    protected void doStart() {
        if (claimAtOnce) {
            int left = jdbc.update("DELETE FROM applied_task WHERE claimed_by = ? AND applied = FALSE", claimant);
            if (left > 0) {
                LOG.info("{} task ids claimed but not applied by this instance ({}) before it stopped: given up, "
                        + "so that their packets, delivered again, are applied", left, claimant);
            }
        }
    }

    /** The idempotent consumer's call: a key claimed with several instances is kept on the exchange, for {@link #markApplied}. */
    @Override
    public boolean add(Exchange exchange, String key) {
        boolean added = add(key);
        if (added && claimAtOnce) {
            exchange.setProperty(Headers.CLAIMED_TASK, key);
        }
        return added;
    }

    @Override
    public boolean add(String key) {
        if (claimAtOnce) {
            return claim(key);
        }
        if (!pending.add(key)) {
            return false;
        }
        boolean stored;
        try {
            stored = stored(key);
        } catch (RuntimeException e) {
            pending.remove(key);
            throw e;
        }
        if (stored) {
            pending.remove(key);
            return false;
        }
        writer.append(INSERT, key, System.currentTimeMillis()).whenComplete((written, refused) -> {
            if (refused == null) {
                pending.remove(key);
            } else {
                // stays pending: a repeat is still refused while the server runs
                LOG.error("task id {} could not be stored: {}", key, refused.toString());
            }
        });
        return true;
    }

    private boolean claim(String key) {
        long now = System.currentTimeMillis();
        if (jdbc.update(CLAIM, key, now, claimant) == 1) {
            return true;
        }
        for (String dead : takingOverFrom) {
            if (jdbc.update(TAKE_OVER, claimant, now, key, dead) == 1) {
                takenOver.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    /**
     * Several instances: the UPDATE that marks the exchange's claim applied, queued in the journal writer right
     * before the packet's journal entry, so that both are committed together (the caller waits for both); null
     * when the exchange holds no claim (one process alone, a duplicate, or an entry already made).
     */
    public CompletableFuture<Void> markApplied(Exchange exchange) {
        String key = exchange.getProperty(Headers.CLAIMED_TASK, String.class);
        if (key == null) {
            return null;
        }
        exchange.removeProperty(Headers.CLAIMED_TASK);
        return writer.append(APPLIED, key, claimant);
    }

    /** While a dead instance's session is drained here, its unapplied claims are taken over (not duplicates). */
    public void takeOverFrom(String instance) {
        takingOverFrom.add(instance);
    }

    public void stopTakingOverFrom(String instance) {
        takingOverFrom.remove(instance);
    }

    /** How many claims of dead instances this instance took over since it started. */
    public long takenOver() {
        return takenOver.get();
    }

    @Override
    public boolean contains(String key) {
        return pending.contains(key) || stored(key);
    }

    private boolean stored(String key) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM applied_task WHERE task_key = ?", Integer.class, key);
        return n != null && n > 0;
    }

    /**
     * Processing failed: forget the key, so that a retry or a replay is applied. The DELETE follows the
     * queued INSERT through the writer, and this waits for it (failures are rare, and the retry must not find
     * the key).
     */
    @Override
    public boolean remove(String key) {
        if (claimAtOnce) {
            // only this instance's own claim: a failed duplicate never frees another instance's
            return jdbc.update("DELETE FROM applied_task WHERE task_key = ? AND claimed_by = ?", key, claimant) > 0;
        }
        boolean known = contains(key);
        writer.appendAndWait(DELETE, key);
        pending.remove(key);
        return known;
    }

    /** A dead-lettered packet was not applied: forget its task_id, so that its replay is. */
    public void forget(@Header(Headers.UID) String uid, @Header(Headers.COMMAND) String command,
                       @Header(Headers.TASK_ID) String taskId) {
        if (uid != null && command != null && taskId != null) {
            remove(uid + "/" + command + "/" + taskId);
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        if (claimAtOnce) {
            jdbc.update("DELETE FROM applied_task");
            return;
        }
        writer.appendAndWait(DELETE_ALL);
        pending.clear();
    }
}
