-- Whom each followed city follows, as its `following` collection said when last read: the
-- directory's second degree, the cities one step further into the network.
CREATE TABLE peer_following (
    city_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    learned_at TIMESTAMP NOT NULL,
    PRIMARY KEY (city_id, actor)
);
