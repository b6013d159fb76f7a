ALTER TABLE fetch_runs DROP COLUMN items_skipped;
