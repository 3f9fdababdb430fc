INSERT INTO cup_delivery (task_id, device_type, uid, config_hash, sent_at, status)
VALUES (:#${body.taskId}, :#${body.type}, :#${body.uid}, :#${body.hash}, :#${bean:serverClock.nowMillis}, 'sent')
