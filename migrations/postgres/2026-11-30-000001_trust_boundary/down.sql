ALTER TABLE cities DROP COLUMN public_key_id;
