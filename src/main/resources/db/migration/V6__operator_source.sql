-- A change made from the console is journaled as operator:<name> (a name of up to 40 characters), and a refused
-- call as "<method> <path>": the journal's source column takes either. Portable: HSQLDB and PostgreSQL.
ALTER TABLE event ALTER COLUMN source SET DATA TYPE VARCHAR(200);
