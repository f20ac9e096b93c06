-- Search moves into an embedded search engine (tantivy) that each Praxis process keeps under its
-- data directory: the full-text table and the facet columns of the SQL search go.
DROP TABLE search_documents;
DROP TABLE search_state;
ALTER TABLE items DROP COLUMN facet_languages;
ALTER TABLE items DROP COLUMN facet_target_groups;
ALTER TABLE items DROP COLUMN facet_themes;

-- Every change of an item, written in the transaction of the change: each process's search
-- index applies them in order and remembers the last position it applied. Positions are taken
-- before commit, so a later one can commit first: readers wait a moment at a gap.
CREATE TABLE search_changes (
    position BIGSERIAL PRIMARY KEY,
    item_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
