ALTER TABLE articles DROP COLUMN publisher_link_failure;
ALTER TABLE articles DROP COLUMN publisher_link_checked_at;
ALTER TABLE articles DROP COLUMN publisher_link;
