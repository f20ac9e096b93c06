//! The data layer, written once and run on SQLite and on PostgreSQL.

mod common;

use std::sync::Arc;

use chrono::Duration;
use common::{Backend, TestStore};
use praxis::{
    domain::{
        city::City,
        item::{ItemDraft, KnowledgeItem, now},
    },
    search::{SearchEngine, SearchQuery, document::NoLabels},
    service::search::{IndexerContext, SearchIndexer},
    storage::{
        DbConn, StorageError, backfills, cities,
        cities::CityId,
        deliveries,
        follows::{self, FollowState},
        items::{self, Scope, UpsertOutcome},
        outbox, received, shares,
    },
};
use url::Url;

fn city(origin: &str, local: bool) -> City {
    let base: Url = origin.parse().unwrap();
    City {
        ap_id: base.join("/city").unwrap(),
        handle: "city".into(),
        name: format!("City at {origin}"),
        names: Default::default(),
        summary: String::new(),
        languages: vec!["it".parse().unwrap()],
        country: Some("IT".into()),
        location: praxis::domain::city::Location::new(41.56, 14.66),
        inbox: base.join("/city/inbox").unwrap(),
        shared_inbox: Some(base.join("/inbox").unwrap()),
        outbox: None,
        followers: None,
        following: None,
        profile_url: None,
        public_key_pem: "-----BEGIN PUBLIC KEY-----".into(),
        public_key_id: Some(base.join("/city#main-key").unwrap()),
        ed25519_key: None,
        private_key_pem: local.then(|| "-----BEGIN PRIVATE KEY-----".into()),
        is_local: local,
        kind: praxis::domain::city::ActorKind::City,
        last_refreshed_at: now(),
        joined: None,
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
        former_ap_id: None,
    }
}

fn store_city(conn: &mut DbConn<'_>, c: &City) -> CityId {
    cities::upsert(conn, c).unwrap()
}

