-- Schema version 4: when the process that runs the workers took them, so that another process
-- attached to the hub can say "workers run in process P on host H since T".
ALTER TABLE owner ADD COLUMN since INTEGER
