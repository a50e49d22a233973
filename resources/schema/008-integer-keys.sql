-- Schema version 8: a history row is keyed by its instance's integer key and its sequence number
-- instead of the two 32-character ids, so rows are about a third smaller and keys compare as
-- integers. The instances table is rebuilt with that key as its rowid (INTEGER PRIMARY KEY, so
-- it survives VACUUM); the instance id stays unique and is still what every query looks up.
-- A history holds only its instance's current execution (continue-as-new and replacing an
-- instance delete the old one's rows), so the execution id leaves the history's key: rows of any
-- other execution, which no reader could reach, are not carried over. durable_copied_row(column) is
-- the workbench's own function (always true): it counts copied rows for the upgrade's progress
-- report (its argument, a column of the copied row, makes SQLite call it for each row of a join;
-- CROSS JOIN keeps the instances the outer loop whatever statistics the file has, so it counts the
-- rows copied, in the order they are written, with no sort after it).
CREATE TABLE instances_v8 (
    instance_key INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    version TEXT NOT NULL DEFAULT '',
    execution_id TEXT NOT NULL,
    status INTEGER NOT NULL,
    input TEXT,
    output TEXT,
    custom_status TEXT,
    failure TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    completed_at INTEGER,
    parent_instance_id TEXT,
    parent_task_id INTEGER NOT NULL DEFAULT -1,
    waiting TEXT,
    awaits_event INTEGER NOT NULL DEFAULT 0,
    history_length INTEGER NOT NULL DEFAULT 0,
    origin TEXT
);
INSERT INTO instances_v8 (instance_id, name, version, execution_id, status, input, output, custom_status,
                          failure, created_at, updated_at, completed_at, parent_instance_id, parent_task_id,
                          waiting, awaits_event, history_length, origin)
    SELECT instance_id, name, version, execution_id, status, input, output, custom_status, failure, created_at,
           updated_at, completed_at, parent_instance_id, parent_task_id, waiting, awaits_event, history_length,
           origin
    FROM instances WHERE durable_copied_row(instance_id) ORDER BY created_at, instance_id;
CREATE TABLE history_v8 (
    instance_key INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    event_type INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    task_id INTEGER NOT NULL,
    name TEXT,
    data TEXT,
    timestamp INTEGER NOT NULL,
    opened_at INTEGER,
    closed_at INTEGER,
    PRIMARY KEY (instance_key, sequence)
) WITHOUT ROWID;
INSERT INTO history_v8 (instance_key, sequence, event_type, event_id, task_id, name, data, timestamp, opened_at,
                        closed_at)
    SELECT i.instance_key, h.sequence, h.event_type, h.event_id, h.task_id, h.name, h.data, h.timestamp,
           h.opened_at, h.closed_at
    FROM instances_v8 i CROSS JOIN history h ON h.instance_id = i.instance_id AND h.execution_id = i.execution_id
    WHERE durable_copied_row(h.sequence)
    ORDER BY i.instance_key, h.sequence;
DROP TABLE history;
DROP TABLE instances;
ALTER TABLE instances_v8 RENAME TO instances;
ALTER TABLE history_v8 RENAME TO history;
CREATE INDEX instances_created ON instances (created_at, instance_id);
CREATE INDEX instances_updated ON instances (updated_at, instance_id);
CREATE INDEX instances_name ON instances (name, instance_id);
CREATE INDEX instances_status_created ON instances (status, created_at, instance_id);
CREATE INDEX instances_parent ON instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;
CREATE INDEX instances_awaiting ON instances (awaits_event) WHERE awaits_event = 1
