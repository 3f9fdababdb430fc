-- at most body.limit of the oldest task ids applied before body.before (routes/task-id-pruning.camel.yaml), found through
-- index applied_task_age and deleted by their key: one short statement, whatever the table's size
DELETE FROM applied_task WHERE task_key IN
 (SELECT task_key FROM applied_task WHERE applied_at < :#${body.before} ORDER BY applied_at LIMIT :#${body.limit})
