SELECT id, occurred_at, kind, source, device_type, uid, topic, detail FROM event WHERE id > :#${body.after} AND occurred_at >= :#${body.since}
ORDER BY id LIMIT :#${body.limit}
