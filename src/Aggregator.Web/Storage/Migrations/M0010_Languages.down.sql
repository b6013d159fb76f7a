ALTER TABLE topics DROP COLUMN languages;
ALTER TABLE articles DROP COLUMN language;
