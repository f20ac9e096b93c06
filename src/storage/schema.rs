//! Diesel table definitions, shared by both backends (the SQL types exist on both).

diesel::table! {
    cities (id) {
        id -> BigInt,
        ap_id -> Text,
        handle -> Text,
        name -> Text,
        summary -> Text,
        languages -> Text,
        country -> Nullable<Text>,
        inbox_url -> Text,
        shared_inbox_url -> Nullable<Text>,
        outbox_url -> Nullable<Text>,
        followers_url -> Nullable<Text>,
        following_url -> Nullable<Text>,
        profile_url -> Nullable<Text>,
        public_key_pem -> Text,
        private_key_pem -> Nullable<Text>,
        is_local -> Bool,
        last_refreshed_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    items (id) {
        id -> BigInt,
        ap_id -> Text,
        origin_city_id -> BigInt,
        kind -> Text,
        original_language -> Text,
        published_at -> Timestamp,
        updated_at -> Timestamp,
        received_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    item_translations (item_id, language) {
        item_id -> BigInt,
        language -> Text,
        title -> Text,
        summary -> Nullable<Text>,
        body -> Nullable<Text>,
    }
}

diesel::table! {
    follows (id) {
        id -> BigInt,
        follower_id -> BigInt,
        followee_id -> BigInt,
        activity_ap_id -> Text,
        state -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outbound_activities (id) {
        id -> BigInt,
        ap_id -> Text,
        kind -> Text,
        payload -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    deliveries (id) {
        id -> BigInt,
        activity_id -> BigInt,
        inbox_url -> Text,
        peer_host -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    received_activities (ap_id) {
        ap_id -> Text,
        actor_ap_id -> Text,
        kind -> Text,
        received_at -> Timestamp,
    }
}

diesel::joinable!(items -> cities (origin_city_id));
diesel::joinable!(item_translations -> items (item_id));
diesel::joinable!(deliveries -> outbound_activities (activity_id));

diesel::allow_tables_to_appear_in_same_query!(
    cities,
    items,
    item_translations,
    follows,
    outbound_activities,
    deliveries,
    received_activities,
);
