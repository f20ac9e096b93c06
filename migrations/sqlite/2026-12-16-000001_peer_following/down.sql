DROP TABLE peer_following;
