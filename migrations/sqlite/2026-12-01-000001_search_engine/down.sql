DROP TABLE search_changes;

-- The SQL search, as 2026-11-26-000001_search made it; Praxis fills it again when it is run.
-- One search document per item and language: folded, tokenized text (made by Praxis, so both
-- databases index the same words). FTS5 indexes it; triggers keep the index in step. The id is
-- item id × 32 + the language's place, so a match names its item without a lookup.
CREATE TABLE search_documents (
    id INTEGER PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    extra TEXT NOT NULL
);
CREATE INDEX search_documents_by_item ON search_documents (item_id);

CREATE VIRTUAL TABLE search_fts USING fts5 (
    title, summary, body, extra,
    content = 'search_documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER search_documents_indexed AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts (rowid, title, summary, body, extra)
        VALUES (new.id, new.title, new.summary, new.body, new.extra);
END;

CREATE TRIGGER search_documents_unindexed AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, summary, body, extra)
        VALUES ('delete', old.id, old.title, old.summary, old.body, old.extra);
END;

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
