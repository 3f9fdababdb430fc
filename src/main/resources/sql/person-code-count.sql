SELECT COUNT(*) FROM access_code WHERE person_id = :#id
