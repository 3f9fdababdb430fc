SELECT id, occurred_at, topic, payload, error, replayed_at FROM dead_letter WHERE id = :#${variable.id}
