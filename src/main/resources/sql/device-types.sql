SELECT name, smart, active, default_config, sup_fields FROM device_type ORDER BY name
