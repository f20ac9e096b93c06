-- An item imported from a file may carry the id it has in the city's own records (a CSV column
-- or JSON field `external_id`), so importing the same file again updates the items it published
-- instead of publishing them twice. Only the city's own items have one; deleting an item frees it.
ALTER TABLE items ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX items_by_external_id ON items (external_id);
