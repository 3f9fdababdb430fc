-- The secrets the server makes up when none is configured (the API token, the console's session key), for
-- several instances (skaben.cluster.enabled): the first to start inserts its own, every one reads back the one
-- kept, so all accept the same token and the same session cookies. One server keeps them in its data folder.
CREATE TABLE stored_secret (
    name   VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret VARCHAR(256) NOT NULL
);
