SELECT n.counter, COALESCE(s.name, CAST(n.state_id AS VARCHAR(11))) AS state_name, n.changed_at, n.reason, n.source
FROM alert_counter n LEFT JOIN alert_state s ON s.id = n.state_id
ORDER BY n.id DESC LIMIT :#${variable.limit}
