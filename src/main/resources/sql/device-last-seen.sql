UPDATE device SET last_seen = :#lastSeen WHERE uid = :#uid
