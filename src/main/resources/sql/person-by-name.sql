SELECT id, name, role, description FROM person WHERE name = :#name
