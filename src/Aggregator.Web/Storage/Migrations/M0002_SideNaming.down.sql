ALTER TABLE digest_sides RENAME CONSTRAINT fk_digest_sides_digests_digest_id TO fk_digest_perspectives_digests_digest_id;
ALTER TABLE digest_sides RENAME CONSTRAINT pk_digest_sides TO pk_digest_perspectives;
ALTER TABLE digest_sides RENAME TO digest_perspectives;
ALTER TABLE digest_perspectives RENAME COLUMN side TO alignment;

ALTER TABLE topic_sides RENAME CONSTRAINT fk_topic_sides_topics_topic_id TO fk_topic_perspectives_topics_topic_id;
ALTER TABLE topic_sides RENAME CONSTRAINT pk_topic_sides TO pk_topic_perspectives;
ALTER TABLE topic_sides RENAME TO topic_perspectives;
ALTER TABLE topic_perspectives RENAME COLUMN side TO alignment;

ALTER TABLE digest_highlights RENAME COLUMN side TO alignment;
ALTER TABLE digest_articles RENAME COLUMN side TO alignment;

ALTER INDEX ix_articles_side_published_at RENAME TO ix_articles_alignment_published_at;
ALTER TABLE articles RENAME COLUMN side TO alignment;

ALTER INDEX ix_outlets_side RENAME TO ix_outlets_alignment;
ALTER TABLE outlets RENAME COLUMN side TO alignment;
