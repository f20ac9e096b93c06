ALTER TABLE cities DROP COLUMN name_map;
