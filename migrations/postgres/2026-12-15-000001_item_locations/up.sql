-- Where an item's work happens (degrees, WGS 84), from its editor or its object's `location`,
-- for the network's map.
ALTER TABLE items ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE items ADD COLUMN longitude DOUBLE PRECISION;
