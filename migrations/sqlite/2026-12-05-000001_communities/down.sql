DROP INDEX items_by_community;
ALTER TABLE items DROP COLUMN community;
DROP TABLE community_moderators;
DROP TABLE communities;
DELETE FROM items WHERE origin_city_id IN (SELECT id FROM cities WHERE actor_kind = 'community');
DELETE FROM cities WHERE actor_kind = 'community';
DROP INDEX cities_single_local;
CREATE UNIQUE INDEX cities_single_local ON cities (is_local) WHERE is_local;
ALTER TABLE cities DROP COLUMN actor_kind;
