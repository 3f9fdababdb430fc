INSERT INTO person (name, role, description) VALUES (:#name, :#role, :#description)
