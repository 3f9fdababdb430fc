SELECT pm.id, pm.code, p.name AS person, pm.lock_uid, pm.states
FROM permission pm JOIN access_code c ON c.code = pm.code JOIN person p ON p.id = c.person_id
WHERE (CAST(:#lock AS VARCHAR(12)) IS NULL OR pm.lock_uid = :#lock)
AND (CAST(:#card AS VARCHAR(32)) IS NULL OR pm.code = :#card)
ORDER BY pm.id
