-- Scenes (PostgreSQL; db/vendor/hsqldb has the same table): a named snapshot of the whole game setup, kept as
-- the JSON document that GET /api/scenes/{name}/export answers. PostgreSQL's large text is TEXT.
CREATE TABLE scene (
    name     VARCHAR(64) NOT NULL PRIMARY KEY,
    saved_at BIGINT      NOT NULL,
    document TEXT        NOT NULL
);
