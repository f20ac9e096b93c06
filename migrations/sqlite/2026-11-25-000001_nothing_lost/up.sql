-- Deletions of items this instance did not hold (yet): a Create that arrives after its Delete
-- (deliveries are not ordered) must not bring the item back.
CREATE TABLE deleted_items (
    ap_id TEXT PRIMARY KEY NOT NULL,
    deleted_at TIMESTAMP NOT NULL
);

-- Delivery health per peer host, for the admin view.
CREATE TABLE delivery_peers (
    peer_host TEXT PRIMARY KEY NOT NULL,
    last_success_at TIMESTAMP,
    last_failure_at TIMESTAMP,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_status INTEGER,
    last_error TEXT
);

-- Inboxes that answered 404 or 410: nothing more is sent there until the peer shows signs of
-- life (it sends an activity) or an admin retries.
CREATE TABLE gone_inboxes (
    inbox_url TEXT PRIMARY KEY NOT NULL,
    peer_host TEXT NOT NULL,
    status INTEGER NOT NULL,
    since TIMESTAMP NOT NULL
);
CREATE INDEX gone_inboxes_by_peer ON gone_inboxes (peer_host);
CREATE INDEX deliveries_by_inbox ON deliveries (inbox_url, state);
