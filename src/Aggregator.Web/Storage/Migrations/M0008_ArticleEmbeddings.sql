CREATE TABLE article_embeddings (
    article_id bigint NOT NULL,
    model character varying(64) NOT NULL,
    vector real[] NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_article_embeddings PRIMARY KEY (article_id),
    CONSTRAINT fk_article_embeddings_articles_article_id FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE
);
