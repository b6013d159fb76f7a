-- Items stored before the rule are taken for articles; the app writes both values itself from now on.
ALTER TABLE articles ADD COLUMN is_outlet_page boolean NOT NULL DEFAULT false;
ALTER TABLE articles ALTER COLUMN is_outlet_page DROP DEFAULT;
ALTER TABLE fetch_runs ADD COLUMN items_outlet_pages integer NOT NULL DEFAULT 0;
ALTER TABLE fetch_runs ALTER COLUMN items_outlet_pages DROP DEFAULT;
