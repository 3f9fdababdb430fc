-- Issue 14: who claimed a task id, and whether its packet was applied. Portable SQL (HSQLDB, PostgreSQL).

-- With several instances a task id is claimed (claimed_by = the instance, applied = false) before its packet is
-- applied, and marked applied in the transaction of the packet's journal entry. A claim left unapplied by an
-- instance that died is taken over when its packet comes again (from the dead instance's drained MQTT session,
-- or to the same instance after a restart), instead of being refused as a duplicate. One process alone writes
-- neither column: its rows (and every row from before) count as applied.
ALTER TABLE applied_task ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE applied_task ADD COLUMN applied BOOLEAN DEFAULT TRUE NOT NULL;
