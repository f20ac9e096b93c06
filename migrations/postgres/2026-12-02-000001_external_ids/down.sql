DROP INDEX items_by_external_id;
ALTER TABLE items DROP COLUMN external_id;
