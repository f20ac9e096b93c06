-- The common fields of every kind; the kind-specific ones are JSON in `details`.
ALTER TABLE items ADD COLUMN country TEXT;
ALTER TABLE items ADD COLUMN place TEXT;
ALTER TABLE items ADD COLUMN period_start DATE;
ALTER TABLE items ADD COLUMN period_end DATE;
ALTER TABLE items ADD COLUMN status TEXT;
ALTER TABLE items ADD COLUMN licence TEXT;
ALTER TABLE items ADD COLUMN adapted_from TEXT;
ALTER TABLE items ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]';
ALTER TABLE items ADD COLUMN cites TEXT NOT NULL DEFAULT '[]';
ALTER TABLE items ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
CREATE INDEX items_by_adapted_from ON items (adapted_from);

-- Controlled codes and tags in their own rows, for filters and facet counts.
CREATE TABLE item_themes (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (item_id, code)
);
CREATE INDEX item_themes_by_code ON item_themes (code);

CREATE TABLE item_target_groups (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (item_id, code)
);
CREATE INDEX item_target_groups_by_code ON item_target_groups (code);

CREATE TABLE item_tags (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (item_id, tag)
);

CREATE TABLE item_attachments (
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    url TEXT NOT NULL,
    size BIGINT,
    digest TEXT,
    PRIMARY KEY (item_id, position)
);

-- Files uploaded to this instance, stored under <data_dir>/attachments by their SHA-256.
CREATE TABLE uploads (
    digest TEXT PRIMARY KEY NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Who re-shared (Announced) which item: the provenance of items from beyond the followed cities.
CREATE TABLE shares (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    city_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    activity_ap_id TEXT NOT NULL,
    shared_at TIMESTAMP NOT NULL,
    UNIQUE (item_id, city_id)
);

-- Questions and answers about items (Notes in reply to them).
CREATE TABLE replies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ap_id TEXT NOT NULL UNIQUE,
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    author_city_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    in_reply_to TEXT NOT NULL,
    language TEXT,
    content TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL
);
CREATE INDEX replies_by_item ON replies (item_id, published_at);

-- What the city's outbox lists, newest last: its own items (Create) and what it re-shared
-- (Announce).
CREATE TABLE outbox_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_kind TEXT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    activity_ap_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (activity_kind, item_id)
);
INSERT INTO outbox_entries (activity_kind, item_id, activity_ap_id, created_at)
    SELECT 'Create', items.id, items.ap_id || '#create', items.published_at
    FROM items JOIN cities ON cities.id = items.origin_city_id
    WHERE cities.is_local
    ORDER BY items.published_at, items.id;

-- Imports of a followed city's history, resumable across restarts.
CREATE TABLE backfills (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    city_id BIGINT NOT NULL UNIQUE REFERENCES cities (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    next_page TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    items_seen INTEGER NOT NULL DEFAULT 0,
    items_imported INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    lease_until TIMESTAMP,
    started_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
