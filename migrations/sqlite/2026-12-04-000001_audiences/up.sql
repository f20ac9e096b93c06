-- Who may read an item: `public` (everyone, as every item was before), `partners` (the origin
-- city's followers) or `cities` (the actor ids listed, as a JSON array, in audience_cities).
-- Outboxes, feeds, counts and pages for strangers read only public items, hence the index.
ALTER TABLE items ADD COLUMN audience TEXT NOT NULL DEFAULT 'public';
ALTER TABLE items ADD COLUMN audience_cities TEXT NOT NULL DEFAULT '[]';
CREATE INDEX items_by_audience ON items (audience, published_at);
