UPDATE cup_delivery SET status = :#${header.skabenCommand}, answered_at = :#${bean:serverClock.nowMillis}
WHERE task_id = :#${header.skabenTaskId} AND uid = :#${header.skabenUid}
