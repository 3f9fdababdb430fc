SELECT id, name, role, description FROM person ORDER BY id
