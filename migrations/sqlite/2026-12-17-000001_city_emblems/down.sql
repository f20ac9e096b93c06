ALTER TABLE cities DROP COLUMN icon_url;
