-- Issue 12, persons and devices. Portable SQL (HSQLDB, PostgreSQL).

-- a person's description, as the original's CSV import carries it (name;description;code)
ALTER TABLE person ADD COLUMN description VARCHAR(400) DEFAULT '' NOT NULL;

-- a device replaced by another (POST /api/devices/{uid}/replace): its packets are refused from then on, until a
-- game master registers it again by hand
CREATE TABLE retired_device (
    uid         VARCHAR(12) NOT NULL PRIMARY KEY,
    device_type VARCHAR(32) NOT NULL,
    replaced_by VARCHAR(12) NOT NULL,
    retired_at  BIGINT      NOT NULL
);
