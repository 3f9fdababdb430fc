UPDATE person SET name = :#name, role = :#role, description = :#description WHERE id = :#id
