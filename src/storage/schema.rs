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
        name_map -> Text,
        public_key_id -> Nullable<Text>,
        actor_kind -> Text,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        icon_url -> Nullable<Text>,
        ed25519_key_id -> Nullable<Text>,
        ed25519_public_key -> Nullable<Text>,
        moved_to -> Nullable<Text>,
    }
}

diesel::table! {
    communities (actor_id) {
        actor_id -> BigInt,
        summaries -> Text,
        themes -> Text,
        icon_url -> Nullable<Text>,
        membership -> Text,
        moderators_url -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    community_removals (community_id, item_ap_id) {
        community_id -> BigInt,
        item_ap_id -> Text,
        removed_at -> Timestamp,
    }
}

diesel::table! {
    community_moderators (community_id, user_id) {
        community_id -> BigInt,
        user_id -> BigInt,
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
        country -> Nullable<Text>,
        place -> Nullable<Text>,
        period_start -> Nullable<Date>,
        period_end -> Nullable<Date>,
        status -> Nullable<Text>,
        licence -> Nullable<Text>,
        adapted_from -> Nullable<Text>,
        contacts -> Text,
        cites -> Text,
        details -> Text,
        external_id -> Nullable<Text>,
        audience -> Text,
        audience_cities -> Text,
        community -> Nullable<Text>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        former_ap_id -> Nullable<Text>,
        moved_to -> Nullable<Text>,
    }
}

diesel::table! {
    item_themes (item_id, code) {
        item_id -> BigInt,
        code -> Text,
    }
}

diesel::table! {
    item_target_groups (item_id, code) {
        item_id -> BigInt,
        code -> Text,
    }
}

diesel::table! {
    item_tags (item_id, tag) {
        item_id -> BigInt,
        tag -> Text,
    }
}

diesel::table! {
    item_attachments (item_id, position) {
        item_id -> BigInt,
        position -> Integer,
        name -> Text,
        media_type -> Text,
        url -> Text,
        size -> Nullable<BigInt>,
        digest -> Nullable<Text>,
    }
}

diesel::table! {
    uploads (digest) {
        digest -> Text,
        media_type -> Text,
        size -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    shares (id) {
        id -> BigInt,
        item_id -> BigInt,
        city_id -> BigInt,
        activity_ap_id -> Text,
        shared_at -> Timestamp,
    }
}

diesel::table! {
    replies (id) {
        id -> BigInt,
        ap_id -> Text,
        item_id -> BigInt,
        author_city_id -> BigInt,
        in_reply_to -> Text,
        language -> Nullable<Text>,
        content -> Text,
        published_at -> Timestamp,
        received_at -> Timestamp,
        signed_by -> Nullable<Text>,
    }
}

diesel::table! {
    outbox_entries (id) {
        id -> BigInt,
        activity_kind -> Text,
        item_id -> BigInt,
        activity_ap_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    backfills (id) {
        id -> BigInt,
        city_id -> BigInt,
        state -> Text,
        next_page -> Nullable<Text>,
        pages -> Integer,
        items_seen -> Integer,
        items_imported -> Integer,
        last_error -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        started_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    item_translations (item_id, language) {
        item_id -> BigInt,
        language -> Text,
        title -> Text,
        summary -> Nullable<Text>,
        body -> Nullable<Text>,
        translated_by -> Nullable<Text>,
    }
}

diesel::table! {
    translation_proposals (id) {
        id -> BigInt,
        ap_id -> Text,
        item_ap_id -> Text,
        proposer_city_id -> BigInt,
        outgoing -> Bool,
        language -> Text,
        texts -> Text,
        based_on -> Timestamp,
        state -> Text,
        message -> Nullable<Text>,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    machine_translations (id) {
        id -> BigInt,
        item_ap_id -> Text,
        language -> Text,
        item_version -> Timestamp,
        texts -> Text,
        sources -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    machine_translation_usage (day) {
        day -> Text,
        characters -> BigInt,
    }
}

diesel::table! {
    peer_following (city_id, actor) {
        city_id -> BigInt,
        actor -> Text,
        learned_at -> Timestamp,
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

diesel::table! {
    deleted_items (ap_id) {
        ap_id -> Text,
        deleted_at -> Timestamp,
    }
}

diesel::table! {
    delivery_peers (peer_host) {
        peer_host -> Text,
        last_success_at -> Nullable<Timestamp>,
        last_failure_at -> Nullable<Timestamp>,
        consecutive_failures -> Integer,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    gone_inboxes (inbox_url) {
        inbox_url -> Text,
        peer_host -> Text,
        status -> Integer,
        since -> Timestamp,
    }
}

diesel::table! {
    search_changes (position) {
        position -> BigInt,
        item_id -> BigInt,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        locale -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        read_languages -> Text,
        deactivated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        csrf_token -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        prefix -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(items -> cities (origin_city_id));
diesel::joinable!(item_translations -> items (item_id));
diesel::joinable!(deliveries -> outbound_activities (activity_id));
diesel::joinable!(item_themes -> items (item_id));
diesel::joinable!(item_target_groups -> items (item_id));
diesel::joinable!(item_tags -> items (item_id));
diesel::joinable!(item_attachments -> items (item_id));
diesel::joinable!(shares -> items (item_id));
diesel::joinable!(shares -> cities (city_id));
diesel::joinable!(replies -> items (item_id));
diesel::table! {
    federation_policy (id) {
        id -> Integer,
        mode -> Text,
        hold_follows -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    federation_domains (domain, list) {
        domain -> Text,
        list -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    bookmarks (user_id, item_id) {
        user_id -> BigInt,
        item_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mail_addresses (user_id) {
        user_id -> BigInt,
        email -> Text,
        notify_questions -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> BigInt,
        user_id -> BigInt,
        query -> Text,
        label -> Text,
        frequency -> Text,
        created_at -> Timestamp,
        checked_at -> Timestamp,
        next_digest_at -> Timestamp,
    }
}

diesel::table! {
    reply_notifications (id) {
        id -> BigInt,
        reply_ap_id -> Text,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outgoing_mail (id) {
        id -> BigInt,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::joinable!(bookmarks -> items (item_id));
diesel::joinable!(subscriptions -> users (user_id));
diesel::joinable!(mail_addresses -> users (user_id));
diesel::joinable!(replies -> cities (author_city_id));
diesel::joinable!(outbox_entries -> items (item_id));
diesel::joinable!(backfills -> cities (city_id));
diesel::joinable!(peer_following -> cities (city_id));

diesel::joinable!(communities -> cities (actor_id));
diesel::joinable!(community_moderators -> users (user_id));

diesel::joinable!(translation_proposals -> cities (proposer_city_id));

diesel::allow_tables_to_appear_in_same_query!(
    bookmarks,
    peer_following,
    mail_addresses,
    subscriptions,
    reply_notifications,
    outgoing_mail,
    cities,
    translation_proposals,
    communities,
    community_moderators,
    community_removals,
    items,
    item_translations,
    follows,
    outbound_activities,
    deliveries,
    received_activities,
    item_themes,
    item_target_groups,
    item_tags,
    item_attachments,
    uploads,
    shares,
    replies,
    outbox_entries,
    backfills,
    deleted_items,
    delivery_peers,
    gone_inboxes,
    search_changes,
    users,
    sessions,
    api_tokens,
    federation_policy,
    federation_domains,
);
