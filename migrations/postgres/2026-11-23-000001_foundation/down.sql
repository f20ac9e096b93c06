DROP TABLE received_activities;
DROP TABLE deliveries;
DROP TABLE outbound_activities;
DROP TABLE follows;
DROP TABLE item_translations;
DROP TABLE items;
DROP TABLE cities;
