-- Machine translations readers asked for, kept per item, language and item version so the same
-- request never reaches the engine twice. Never part of the item: not federated, not indexed.
CREATE TABLE machine_translations (
    id BIGSERIAL PRIMARY KEY,
    item_ap_id TEXT NOT NULL,
    language TEXT NOT NULL,
    -- The item's `updated` the texts were translated from.
    item_version TIMESTAMP NOT NULL,
    -- The machine's texts, as JSON: {"language", "title", "summary", "body", "details": {field: text}}.
    texts TEXT NOT NULL,
    -- The language each field was translated from, as JSON: {"title": "it", ...}.
    sources TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (item_ap_id, language, item_version)
);
-- Characters sent to the engine per day (UTC), for the daily budget.
CREATE TABLE machine_translation_usage (
    day TEXT PRIMARY KEY,
    characters BIGINT NOT NULL
);
