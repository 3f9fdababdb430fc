SELECT answered_at - sent_at FROM cup_delivery WHERE task_id = :#taskId AND uid = :#uid AND answered_at IS NOT NULL
