SELECT name, saved_at, document FROM scene WHERE name = :#${body.name}
