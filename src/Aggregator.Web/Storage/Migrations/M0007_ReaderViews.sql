ALTER TABLE digest_highlights ADD COLUMN story_id bigint;
ALTER TABLE digest_highlights ADD CONSTRAINT fk_digest_highlights_stories_story_id FOREIGN KEY (story_id) REFERENCES stories (id) ON DELETE SET NULL;
CREATE INDEX ix_digest_highlights_story_id ON digest_highlights (story_id);

-- Existing topics get the defaults; the app always writes the values itself.
ALTER TABLE topics ADD COLUMN blindspot_min_articles integer NOT NULL DEFAULT 3;
ALTER TABLE topics ALTER COLUMN blindspot_min_articles DROP DEFAULT;
ALTER TABLE topics ADD COLUMN blindspot_min_outlets integer NOT NULL DEFAULT 2;
ALTER TABLE topics ALTER COLUMN blindspot_min_outlets DROP DEFAULT;

-- English stemming, so "tariffs" finds "tariff"; outlet names are searchable too.
ALTER TABLE articles ADD COLUMN search_vector tsvector NOT NULL
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(headline, '') || ' ' || coalesce(source_name, ''))) STORED;
CREATE INDEX ix_articles_search_vector ON articles USING GIN (search_vector);
