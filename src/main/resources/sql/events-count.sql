SELECT COUNT(*) AS matching FROM event WHERE occurred_at >= :#${body.since}
