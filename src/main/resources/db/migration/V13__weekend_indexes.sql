-- Issue 15: a weekend's journal (a million rows) and task ids stay as quick to read, and the old task ids quick to
-- prune, as on the first morning. Portable SQL (HSQLDB, PostgreSQL).

-- GET /api/events reads newest first (ORDER BY occurred_at DESC, id DESC, sql/events*.sql): with id in the index,
-- after the filter's column, the database walks the index backwards and stops at the end of the page, instead of
-- reading and sorting every matching row (on a million rows: 8 s for the newest page, 4 s for one kind's)
DROP INDEX event_time;
CREATE INDEX event_newest ON event (occurred_at, id);
DROP INDEX event_kind;
CREATE INDEX event_kind ON event (kind, occurred_at, id);
DROP INDEX event_device;
CREATE INDEX event_device ON event (uid, occurred_at, id);

-- the oldest task ids first, a small batch at a time (routes/task-id-pruning.camel.yaml, sql/task-id-prune.sql)
CREATE INDEX applied_task_age ON applied_task (applied_at);
