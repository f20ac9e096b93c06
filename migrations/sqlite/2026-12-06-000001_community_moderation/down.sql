DROP TABLE community_removals;
