-- Issue 14: the leader's lease. Portable SQL (HSQLDB, PostgreSQL).

-- One row per cluster namespace (master:<namespace>:...): the instance that leads it until expires_at. The
-- time is always the database's (CURRENT_TIMESTAMP in the statement that writes or reads it), never an
-- instance's own clock; WITH TIME ZONE so that sessions in different time zones compare the same instants.
CREATE TABLE cluster_lease (
    namespace  VARCHAR(100)             NOT NULL PRIMARY KEY,
    holder     VARCHAR(200)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
