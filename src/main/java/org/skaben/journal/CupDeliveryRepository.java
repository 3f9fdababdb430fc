package org.skaben.journal;

import javax.sql.DataSource;
import org.skaben.cup.OutgoingCup;
import org.skaben.support.DatabaseWait;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cup_delivery rows written from Java; the ACK/NACK and the round trip are {@code sql:} steps of
 * routes/delivery-reports.camel.yaml. The record of a CUP sent is not a {@code sql:} step: it must wait for an
 * unreachable database in place (the CUP follows an action already taken, which must not be redone), and a
 * route that waits with Camel's redelivery copies the exchange of every CUP: measured with RouteCost, a PONG that
 * brings a CUP cost 20 % more CPU that way. Forgetting a device's rows is one statement of the device removal's
 * transaction (device, permissions, deliveries together).
 */
public class CupDeliveryRepository {

    private final JdbcTemplate jdbc;

    public CupDeliveryRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A CUP about to go out: waits for an unreachable database rather than failing. */
    public void sent(OutgoingCup cup) {
        long now = System.currentTimeMillis();
        DatabaseWait.write("CUP delivery record", () -> jdbc.update("INSERT INTO cup_delivery (task_id, device_type, "
                + "uid, config_hash, sent_at, status) VALUES (?, ?, ?, ?, ?, 'sent')", cup.taskId(), cup.type(),
                cup.uid(), cup.hash(), now));
    }

    /**
     * A device deleted or replaced: its deliveries go (they tell whether the device holds its config, which a
     * device registered under this uid again, or its replacement, does not); the journal keeps its CUPs.
     */
    public void forget(String uid) {
        jdbc.update("DELETE FROM cup_delivery WHERE uid = ?", uid);
    }
}
