SELECT COUNT(*) AS matching FROM event WHERE uid = :#${body.uid} AND kind = :#${body.kind} AND occurred_at >= :#${body.since}
