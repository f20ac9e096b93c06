ALTER TABLE cities DROP COLUMN moved_to;
