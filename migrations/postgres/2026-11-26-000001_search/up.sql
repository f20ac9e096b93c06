-- One search document per item and language: folded, tokenized text (made by Praxis, so both
-- databases index the same words), weighted title > summary > body > extra for ranking.
CREATE TABLE search_documents (
    id BIGSERIAL PRIMARY KEY,
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

-- Items stored before this migration are indexed by Praxis at start (it needs Rust to fold).
CREATE TABLE search_state (
    id INTEGER PRIMARY KEY NOT NULL,
    indexed_version INTEGER NOT NULL
);
INSERT INTO search_state (id, indexed_version) VALUES (1, 0);
