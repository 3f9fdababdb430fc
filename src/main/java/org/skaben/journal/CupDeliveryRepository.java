package org.skaben.journal;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What removing a device does to its CUP deliveries. The delivery record itself is written by the routes
 * (sql/cup-delivery-*.sql); forgetting a device's rows is one statement of the device removal's transaction
 * (device, permissions, deliveries together), so it stays in Java beside the others.
 */
public class CupDeliveryRepository {

    private final JdbcTemplate jdbc;

    public CupDeliveryRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * A device deleted or replaced: its deliveries go (they tell whether the device holds its config, which a
     * device registered under this uid again, or its replacement, does not); the journal keeps its CUPs.
     */
    public void forget(String uid) {
        jdbc.update("DELETE FROM cup_delivery WHERE uid = ?", uid);
    }
}
