INSERT INTO scene (name, saved_at, document) VALUES (:#${body.name}, :#${body.savedAt}, :#${body.document})
