-- Durable Workbench task hub, schema version 1. Times are milliseconds since the Unix epoch (UTC);
-- payloads are JSON text so the file can be read with the sqlite3 shell.
CREATE TABLE instances (
    instance_id TEXT PRIMARY KEY,
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
    history_length INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX instances_created ON instances (created_at, instance_id);
CREATE INDEX instances_updated ON instances (updated_at, instance_id);
CREATE INDEX instances_name ON instances (name, instance_id);
CREATE INDEX instances_status ON instances (status, instance_id);
CREATE INDEX instances_parent ON instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;
CREATE INDEX instances_awaiting ON instances (awaits_event) WHERE awaits_event = 1;
-- Append-only per execution; completions refer to the action id in task_id.
CREATE TABLE history (
    instance_id TEXT NOT NULL,
    execution_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    event_type INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    task_id INTEGER NOT NULL,
    name TEXT,
    data TEXT,
    timestamp INTEGER NOT NULL,
    PRIMARY KEY (instance_id, execution_id, sequence)
) WITHOUT ROWID;
-- Messages not yet applied to an instance; durable timers are rows with a future visible_at.
CREATE TABLE inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    execution_id TEXT,
    event_type INTEGER NOT NULL,
    task_id INTEGER NOT NULL DEFAULT -1,
    name TEXT,
    data TEXT,
    visible_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX inbox_visible ON inbox (visible_at);
CREATE INDEX inbox_instance ON inbox (instance_id);
-- Activity invocations; a row lives until the activity's result is checkpointed.
CREATE TABLE work (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    execution_id TEXT NOT NULL,
    task_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    input TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX work_instance ON work (instance_id);
CREATE TABLE logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    execution_id TEXT NOT NULL,
    history_sequence INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    level INTEGER NOT NULL,
    source TEXT NOT NULL,
    task_id INTEGER NOT NULL,
    replaying INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX logs_instance ON logs (instance_id, id);
-- The process that runs the workers of this hub, with a heartbeat lease.
CREATE TABLE owner (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    owner_id TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    heartbeat INTEGER NOT NULL
);
