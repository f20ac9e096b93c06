-- The city that translated a language version of an item, when another city contributed it
-- (the origin accepted it; federated as `translatedBy`).
ALTER TABLE item_translations ADD COLUMN translated_by TEXT;
-- Translations one city proposes for another city's item: those this city sent (outgoing) and
-- those it received for its own items (incoming), until the origin accepts or declines them.
CREATE TABLE translation_proposals (
    id INTEGER PRIMARY KEY,
    -- The proposal's id (the Offer's object), on the proposing city's origin.
    ap_id TEXT NOT NULL UNIQUE,
    item_ap_id TEXT NOT NULL,
    proposer_city_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    outgoing BOOLEAN NOT NULL,
    language TEXT NOT NULL,
    -- The texts, as JSON: {"title", "summary", "body", "details": {field: text}}.
    texts TEXT NOT NULL,
    -- The item's `updated` when the translation was made: the version it translates.
    based_on TIMESTAMP NOT NULL,
    -- proposed, accepted or declined.
    state TEXT NOT NULL,
    -- The origin's message when it declined.
    message TEXT,
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE INDEX translation_proposals_by_item ON translation_proposals (item_ap_id, state);
