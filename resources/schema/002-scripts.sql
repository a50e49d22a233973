-- Schema version 2: script definitions kept in the hub. Saving a script file creates a new
-- version; instances keep running the version they started with.
CREATE TABLE script_versions (
    file_name TEXT NOT NULL,
    version INTEGER NOT NULL,
    code TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    orchestrators TEXT NOT NULL,
    activities TEXT NOT NULL,
    PRIMARY KEY (file_name, version)
);
