package org.skaben.journal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
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
 * The pending set and the journal writer are the single process's path only.
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

    private final JdbcTemplate jdbc;
    private final JournalWriter writer;
    // several instances: each key is claimed in its own commit before the packet is applied
    private final boolean claimAtOnce;
    // keys queued for the writer and not yet committed
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public TaskIdRepository(DataSource dataSource, JournalWriter writer) {
        this(dataSource, writer, false);
    }

    /** {@code claimAtOnce}: one of several instances on one PostgreSQL (see above). */
    public TaskIdRepository(DataSource dataSource, JournalWriter writer, boolean claimAtOnce) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.writer = writer;
        this.claimAtOnce = claimAtOnce;
    }

    @Override
    public boolean add(String key) {
        if (claimAtOnce) {
            return jdbc.update("INSERT INTO applied_task (task_key, applied_at) VALUES (?, ?) "
                    + "ON CONFLICT (task_key) DO NOTHING", key, System.currentTimeMillis()) == 1;
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
            return jdbc.update("DELETE FROM applied_task WHERE task_key = ?", key) > 0;
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
