ALTER TABLE fetch_runs DROP COLUMN items_outlet_pages;
ALTER TABLE articles DROP COLUMN is_outlet_page;