on_both_backends! {
    async fn an_item_of_every_kind_is_read_back_field_for_field(backend: Backend) {
        let store = TestStore::open(backend);
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            let origin = city("http://localhost:9001", false);
            let origin_id = store_city(conn, &origin);
            for kind in common::KINDS {
                let draft: ItemDraft = serde_json::from_value(common::item_fixture(kind)).unwrap();
                let mut item = item(&origin, kind, 5);
                item.content = draft.validate().unwrap();
                item.content.attachments.push(praxis::domain::item::Attachment {
                    name: "Toolkit.pdf".into(),
                    media_type: "application/pdf".into(),
                    url: "http://localhost:9001/attachments/abc/Toolkit.pdf".parse().unwrap(),
                    size: Some(2048),
                    digest: Some("a".repeat(64)),
                });
                items::upsert(conn, &item, origin_id)?;
                let stored = items::find_by_ap_id(conn, &item.ap_id)?.unwrap();
                assert_eq!(stored.item, item, "{kind} changed in storage");
            }
            Ok(())
        }).unwrap();
    }

    async fn the_outbox_lists_creates_and_shares_newest_first(backend: Backend) {
        let store = TestStore::open(backend);
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            let local = city("http://localhost:9000", true);
            let peer = city("http://localhost:9001", false);
            let (local_id, peer_id) = (store_city(conn, &local), store_city(conn, &peer));
            let own = items::upsert(conn, &item(&local, "own", 10), local_id)?.id().unwrap();
            let shared = items::upsert(conn, &item(&peer, "shared", 20), peer_id)?.id().unwrap();
            let create: Url = "http://localhost:9000/activities/create-1".parse().unwrap();
            let announce: Url = "http://localhost:9000/activities/announce-1".parse().unwrap();
            outbox::add(conn, outbox::EntryKind::Create, own, &create, now())?;
            outbox::add(conn, outbox::EntryKind::Announce, shared, &announce, now())?;
            shares::record(conn, shared, local_id, &announce, now())?;
            // Sharing again moves the share to the top instead of listing it twice.
            let again: Url = "http://localhost:9000/activities/announce-2".parse().unwrap();
            outbox::add(conn, outbox::EntryKind::Create, own, &create, now())?;
            outbox::add(conn, outbox::EntryKind::Announce, shared, &again, now())?;
            shares::record(conn, shared, local_id, &again, now())?;
            let page = outbox::page(conn, &["public"], None, 10)?;
            let listed: Vec<_> = page.iter().map(|e| (e.kind, e.activity_ap_id.clone())).collect();
            assert_eq!(listed, [(outbox::EntryKind::Announce, again), (outbox::EntryKind::Create, create)]);
            assert_eq!(outbox::page(conn, &["public"], Some(page[0].id), 10)?.len(), 1);
            assert_eq!(shares::sharers(conn, shared)?, [local_id]);
            assert!(shares::has_shared(conn, shared, local_id)?);
            outbox::remove_item(conn, shared)?;
            assert_eq!(outbox::count(conn)?, 1);
            Ok(())
        }).unwrap();
    }

    async fn a_backfill_resumes_from_its_next_page(backend: Backend) {
        let store = TestStore::open(backend);
        let peer = store.db.write_blocking(|conn| -> Result<_, StorageError> {
            let id = store_city(conn, &city("http://localhost:9001", false));
            backfills::start(conn, id)?;
            Ok(id)
        }).unwrap();
        let lease = Duration::minutes(10);
        let job = store.db.write_blocking(|conn| backfills::claim(conn, lease)).unwrap().expect("a pending job");
        assert!(store.db.write_blocking(|conn| backfills::claim(conn, lease)).unwrap().is_none(), "leased once");
        let next: Url = "http://localhost:9001/city/outbox?page=true&before=51".parse().unwrap();
        store.db.write_blocking(|conn| backfills::progress(conn, job.id, Some(&next), 50, 48, lease)).unwrap();
        // An Accept arriving while the import runs does not hand the job to a second worker.
        store.db.write_blocking(|conn| backfills::start(conn, peer)).unwrap();
        assert!(store.db.write_blocking(|conn| backfills::claim(conn, lease)).unwrap().is_none(), "still leased");
        store.db.write_blocking(|conn| backfills::release(conn, job.id)).unwrap();
        let resumed = store.db.write_blocking(|conn| backfills::claim(conn, lease)).unwrap().expect("released");
        assert_eq!(resumed.next_page, Some(next));
        assert_eq!((resumed.pages, resumed.items_seen, resumed.items_imported), (1, 50, 48));
        store.db.write_blocking(|conn| backfills::finish(conn, resumed.id, None)).unwrap();
        let done = store.db.read_blocking(|conn| backfills::for_city(conn, peer)).unwrap().unwrap();
        assert_eq!(done.state, backfills::state::DONE);
        assert!(done.finished_at.is_some());
        // Starting again begins from the start.
        store.db.write_blocking(|conn| backfills::start(conn, peer)).unwrap();
        let restarted = store.db.write_blocking(|conn| backfills::claim(conn, lease)).unwrap().unwrap();
        assert_eq!((restarted.next_page, restarted.pages), (None, 0));
    }

    async fn a_create_arriving_after_its_delete_stores_nothing(backend: Backend) {
        let store = TestStore::open(backend);
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            let origin = city("http://localhost:9001", false);
            let origin_id = store_city(conn, &origin);
            let late = item(&origin, "Arrivato tardi", 1);
            items::remember_deleted(conn, &late.ap_id)?;
            assert_eq!(items::upsert(conn, &late, origin_id)?, UpsertOutcome::Tombstoned);
            assert!(items::find_by_ap_id(conn, &late.ap_id)?.is_none());
            Ok(())
        }).unwrap();
    }

    async fn a_deleted_item_keeps_only_its_tombstone(backend: Backend) {
        let store = TestStore::open(backend);
        store.db.write_blocking(|conn| -> Result<(), StorageError> {
            let origin = city("http://localhost:9001", false);
            let origin_id = store_city(conn, &origin);
            let original = item(&origin, "Da cancellare", 1);
            let id = items::upsert(conn, &original, origin_id)?.id().unwrap();
            assert!(items::mark_deleted(conn, id)?);
            assert!(!items::mark_deleted(conn, id)?);
            let stored = items::find_by_ap_id(conn, &original.ap_id)?.unwrap();
            assert!(stored.deleted_at.is_some());
            assert!(stored.item.content.title.is_empty(), "the content is gone");
            let mut newer = original.clone();
            newer.updated = now() + Duration::hours(1);
            assert_eq!(items::upsert(conn, &newer, origin_id)?, UpsertOutcome::Unchanged(id));
            assert_eq!(items::count(conn, Scope::All, praxis::domain::audience::Visibility::Everything)?, 0);
            Ok(())
        }).unwrap();
    }

    async fn the_search_index_is_rebuilt_from_the_items_and_follows_the_change_log(backend: Backend) {
        let store = TestStore::open(backend);
        let origin = city("http://localhost:9001", false);
        let (origin_id, first) = store.db.write_blocking(|conn| -> Result<_, StorageError> {
            let origin_id = store_city(conn, &origin);
            let first = item(&origin, "Scuola per genitori", 3);
            items::upsert(conn, &first, origin_id)?;
            Ok((origin_id, first))
        }).unwrap();
        // An index that never existed is rebuilt from the items, then follows every change.
        let dir = tempfile::tempdir().unwrap();
        let (engine, position) = SearchEngine::open(dir.path()).unwrap();
        assert_eq!(position, None, "a new index must be built");
        let context = IndexerContext { db: store.db.clone(), engine: Arc::new(engine), labels: Arc::new(NoLabels) };
        let indexer = SearchIndexer::spawn(context.clone(), position, Arc::default());
        let found = |text: &'static str| {
            let engine = context.engine.clone();
            async move {
                let query = SearchQuery { text: text.into(), page: 1, per_page: 10, ..SearchQuery::default() };
                engine.search(&query).unwrap()
            }
        };
        let results = common::wait_until("the rebuilt index to find the item", || async {
            let results = found("genitori").await;
            (results.total == 1).then_some(results)
        }).await;
        let held = store.db.read_blocking(|conn| items::get_many(conn, &[results.hits[0].item_id])).unwrap();
        assert_eq!(held[0].item.ap_id, first.ap_id);

        let second = item(&origin, "Scuola per nonni", 1);
        let first_id = store.db.write_blocking(|conn| -> Result<_, StorageError> {
            items::upsert(conn, &second, origin_id)?;
            Ok(items::find_by_ap_id(conn, &first.ap_id)?.unwrap().id)
        }).unwrap();
        common::wait_until("a new item to be found", || async { (found("scuola").await.total == 2).then_some(()) }).await;
        store.db.write_blocking(|conn| items::mark_deleted(conn, first_id)).unwrap();
        common::wait_until("a deleted item to leave the index", || async {
            let results = found("scuola").await;
            (results.total == 1 && found("genitori").await.total == 0).then_some(())
        }).await;
        indexer.shutdown(std::time::Duration::from_secs(5)).await;

        // Reopened, the index knows where it stopped: the last change applied.
        drop(context);
        let (engine, position) = SearchEngine::open(dir.path()).unwrap();
        let newest = store.db.read_blocking(praxis::storage::search_changes::bounds).unwrap().map(|(_, n)| n);
        assert_eq!(position, newest);
        let query = SearchQuery { text: "nonni".into(), page: 1, per_page: 10, ..SearchQuery::default() };
        assert_eq!(engine.search(&query).unwrap().total, 1);
    }

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
            // A peer's Ed25519 key is kept, and dropped when its actor stops publishing it.
            let key = praxis::domain::city::Ed25519Key {
                id: peer.ap_id.join("/city#ed25519-key").unwrap(),
                public_key: [9u8; 32],
            };
            peer.ed25519_key = Some(key.clone());
            store_city(conn, &peer);
            assert_eq!(cities::find_by_ap_id(conn, &peer.ap_id)?.unwrap().1.ed25519_key, Some(key));
            peer.ed25519_key = None;
            store_city(conn, &peer);
            assert_eq!(cities::find_by_ap_id(conn, &peer.ap_id)?.unwrap().1.ed25519_key, None);
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
                let page = items::page(conn, Scope::All, praxis::domain::audience::Visibility::Everything, cursor, 2)?;
                if page.is_empty() {
                    break;
                }
                let last = page.last().unwrap();
                cursor = Some(items::ItemCursor { published: last.item.published, id: last.id });
                seen.extend(page.iter().map(|s| s.item.content.title.iter().next().unwrap().1.to_string()));
            }
            assert_eq!(seen, ["a10", "b15", "a20", "a30", "a40", "a50"]);
            assert_eq!(items::count(conn, Scope::Origin(a_id), praxis::domain::audience::Visibility::Everything)?, 5);
            assert_eq!(items::page(conn, Scope::Origin(b_id), praxis::domain::audience::Visibility::Everything, None, 10)?.len(), 1);
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

    async fn writes_committed_together_stand_or_fall_alone(backend: Backend) {
        let store = TestStore::open(backend);
        // Sixty-four writes at once, so that they queue and share transactions; every third one
        // fails after it wrote its city.
        let writes: Vec<_> = (0..64)
            .map(|n| {
                let db = store.db.clone();
                tokio::spawn(async move {
                    db.write(move |conn| -> Result<(), StorageError> {
                        cities::upsert(conn, &city(&format!("http://localhost:{}", 9100 + n), false))?;
                        if n % 3 == 0 {
                            return Err(StorageError::Corrupt(format!("write {n} refused")));
                        }
                        Ok(())
                    })
                    .await
                })
            })
            .collect();
        let mut results = Vec::new();
        for write in writes {
            results.push(write.await.unwrap());
        }
        for (n, result) in results.iter().enumerate() {
            let origin: Url = format!("http://localhost:{}/city", 9100 + n).parse().unwrap();
            let stored = store.db.read_blocking(|conn| cities::find_by_ap_id(conn, &origin)).unwrap();
            if n % 3 == 0 {
                assert!(matches!(result, Err(StorageError::Corrupt(_))), "write {n}: {result:?}");
                assert!(stored.is_none(), "the failed write {n} left its city");
            } else {
                assert!(result.is_ok(), "write {n}: {result:?}");
                assert!(stored.is_some(), "the write {n} was answered but not stored");
            }
        }
    }
}
