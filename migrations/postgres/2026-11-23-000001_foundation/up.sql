-- Cities: the local city actor (with its private key) and every peer this instance knows.
CREATE TABLE cities (
    id BIGSERIAL PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    handle TEXT NOT NULL,
    name TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    country TEXT,
    inbox_url TEXT NOT NULL,
    shared_inbox_url TEXT,
    outbox_url TEXT,
    followers_url TEXT,
    following_url TEXT,
    profile_url TEXT,
    public_key_pem TEXT NOT NULL,
    private_key_pem TEXT,
    is_local BOOLEAN NOT NULL DEFAULT FALSE,
    last_refreshed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX cities_single_local ON cities (is_local) WHERE is_local;

-- Knowledge items, own and received; texts per language live in item_translations.
CREATE TABLE items (
    id BIGSERIAL PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    origin_city_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    original_language TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);
CREATE INDEX items_newest_first ON items (published_at DESC, id DESC);
CREATE INDEX items_by_origin ON items (origin_city_id);

CREATE TABLE item_translations (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT,
    body TEXT,
    PRIMARY KEY (item_id, language)
);

-- Follow relationships in both directions; one of the two cities is always the local one.
CREATE TABLE follows (
    id BIGSERIAL PRIMARY KEY,
    follower_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    followee_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    activity_ap_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (follower_id, followee_id)
);
CREATE INDEX follows_by_followee ON follows (followee_id, state);

-- Outbound activities and their deliveries, one row per target inbox: the durable queue.
CREATE TABLE outbound_activities (
    id BIGSERIAL PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE deliveries (
    id BIGSERIAL PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES outbound_activities (id) ON DELETE CASCADE,
    inbox_url TEXT NOT NULL,
    peer_host TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    last_status INTEGER,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    UNIQUE (activity_id, inbox_url)
);
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_by_peer ON deliveries (peer_host, state);

-- Ids of activities received and processed, so a repeated delivery has no effect.
CREATE TABLE received_activities (
    ap_id TEXT PRIMARY KEY NOT NULL,
    actor_ap_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);
