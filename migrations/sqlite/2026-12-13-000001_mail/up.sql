-- Where each person gets mail, and whether questions about the city's items (and answers to its
-- questions) reach them there.
CREATE TABLE mail_addresses (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    notify_questions BOOLEAN NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL
);

-- Saved searches a person gets a digest of: `query` is the search's query string (words and
-- filters, as the feed's address has them), `frequency` daily or weekly.
CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    query TEXT NOT NULL,
    label TEXT NOT NULL,
    frequency TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- Items that arrived after this are new to the next digest.
    checked_at TIMESTAMP NOT NULL,
    -- When the next digest is written: a day or a week after the last.
    next_digest_at TIMESTAMP NOT NULL
);
CREATE INDEX subscriptions_by_user ON subscriptions (user_id);

-- Replies that arrived and that people who asked for it are to be told of, until the mail
-- worker has written their messages.
CREATE TABLE reply_notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reply_ap_id TEXT NOT NULL,
    -- question (about one of this city's items) or answer (to one of this city's questions)
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Every message Praxis sends, kept until the SMTP server took it; failures are retried.
CREATE TABLE outgoing_mail (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outgoing_mail_pending ON outgoing_mail (sent_at, next_attempt_at);
