ALTER TABLE items DROP COLUMN longitude;
ALTER TABLE items DROP COLUMN latitude;
