SELECT c.code, c.kind, c.person_id, p.name AS person FROM access_code c JOIN person p ON p.id = c.person_id
WHERE CAST(:#owner AS VARCHAR(100)) IS NULL OR p.name = :#owner ORDER BY c.code
