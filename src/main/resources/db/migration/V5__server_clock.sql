-- The highest timestamp (Unix seconds) the server may have sent in a PING or CUP: server time after a restart
-- starts above it, so devices never see time go back (protocol.md 3). The server writes it ahead of the time it
-- hands out and lowers it to the last timestamp sent when it stops cleanly. Exactly one row.
CREATE TABLE server_clock (
    id         INTEGER NOT NULL PRIMARY KEY,
    high_water BIGINT  NOT NULL,
    CHECK (id = 1)
);
INSERT INTO server_clock (id, high_water) VALUES (1, 0);
