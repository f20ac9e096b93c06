-- A peer's Ed25519 key (a Multikey in its actor's assertionMethod, FEP-521a), which RFC 9421
-- signatures name by its id; the key is kept as published, in multibase.
ALTER TABLE cities ADD COLUMN ed25519_key_id TEXT;
ALTER TABLE cities ADD COLUMN ed25519_public_key TEXT;
