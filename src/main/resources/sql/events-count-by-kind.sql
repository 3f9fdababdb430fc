SELECT COUNT(*) AS matching FROM event WHERE kind = :#${body.kind} AND occurred_at >= :#${body.since}
