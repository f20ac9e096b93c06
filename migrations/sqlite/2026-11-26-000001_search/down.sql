DROP TABLE search_state;
ALTER TABLE items DROP COLUMN facet_languages;
ALTER TABLE items DROP COLUMN facet_target_groups;
ALTER TABLE items DROP COLUMN facet_themes;
DROP TRIGGER search_documents_unindexed;
DROP TRIGGER search_documents_indexed;
DROP TABLE search_fts;
DROP TABLE search_documents;
