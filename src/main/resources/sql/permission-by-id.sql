SELECT pm.id, pm.code, p.name AS person, pm.lock_uid, pm.states
FROM permission pm JOIN access_code c ON c.code = pm.code JOIN person p ON p.id = c.person_id
WHERE pm.id = :#id
