-- The person who wrote a reply on behalf of its city (their display name), when given.
ALTER TABLE replies ADD COLUMN signed_by TEXT;
