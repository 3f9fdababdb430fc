package org.skaben.device;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retired_device table: devices replaced by another, whose packets are refused. Not {@code sql:} steps: the
 * {@link DeviceRegistry} reads it into memory (every packet is checked there) and writes it under its lock, a
 * retirement inside the device replacement's transaction.
 */
public class RetiredDeviceRepository {

    private final JdbcTemplate jdbc;

    public RetiredDeviceRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Retired uid -> the uid that replaced it. */
    public Map<String, String> replacedBy() {
        Map<String, String> all = new HashMap<>();
        jdbc.query("SELECT uid, replaced_by FROM retired_device", rs -> {
            all.put(rs.getString("uid"), rs.getString("replaced_by"));
        });
        return all;
    }

    public void retire(String uid, String type, String replacedBy, long at) {
        jdbc.update("INSERT INTO retired_device (uid, device_type, replaced_by, retired_at) VALUES (?, ?, ?, ?)",
                uid, type, replacedBy, at);
    }

    /** The uid is a registered device again. */
    public void forget(String uid) {
        jdbc.update("DELETE FROM retired_device WHERE uid = ?", uid);
    }
}
