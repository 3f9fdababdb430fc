INSERT INTO cup_delivery (task_id, device_type, uid, config_hash, sent_at, status)
VALUES (:#taskId, :#type, :#uid, :#hash, :#sentAt, 'sent')
