-- task_ids of SUP and INFO packets already applied, per device and command: a repeat is applied once
CREATE TABLE applied_task (
    task_key   VARCHAR(100) NOT NULL PRIMARY KEY,
    applied_at BIGINT       NOT NULL
);
