//! The data layer, written once and run on SQLite and on PostgreSQL.

mod common;

use chrono::Duration;
use common::{Backend, TestStore};
use praxis::{
    domain::{
        city::City,
        item::{ItemDraft, KnowledgeItem, now},
    },
    storage::{
        DbConn, StorageError, cities,
        cities::CityId,
        deliveries,
        follows::{self, FollowState},
        items::{self, Scope, UpsertOutcome},
        received,
    },
};
use url::Url;

fn city(origin: &str, local: bool) -> City {
    let base: Url = origin.parse().unwrap();
    City {
        ap_id: base.join("/city").unwrap(),
        handle: "city".into(),
        name: format!("City at {origin}"),
        summary: String::new(),
        languages: vec!["it".parse().unwrap()],
        country: Some("IT".into()),
        inbox: base.join("/city/inbox").unwrap(),
        shared_inbox: Some(base.join("/inbox").unwrap()),
        outbox: None,
        followers: None,
        following: None,
        profile_url: None,
        public_key_pem: "-----BEGIN PUBLIC KEY-----".into(),
        private_key_pem: local.then(|| "-----BEGIN PRIVATE KEY-----".into()),
        is_local: local,
        last_refreshed_at: now(),
    }
}

fn item(origin: &City, title: &str, minutes_ago: i64) -> KnowledgeItem {
    let draft: ItemDraft = serde_json::from_value(serde_json::json!({
        "kind": "good_practice",
        "title": {"it": title},
        "body": {"it": "<p>Piano di azione locale</p>"}
    }))
    .unwrap();
    let at = now() - Duration::minutes(minutes_ago);
    KnowledgeItem {
        ap_id: origin
            .ap_id
            .join(&format!("/items/{}", uuid::Uuid::new_v4()))
            .unwrap(),
        origin: origin.ap_id.clone(),
        content: draft.validate().unwrap(),
        published: at,
        updated: at,
    }
}

fn store_city(conn: &mut DbConn<'_>, c: &City) -> CityId {
    cities::upsert(conn, c).unwrap()
}

