SELECT code, person_id, kind FROM access_code ORDER BY code
