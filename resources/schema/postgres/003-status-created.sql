-- Schema version 3: the status index orders each status by creation time, so a status filter in
-- the list's default order (newest first) reads one page of the index instead of sorting every
-- instance of that status. It replaces the index by status and id.
DROP INDEX instances_status;
CREATE INDEX instances_status_created ON instances (status, created_at, instance_id);
