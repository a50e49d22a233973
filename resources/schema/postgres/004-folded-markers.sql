-- Schema version 4: as the SQLite hub's version 7, an episode's plain OrchestratorStarted and
-- OrchestratorCompleted markers are kept in the rows of the events they bracket ("opened at",
-- "closed at", milliseconds) instead of rows of their own. Rows written before read as before.
ALTER TABLE history ADD COLUMN opened_at bigint;
ALTER TABLE history ADD COLUMN closed_at bigint
