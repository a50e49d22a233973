-- Schema version 3: the work table without AUTOINCREMENT. AUTOINCREMENT updates sqlite_sequence
-- with every activity scheduled, one more page in every commit; a result now finds its row by id,
-- instance, execution and task, so an id used again after a deletion cannot match a stale result.
CREATE TABLE work_v3 (
    id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL,
    execution_id TEXT NOT NULL,
    task_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    input TEXT,
    created_at INTEGER NOT NULL
);
INSERT INTO work_v3 (id, instance_id, execution_id, task_id, name, input, created_at)
    SELECT id, instance_id, execution_id, task_id, name, input, created_at FROM work;
DROP TABLE work;
ALTER TABLE work_v3 RENAME TO work;
CREATE INDEX work_instance ON work (instance_id);
