-- Communities of practice are Group actors (FEP-1b12): a row in `cities` (which holds every
-- actor this instance knows, with its keys and inboxes) whose actor_kind is `community`, and
-- the community's own facts here. Local communities have a private key like the local city.
ALTER TABLE cities ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'city';
-- Still one local city; its local communities are local actors too.
DROP INDEX cities_single_local;
CREATE UNIQUE INDEX cities_single_local ON cities (is_local) WHERE is_local AND actor_kind = 'city';
CREATE TABLE communities (
    actor_id BIGINT PRIMARY KEY REFERENCES cities (id) ON DELETE CASCADE,
    summaries TEXT NOT NULL DEFAULT '{}',
    themes TEXT NOT NULL DEFAULT '[]',
    icon_url TEXT,
    -- `open` (a Follow is accepted at once) or `approval` (a moderator decides).
    membership TEXT NOT NULL DEFAULT 'open',
    moderators_url TEXT,
    created_at TIMESTAMP NOT NULL
);
-- The hosting city's editors who moderate a local community.
CREATE TABLE community_moderators (
    community_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (community_id, user_id)
);
-- The community an item was posted to (its Group's actor id), public or for members only.
ALTER TABLE items ADD COLUMN community TEXT;
CREATE INDEX items_by_community ON items (community, published_at);
