UPDATE cup_delivery SET status = :#status, answered_at = :#answeredAt WHERE task_id = :#taskId AND uid = :#uid
