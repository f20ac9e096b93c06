DROP INDEX deliveries_by_inbox;
DROP TABLE gone_inboxes;
DROP TABLE delivery_peers;
DROP TABLE deleted_items;
