DELETE FROM person WHERE id = :#id
