-- ordered by the whole of index event_kind (kind is one value here): read backwards, it stops after the page
SELECT id, occurred_at, kind, source, device_type, uid, topic, detail FROM event WHERE kind = :#${body.kind} AND occurred_at >= :#${body.since}
ORDER BY kind DESC, occurred_at DESC, id DESC LIMIT :#${body.limit}
