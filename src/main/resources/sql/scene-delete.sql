DELETE FROM scene WHERE name = :#${body.name}
