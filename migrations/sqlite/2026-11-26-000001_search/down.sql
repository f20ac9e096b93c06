DROP TABLE search_state;
DROP TRIGGER search_documents_unindexed;
DROP TRIGGER search_documents_indexed;
DROP TABLE search_fts;
DROP TABLE search_documents;
