-- The local city's emblem, uploaded by an admin: the address of the stored image, published as
-- the actor's `icon`.
ALTER TABLE cities ADD COLUMN icon_url TEXT;
