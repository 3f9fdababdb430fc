SELECT c.code, c.kind, c.person_id, p.name AS person FROM access_code c JOIN person p ON p.id = c.person_id
WHERE c.code = :#code
