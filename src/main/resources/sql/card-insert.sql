INSERT INTO access_code (code, person_id, kind) VALUES (:#code, :#personId, :#kind)
