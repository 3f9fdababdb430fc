SELECT COUNT(*) AS matching FROM event WHERE uid = :#${body.uid} AND occurred_at >= :#${body.since}
