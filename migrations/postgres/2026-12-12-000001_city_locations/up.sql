-- Where a city is (degrees, WGS 84), from its configuration or its actor's `location`, for the
-- network's map.
ALTER TABLE cities ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE cities ADD COLUMN longitude DOUBLE PRECISION;