on_both_backends! {
    async fn every_migration_reverts_cleanly_and_applies_again(backend: Backend) {
        let store = TestStore::open(backend);
        assert!(store.db.pending_migrations().unwrap().is_empty());
        let reverted = store.db.revert_all_migrations().unwrap();
        assert!(!reverted.is_empty());
        assert_eq!(store.db.pending_migrations().unwrap().len(), reverted.len());
        assert_eq!(store.db.migrate().unwrap().len(), reverted.len());
    }

    async fn a_city_is_stored_once_and_updated_in_place(backend: Backend) {
        let store = TestStore::open(backend);
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            let mut peer = city("http://localhost:9001", false);
            let first = store_city(conn, &peer);
            peer.name = "Comune di Campobasso".into();
            peer.shared_inbox = None;
            assert_eq!(store_city(conn, &peer), first);
            let (_, found) = cities::find_by_ap_id(conn, &peer.ap_id)?.unwrap();
            assert_eq!(found.name, "Comune di Campobasso");
            assert_eq!(found.shared_inbox, None, "a cleared field is cleared in storage too");
            let (_, by_address) = cities::find_by_address(conn, "city", "localhost:9001")?.unwrap();
            assert_eq!(by_address.ap_id, peer.ap_id);
            assert!(cities::find_by_address(conn, "city", "localhost:9002")?.is_none());
            assert!(cities::find_local(conn)?.is_none());
            Ok(())
        }).unwrap();
    }

    async fn an_item_is_replaced_only_by_a_newer_version(backend: Backend) {
        let store = TestStore::open(backend);
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            let origin = city("http://localhost:9001", false);
            let origin_id = store_city(conn, &origin);
            let original = item(&origin, "Piano di azione locale", 10);
            let id = match items::upsert(conn, &original, origin_id)? {
                UpsertOutcome::Inserted(id) => id,
                other => panic!("expected an insert, got {other:?}"),
            };
            assert_eq!(items::upsert(conn, &original, origin_id)?, UpsertOutcome::Unchanged(id));

            let mut edited = original.clone();
            edited.updated = original.updated + Duration::minutes(5);
            edited.content.title = [("it".parse().unwrap(), "Piano aggiornato".to_string())].into_iter().collect();
            assert_eq!(items::upsert(conn, &edited, origin_id)?, UpsertOutcome::Updated(id));

            let mut stale = original.clone();
            stale.content.title = [("it".parse().unwrap(), "Versione vecchia".to_string())].into_iter().collect();
            assert_eq!(items::upsert(conn, &stale, origin_id)?, UpsertOutcome::Unchanged(id));

            let stored = items::find_by_ap_id(conn, &original.ap_id)?.unwrap();
            assert_eq!(stored.item, edited, "the newest version is kept, field for field");
            Ok(())
        }).unwrap();
    }

    async fn listings_are_newest_first_and_page_without_gaps(backend: Backend) {
        let store = TestStore::open(backend);
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            let a = city("http://localhost:9001", false);
            let b = city("http://localhost:9002", false);
            let (a_id, b_id) = (store_city(conn, &a), store_city(conn, &b));
            for minutes in [30, 10, 20, 40, 50] {
                items::upsert(conn, &item(&a, &format!("a{minutes}"), minutes), a_id)?;
            }
            items::upsert(conn, &item(&b, "b15", 15), b_id)?;

            let mut seen = Vec::new();
            let mut cursor = None;
            loop {
                let page = items::page(conn, Scope::All, cursor, 2)?;
                if page.is_empty() {
                    break;
                }
                let last = page.last().unwrap();
                cursor = Some(items::ItemCursor { published: last.item.published, id: last.id });
                seen.extend(page.iter().map(|s| s.item.content.title.iter().next().unwrap().1.to_string()));
            }
            assert_eq!(seen, ["a10", "b15", "a20", "a30", "a40", "a50"]);
            assert_eq!(items::count(conn, Scope::Origin(a_id))?, 5);
            assert_eq!(items::page(conn, Scope::Origin(b_id), None, 10)?.len(), 1);
            Ok(())
        }).unwrap();
    }

    async fn follows_keep_their_state_and_share_inboxes(backend: Backend) {
        let store = TestStore::open(backend);
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            let local = store_city(conn, &city("http://localhost:9000", true));
            let a = store_city(conn, &city("http://localhost:9001", false));
            let mut same_host = city("http://localhost:9001", false);
            same_host.ap_id = "http://localhost:9001/other".parse().unwrap();
            let a2 = store_city(conn, &same_host);
            let b = store_city(conn, &city("http://localhost:9002", false));
            let activity: Url = "http://localhost:9001/activities/follow-1".parse().unwrap();
            for follower in [a, a2, b] {
                follows::upsert(conn, follower, local, &activity, FollowState::Accepted)?;
            }
            follows::upsert(conn, local, b, &activity, FollowState::Pending)?;
            let inboxes = follows::follower_inboxes(conn, local)?;
            assert_eq!(inboxes.len(), 2, "two followers on one host share one inbox: {inboxes:?}");
            assert_eq!(follows::find(conn, local, b)?.unwrap().state, FollowState::Pending);
            assert!(follows::accept(conn, local, b)?);
            assert_eq!(follows::followed_by(conn, local)?[0].1, FollowState::Accepted);
            assert!(follows::delete(conn, b, local)?);
            assert!(!follows::delete(conn, b, local)?);
            assert_eq!(follows::followers_of(conn, local)?.len(), 2);
            Ok(())
        }).unwrap();
    }

    async fn a_due_delivery_is_claimed_once_until_it_is_released(backend: Backend) {
        let store = TestStore::open(backend);
        let activity: Url = "http://localhost:9000/activities/create-1".parse().unwrap();
        let inboxes: Vec<Url> = ["http://localhost:9001/inbox", "http://localhost:9002/inbox", "http://localhost:9001/inbox"]
            .iter().map(|u| u.parse().unwrap()).collect();
        let queued = store.db.write_blocking(|conn| deliveries::enqueue(conn, &activity, "Create", "{}", &inboxes)).unwrap();
        assert_eq!(queued, 2, "one delivery per distinct inbox");

        let lease = Duration::minutes(10);
        let first = store.db.write_blocking(|conn| deliveries::claim_due(conn, 10, lease)).unwrap();
        assert_eq!(first.len(), 2);
        let second = store.db.write_blocking(|conn| deliveries::claim_due(conn, 10, lease)).unwrap();
        assert!(second.is_empty(), "leased rows are not handed out twice");

        let ids: Vec<i64> = first.iter().map(|d| d.id).collect();
        store.db.write_blocking(|conn| deliveries::mark_delivered(conn, ids[0], 202)).unwrap();
        store.db.write_blocking(|conn| deliveries::release(conn, &ids)).unwrap();
        let again = store.db.write_blocking(|conn| deliveries::claim_due(conn, 10, lease)).unwrap();
        assert_eq!(again.iter().map(|d| d.id).collect::<Vec<_>>(), [ids[1]], "only the undelivered row comes back");

        let later = now() + Duration::hours(1);
        store.db.write_blocking(|conn| deliveries::mark_retry(conn, ids[1], later, Some(503), "HTTP 503")).unwrap();
        assert!(store.db.write_blocking(|conn| deliveries::claim_due(conn, 10, lease)).unwrap().is_empty(), "not due yet");
        let counts = store.db.read_blocking(deliveries::counts).unwrap();
        assert_eq!((counts.pending, counts.delivered, counts.dead), (1, 1, 0));
        store.db.write_blocking(|conn| deliveries::mark_dead(conn, ids[1], Some(410), "HTTP 410 Gone")).unwrap();
        assert_eq!(store.db.read_blocking(deliveries::counts).unwrap().dead, 1);
        assert_eq!(store.db.read_blocking(|conn| deliveries::activity_payload(conn, &activity)).unwrap().as_deref(), Some("{}"));
    }

    async fn a_received_activity_is_recorded_once(backend: Backend) {
        let store = TestStore::open(backend);
        let id: Url = "http://localhost:9001/activities/create-7".parse().unwrap();
        let actor: Url = "http://localhost:9001/city".parse().unwrap();
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            assert!(!received::seen(conn, &id)?);
            assert!(received::record(conn, &id, &actor, "Create")?);
            assert!(!received::record(conn, &id, &actor, "Create")?);
            assert!(received::seen(conn, &id)?);
            Ok(())
        }).unwrap();
    }
}
