DROP TABLE article_embeddings;
