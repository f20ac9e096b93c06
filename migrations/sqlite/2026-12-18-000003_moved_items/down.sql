ALTER TABLE items DROP COLUMN moved_to;
ALTER TABLE items DROP COLUMN former_ap_id;
