SELECT id, occurred_at, topic, payload, error, replayed_at FROM dead_letter ORDER BY id DESC LIMIT :#${variable.limit}
