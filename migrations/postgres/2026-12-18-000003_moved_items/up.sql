-- An item's id before its city moved: on the new instance, the id a restored item had at the
-- old address (published as `alsoKnownAs`, so that holders re-point it).
ALTER TABLE items ADD COLUMN former_ap_id TEXT;
-- On the old instance, the id a moved item has at the city's new address: its old URL answers
-- with a tombstone that names it.
ALTER TABLE items ADD COLUMN moved_to TEXT;
