DROP TABLE translation_proposals;
ALTER TABLE item_translations DROP COLUMN translated_by;
