-- Earlier runs skipped nothing; the app always writes the count itself.
ALTER TABLE fetch_runs ADD COLUMN items_skipped integer NOT NULL DEFAULT 0;
ALTER TABLE fetch_runs ALTER COLUMN items_skipped DROP DEFAULT;
