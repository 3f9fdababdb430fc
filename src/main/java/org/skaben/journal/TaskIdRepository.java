package org.skaben.journal;

import javax.sql.DataSource;
import org.apache.camel.Header;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The applied_task table, as the idempotent consumer's repository: a SUP or INFO task_id is recorded once per
 * device. One INSERT per new key (the primary key finds repeats), where Camel's JDBC repository needs a
 * transaction with a SELECT and an INSERT: this runs for every SUP and INFO.
 */
public class TaskIdRepository extends ServiceSupport implements IdempotentRepository {

    private final JdbcTemplate jdbc;

    public TaskIdRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public boolean add(String key) {
        try {
            jdbc.update("INSERT INTO applied_task (task_key, applied_at) VALUES (?, ?)", key, System.currentTimeMillis());
            return true;
        } catch (DuplicateKeyException repeated) {
            return false;
        }
    }

    @Override
    public boolean contains(String key) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM applied_task WHERE task_key = ?", Integer.class, key);
        return n != null && n > 0;
    }

    /** Processing failed: forget the key, so that a retry or a replay is applied. */
    @Override
    public boolean remove(String key) {
        return jdbc.update("DELETE FROM applied_task WHERE task_key = ?", key) > 0;
    }

    /** A dead-lettered packet was not applied: forget its task_id, so that its replay is. */
    public void forget(@Header("skabenUid") String uid, @Header("skabenCommand") String command,
                       @Header("skabenTaskId") String taskId) {
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
        jdbc.update("DELETE FROM applied_task");
    }
}
