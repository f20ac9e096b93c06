DROP INDEX items_by_audience;
ALTER TABLE items DROP COLUMN audience_cities;
ALTER TABLE items DROP COLUMN audience;
