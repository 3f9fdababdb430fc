-- Scenes (HSQLDB; db/vendor/postgresql has the same table): a named snapshot of the whole game setup, kept as
-- the JSON document that GET /api/scenes/{name}/export answers. The document is a CLOB: a dungeon of a
-- thousand devices makes a document of a megabyte or so, kept apart from the table's rows.
CREATE TABLE scene (
    name     VARCHAR(64) NOT NULL PRIMARY KEY,
    saved_at BIGINT      NOT NULL,
    document CLOB        NOT NULL
);
