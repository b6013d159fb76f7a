-- The code calls an outlet's classification and a topic's columns a "side"; the schema now does too.
ALTER TABLE outlets RENAME COLUMN alignment TO side;
ALTER INDEX ix_outlets_alignment RENAME TO ix_outlets_side;

ALTER TABLE articles RENAME COLUMN alignment TO side;
ALTER INDEX ix_articles_alignment_published_at RENAME TO ix_articles_side_published_at;

ALTER TABLE digest_articles RENAME COLUMN alignment TO side;
ALTER TABLE digest_highlights RENAME COLUMN alignment TO side;

ALTER TABLE topic_perspectives RENAME COLUMN alignment TO side;
ALTER TABLE topic_perspectives RENAME TO topic_sides;
ALTER TABLE topic_sides RENAME CONSTRAINT pk_topic_perspectives TO pk_topic_sides;
ALTER TABLE topic_sides RENAME CONSTRAINT fk_topic_perspectives_topics_topic_id TO fk_topic_sides_topics_topic_id;

ALTER TABLE digest_perspectives RENAME COLUMN alignment TO side;
ALTER TABLE digest_perspectives RENAME TO digest_sides;
ALTER TABLE digest_sides RENAME CONSTRAINT pk_digest_perspectives TO pk_digest_sides;
ALTER TABLE digest_sides RENAME CONSTRAINT fk_digest_perspectives_digests_digest_id TO fk_digest_sides_digests_digest_id;
