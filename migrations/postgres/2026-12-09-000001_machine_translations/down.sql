DROP TABLE machine_translation_usage;
DROP TABLE machine_translations;
