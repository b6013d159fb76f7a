-- Nullable and without a default: adding them rewrites nothing, however many articles are stored.
ALTER TABLE articles ADD COLUMN publisher_link character varying(4096);
ALTER TABLE articles ADD COLUMN publisher_link_checked_at timestamp with time zone;
ALTER TABLE articles ADD COLUMN publisher_link_failure character varying(200);
