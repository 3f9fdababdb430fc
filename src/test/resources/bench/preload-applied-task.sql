-- LoadBenchmark's weekend (WeekendPreload): one task id, as the server's TaskIdRepository writes it
INSERT INTO applied_task (task_key, applied_at) VALUES (?, ?)
