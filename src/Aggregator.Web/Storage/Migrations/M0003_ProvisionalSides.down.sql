ALTER TABLE digest_articles DROP COLUMN provisional;
ALTER TABLE topics DROP COLUMN include_provisional;
ALTER TABLE outlets DROP COLUMN provisional_rule;
