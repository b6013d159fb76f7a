ALTER TABLE digest_articles DROP COLUMN lead;
ALTER TABLE topics DROP COLUMN fetch_article_text;
DROP TABLE article_texts;
