INSERT INTO permission (code, lock_uid, states) VALUES (:#code, :#lock, :#states)
