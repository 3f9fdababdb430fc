DELETE FROM permission WHERE id = :#id
