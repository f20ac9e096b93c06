ALTER TABLE cities DROP COLUMN longitude;
ALTER TABLE cities DROP COLUMN latitude;
