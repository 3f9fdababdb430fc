package org.skaben.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The device_type table, for the {@link DeviceRegistry} only (its cache of types is read by every packet). */
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

    public Optional<DeviceType> find(String name) {
        return jdbc.query("SELECT name, smart, active, default_config, sup_fields FROM device_type WHERE name = ?",
                ROW, name).stream().findFirst();
    }

    public void save(DeviceType type) {
        String config = Json.write(type.defaultConfig());
        String fields = Json.write(type.supFields());
        int updated = jdbc.update("UPDATE device_type SET smart = ?, active = ?, default_config = ?, sup_fields = ? "
                + "WHERE name = ?", type.smart(), type.active(), config, fields, type.name());
        if (updated == 0) {
            jdbc.update("INSERT INTO device_type (name, smart, active, default_config, sup_fields) VALUES (?, ?, ?, ?, ?)",
                    type.name(), type.smart(), type.active(), config, fields);
        }
    }
}
