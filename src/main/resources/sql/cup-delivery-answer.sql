UPDATE cup_delivery SET status = :#${header.skabenCommand}, answered_at = :#${bean:serverClock.nowMillis}
WHERE task_id = :#${body.taskId} AND uid = :#${header.skabenUid}
