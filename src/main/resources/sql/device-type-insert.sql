INSERT INTO device_type (name, smart, active, default_config, sup_fields)
VALUES (:#${body.name}, :#${body.smart}, :#${body.active}, :#${body.defaultConfigJson}, :#${body.supFieldsJson})
