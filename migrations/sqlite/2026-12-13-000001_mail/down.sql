DROP TABLE outgoing_mail;
DROP TABLE reply_notifications;
DROP TABLE subscriptions;
DROP TABLE mail_addresses;
