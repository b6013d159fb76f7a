ALTER TABLE digest_articles DROP COLUMN story_id;
ALTER TABLE article_topics DROP COLUMN story_pinned;
ALTER TABLE article_topics DROP COLUMN story_id;
DROP TABLE stories;
