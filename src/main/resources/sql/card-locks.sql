SELECT lock_uid FROM permission WHERE code = :#code ORDER BY id
