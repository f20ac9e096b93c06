DROP TABLE search_state;
DROP TABLE search_documents;
