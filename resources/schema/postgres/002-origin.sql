-- Schema version 2: where an instance came from when it was not started (a what-if fork or an
-- imported repro bundle), as JSON text; NULL for instances started normally.
ALTER TABLE instances ADD COLUMN origin text;
