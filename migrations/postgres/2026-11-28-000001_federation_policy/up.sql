-- Whom the city federates with: one row, the mode and whether follow requests from
-- non-members wait for approval.
CREATE TABLE federation_policy (
    id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL,
    hold_follows BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Peer domains on the allow list (partner cities) or the block list.
CREATE TABLE federation_domains (
    domain TEXT NOT NULL,
    list TEXT NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (domain, list)
);
