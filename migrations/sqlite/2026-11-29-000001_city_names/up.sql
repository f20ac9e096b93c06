-- The city's name in each of its languages (JSON object: language tag -> name).
ALTER TABLE cities ADD COLUMN name_map TEXT NOT NULL DEFAULT '{}';
