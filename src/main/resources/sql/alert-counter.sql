SELECT COALESCE(n.counter, 0) AS counter, s.name AS state_name, s.id AS state_id, s.in_game, n.changed_at, n.reason,
       n.source
FROM alert_current c JOIN alert_state s ON s.id = c.state_id
LEFT JOIN alert_counter n ON n.id = (SELECT MAX(id) FROM alert_counter)
WHERE c.id = 1
