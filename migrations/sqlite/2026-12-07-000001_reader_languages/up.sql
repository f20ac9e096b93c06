-- The languages a user reads, most wanted first, as comma-separated BCP 47 tags (empty: the
-- browser's Accept-Language decides). Every text of an item is shown in the first of them it
-- exists in.
ALTER TABLE users ADD COLUMN read_languages TEXT NOT NULL DEFAULT '';
