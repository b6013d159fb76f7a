-- The same-outlet, same-title rule looks within a window of time: time before title keeps an ingest's new rows at the
-- end of each outlet's range of this index instead of on a random page per row.
DROP INDEX ix_articles_outlet_id_normalized_title;
CREATE INDEX ix_articles_outlet_id_published_at_normalized_title ON articles (outlet_id, published_at, normalized_title);
