-- Stored articles get the language of their script, otherwise of their locale (as ArticleLanguages decides for new ones).
ALTER TABLE articles ADD COLUMN language character varying(8) NOT NULL DEFAULT 'en';
UPDATE articles SET language = CASE
    WHEN length(regexp_replace(headline, '[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]', '', 'g'))
         > (SELECT count(*) FROM regexp_matches(
                regexp_replace(headline, '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]', ' ', 'g'),
                '[[:alpha:]]+', 'g'))
    THEN CASE WHEN headline ~ '[\uac00-\ud7af]' THEN 'ko' WHEN headline ~ '[\u3040-\u30ff]' THEN 'ja' ELSE 'zh' END
    ELSE coalesce(nullif(lower(split_part(replace(locale, '_', '-'), '-', 1)), ''), 'en')
END;
ALTER TABLE articles ALTER COLUMN language DROP DEFAULT;
-- Every topic's digests include English, the language of the editions its feeds have used so far.
ALTER TABLE topics ADD COLUMN languages text[] NOT NULL DEFAULT ARRAY['en'];
ALTER TABLE topics ALTER COLUMN languages DROP DEFAULT;
