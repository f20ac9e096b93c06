DROP TABLE search_state;
ALTER TABLE items DROP COLUMN facet_languages;
ALTER TABLE items DROP COLUMN facet_target_groups;
ALTER TABLE items DROP COLUMN facet_themes;
DROP TABLE search_documents;
