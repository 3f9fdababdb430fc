SELECT id, name, role, description FROM person WHERE id = :#id
