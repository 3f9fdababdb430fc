-- its permissions go with it (ON DELETE CASCADE)
DELETE FROM access_code WHERE code = :#code
