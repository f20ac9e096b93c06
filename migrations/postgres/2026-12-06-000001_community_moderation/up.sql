-- Items a moderator took out of a local community, or that a community hosted elsewhere
-- announced as removed (its `Remove`): they are no longer relayed, listed or shown as the
-- community's, and a member's later Update of one is not passed on.
CREATE TABLE community_removals (
    community_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    item_ap_id TEXT NOT NULL,
    removed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (community_id, item_ap_id)
);
