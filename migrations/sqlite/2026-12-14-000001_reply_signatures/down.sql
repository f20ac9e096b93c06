ALTER TABLE replies DROP COLUMN signed_by;
