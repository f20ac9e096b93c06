-- When an admin deactivated the account: it can no longer log in, its sessions ended and its
-- API tokens stop working until an admin reactivates it. Its history (replies, items) stays.
ALTER TABLE users ADD COLUMN deactivated_at TIMESTAMP;
