-- The text behind articles, in a table of its own: the hot articles table never carries page text.
CREATE TABLE article_texts (
    article_id bigint NOT NULL,
    url character varying(4096) NOT NULL,
    status character varying(32) NOT NULL,
    http_status integer,
    failure character varying(500),
    language character varying(8),
    text text,
    lead text,
    word_count integer NOT NULL,
    extractor_version character varying(64),
    e_tag character varying(256),
    last_modified character varying(256),
    attempted_at timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    search_vector tsvector NOT NULL GENERATED ALWAYS AS (to_tsvector('english', coalesce(text, ''))) STORED,
    CONSTRAINT pk_article_texts PRIMARY KEY (article_id),
    CONSTRAINT fk_article_texts_articles_article_id FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX ix_article_texts_search_vector ON article_texts USING GIN (search_vector);
CREATE INDEX ix_article_texts_attempted_at ON article_texts (attempted_at);

-- Off for every topic, existing ones included: fetching publishers' pages is an admin's choice.
ALTER TABLE topics ADD COLUMN fetch_article_text boolean NOT NULL DEFAULT false;
ALTER TABLE topics ALTER COLUMN fetch_article_text DROP DEFAULT;

ALTER TABLE digest_articles ADD COLUMN lead character varying(2000);
