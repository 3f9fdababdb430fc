UPDATE permission SET states = :#states WHERE id = :#id
