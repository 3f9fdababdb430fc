UPDATE access_code SET person_id = :#personId, kind = :#kind WHERE code = :#code
