SELECT c.device_type, s.name AS state_name, c.config
FROM simple_config c JOIN device_type t ON t.name = c.device_type JOIN alert_state s ON s.id = c.state_id
WHERE t.smart = FALSE
ORDER BY c.device_type, s.sort_order, s.id
