DROP TABLE federation_domains;
DROP TABLE federation_policy;
