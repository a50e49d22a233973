-- Schema version 7: an episode's plain OrchestratorStarted and OrchestratorCompleted markers are
-- kept in the rows of the events they bracket (the first event of the episode is "opened at",
-- the last "closed at", in milliseconds) instead of rows of their own: a chain step writes two
-- history rows instead of four. Reading brings the markers back at their sequence numbers. Rows
-- written before this version keep their markers as rows and read as before, so nothing is
-- rewritten here.
ALTER TABLE history ADD COLUMN opened_at INTEGER;
ALTER TABLE history ADD COLUMN closed_at INTEGER
