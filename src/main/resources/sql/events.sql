SELECT id, occurred_at, kind, source, device_type, uid, topic, detail FROM event WHERE occurred_at >= :#${body.since}
ORDER BY occurred_at DESC, id DESC LIMIT :#${body.limit}
