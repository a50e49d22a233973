-- Schema version 3: the work table without AUTOINCREMENT and without its instance_id index. Both
-- cost a page in every commit that schedules or completes an activity (sqlite_sequence, the index).
-- A result now finds its row by id, instance, execution and task, so an id used again after a
-- deletion cannot match a stale result; the work of one instance (only while it has activities in
-- flight) is found by reading the table, which holds only work in flight.
CREATE TABLE work_v3 (
    id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL,
    execution_id TEXT NOT NULL,
    task_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    input TEXT,
    created_at INTEGER NOT NULL
);
-- durable_copied_row(column) is the workbench's own function (always true): it counts copied rows
-- for the upgrade's progress report.
INSERT INTO work_v3 (id, instance_id, execution_id, task_id, name, input, created_at)
    SELECT id, instance_id, execution_id, task_id, name, input, created_at FROM work WHERE durable_copied_row(id);
DROP TABLE work;
ALTER TABLE work_v3 RENAME TO work;
