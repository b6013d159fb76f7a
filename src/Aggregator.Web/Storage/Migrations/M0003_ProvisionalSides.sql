-- The rule that guessed an outlet's side; null when the registry or an admin decided it.
ALTER TABLE outlets ADD COLUMN provisional_rule character varying(32);

-- Existing topics count provisional outlets, as new ones do; the app always writes the value itself.
ALTER TABLE topics ADD COLUMN include_provisional boolean NOT NULL DEFAULT true;
ALTER TABLE topics ALTER COLUMN include_provisional DROP DEFAULT;

-- Published digests had no provisional outlets.
ALTER TABLE digest_articles ADD COLUMN provisional boolean NOT NULL DEFAULT false;
ALTER TABLE digest_articles ALTER COLUMN provisional DROP DEFAULT;
