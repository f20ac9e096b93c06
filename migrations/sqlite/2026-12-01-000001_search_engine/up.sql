-- Search moves into an embedded search engine (tantivy) that each Praxis process keeps under its
-- data directory: the full-text tables and the facet columns of the SQL search go.
DROP TRIGGER search_documents_unindexed;
DROP TRIGGER search_documents_indexed;
DROP TABLE search_fts;
DROP TABLE search_documents;
DROP TABLE search_state;
ALTER TABLE items DROP COLUMN facet_languages;
ALTER TABLE items DROP COLUMN facet_target_groups;
ALTER TABLE items DROP COLUMN facet_themes;

-- Every change of an item, in commit order, written in the transaction of the change: each
-- process's search index applies them in order and remembers the last position it applied.
CREATE TABLE search_changes (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
