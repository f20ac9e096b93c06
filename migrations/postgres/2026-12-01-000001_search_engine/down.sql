DROP TABLE search_changes;

-- The SQL search, as 2026-11-26-000001_search made it; Praxis fills it again when it is run.
-- One search document per item and language: folded, tokenized text (made by Praxis, so both
-- databases index the same words), weighted title > summary > body > extra for ranking. The id
-- is item id × 32 + the language's place.
CREATE TABLE search_documents (
    id BIGINT PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    extra TEXT NOT NULL,
    document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') ||
        setweight(to_tsvector('simple', summary), 'B') ||
        setweight(to_tsvector('simple', body), 'C') ||
        setweight(to_tsvector('simple', extra), 'D')
    ) STORED
);
CREATE INDEX search_documents_by_item ON search_documents (item_id);
CREATE INDEX search_documents_text ON search_documents USING GIN (document);

-- Facet values of each item in one row (codes joined by commas), so counting facets over many
-- matches reads one row per item.
ALTER TABLE items ADD COLUMN facet_themes TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN facet_target_groups TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN facet_languages TEXT NOT NULL DEFAULT '';

-- Items stored before this migration are indexed by Praxis at start (it needs Rust to fold).
CREATE TABLE search_state (
    id INTEGER PRIMARY KEY NOT NULL,
    indexed_version INTEGER NOT NULL
);
INSERT INTO search_state (id, indexed_version) VALUES (1, 0);
