INSERT INTO simple_config (device_type, state_id, config) VALUES (:#${body.type}, :#${body.stateId}, :#${body.configJson})
