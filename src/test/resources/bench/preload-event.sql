-- LoadBenchmark's weekend (WeekendPreload): one journal row, as the server's JournalRepository writes it
INSERT INTO event (occurred_at, kind, source, device_type, uid, topic, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
