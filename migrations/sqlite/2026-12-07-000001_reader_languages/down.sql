ALTER TABLE users DROP COLUMN read_languages;
