-- HSQLDB only. The small tables that packets and rules read and write all the time are kept in memory (saved
-- through the database's log and script files like the others); the tables that grow for the whole game
-- (journal, task ids, CUP deliveries, counter history, dead letters) stay cached on disk, so a long game
-- never fills the heap.
SET TABLE device_type TYPE MEMORY;
SET TABLE device TYPE MEMORY;
SET TABLE alert_state TYPE MEMORY;
SET TABLE alert_current TYPE MEMORY;
SET TABLE person TYPE MEMORY;
SET TABLE access_code TYPE MEMORY;
SET TABLE permission TYPE MEMORY;
SET TABLE simple_config TYPE MEMORY;
