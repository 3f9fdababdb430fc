package org.skaben.device;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads the device_type table for the {@link DeviceRegistry}'s cache of types, which every packet reads (why this
 * is Java and not an {@code sql:} step: the cache's reload reads it). The operator API writes the table through
 * {@code sql:} steps in api/TypeRoutes.
 */
public class DeviceTypeRepository {

    private static final RowMapper<DeviceType> ROW = (rs, n) -> new DeviceType(
            rs.getString("name"), rs.getBoolean("smart"), rs.getBoolean("active"),
            Json.readObject(rs.getString("default_config")),
            Json.readObject(rs.getString("sup_fields")).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));

    private final JdbcTemplate jdbc;

    public DeviceTypeRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public List<DeviceType> findAll() {
        return jdbc.query("SELECT name, smart, active, default_config, sup_fields FROM device_type ORDER BY name", ROW);
    }
}
