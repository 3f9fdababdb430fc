SELECT s.id, s.name, s.in_game, s.threshold, s.sort_order, s.counter_increase, s.counter_decrease, s.auto_change,
       s.auto_level, s.auto_timeout, CASE WHEN s.id = c.state_id THEN TRUE ELSE FALSE END AS is_current
FROM alert_state s JOIN alert_current c ON c.id = 1
ORDER BY s.sort_order, s.id
