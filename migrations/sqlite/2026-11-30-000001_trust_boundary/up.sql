-- The id of a peer's public key (`publicKey.id` of its actor), which its signatures must name as
-- their `keyId`. Empty for peers stored before it was kept: their next signature refreshes them.
ALTER TABLE cities ADD COLUMN public_key_id TEXT;
