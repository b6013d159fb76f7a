ALTER TABLE articles DROP COLUMN search_vector;
ALTER TABLE topics DROP COLUMN blindspot_min_outlets;
ALTER TABLE topics DROP COLUMN blindspot_min_articles;
ALTER TABLE digest_highlights DROP COLUMN story_id;
