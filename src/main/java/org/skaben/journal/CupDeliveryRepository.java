package org.skaben.journal;

import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Header;
import org.skaben.Headers;
import org.skaben.cup.OutgoingCup;
import org.skaben.support.DatabaseWait;
import org.springframework.jdbc.core.JdbcTemplate;

/** The cup_delivery table: every CUP sent, and whether the device acknowledged it (ACK) or failed it (NACK). */
public class CupDeliveryRepository {

    private final JdbcTemplate jdbc;

    public CupDeliveryRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * A CUP about to go out. It waits for an unreachable database rather than failing: a CUP is sent on behalf
     * of an action that already happened (a state switched, a rule fired), which must not be redone.
     */
    public void sent(OutgoingCup cup) {
        long now = System.currentTimeMillis();
        DatabaseWait.write("CUP delivery record", () -> jdbc.update("INSERT INTO cup_delivery (task_id, device_type, "
                + "uid, config_hash, sent_at, status) VALUES (?, ?, ?, ?, ?, 'sent')", cup.taskId(), cup.type(),
                cup.uid(), cup.hash(), now));
    }

    /** Records an ACK or NACK; false when no such CUP was sent to this device. */
    public boolean answered(@Header(Headers.TASK_ID) String taskId, @Header(Headers.UID) String uid,
                            @Header(Headers.COMMAND) String command) {
        return jdbc.update("UPDATE cup_delivery SET status = ?, answered_at = ? WHERE task_id = ? AND uid = ?",
                command, System.currentTimeMillis(), taskId, uid) > 0;
    }

    /** Milliseconds from sending this CUP to the device's answer, or null when it was not answered. */
    public Long roundTripMillis(String taskId, String uid) {
        List<Long> millis = jdbc.queryForList("SELECT answered_at - sent_at FROM cup_delivery "
                + "WHERE task_id = ? AND uid = ? AND answered_at IS NOT NULL", Long.class, taskId, uid);
        return millis.isEmpty() ? null : millis.get(0);
    }

    /**
     * A device deleted or replaced: its deliveries go (they tell whether the device holds its config, which a
     * device registered under this uid again, or its replacement, does not); the journal keeps its CUPs.
     */
    public void forget(String uid) {
        jdbc.update("DELETE FROM cup_delivery WHERE uid = ?", uid);
    }
}
