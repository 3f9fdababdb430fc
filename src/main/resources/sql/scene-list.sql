SELECT name, saved_at, document FROM scene ORDER BY name
