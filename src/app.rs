//! The application context every handler, worker and command shares, and how it is opened.

use std::sync::Arc;

use activitypub_federation::config::{Data, FederationConfig};
use reqwest_middleware::ClientWithMiddleware;
use tokio::sync::Notify;

use crate::{
    config::Settings,
    domain::city::City,
    federation,
    federation::{
        actors::known::KnownCities,
        delivery::signer::{CommunitySigners, SignatureStyles, Signer},
        inbox::signer::KeyRefreshes,
    },
    search::{SearchEngine, document::Labels},
    service,
    service::accounts::LoginThrottle,
    storage::{Database, cities::CityId, policy_cache::PolicyCache},
};

/// Whether opening the instance applies the configured city profile to a stored city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    FromConfiguration,
    Keep,
}

/// Where searches are answered from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SearchIndex {
    /// The instance's index on disk, kept in step by the server's indexer.
    OnDisk,
    /// An empty index in memory: one-shot commands never search, and must not take the
    /// server's index away from it.
    None,
}

/// Everything a request or a background task needs; cheap to clone.
#[derive(Clone)]
pub struct AppContext {
    pub settings: Arc<Settings>,
    pub db: Database,
    /// The local city actor, with its keys.
    pub city: Arc<City>,
    pub city_id: CityId,
    /// Bearer token that authorizes JSON API writes.
    pub admin_token: Arc<String>,
    /// Wakes the delivery workers of this process when something was queued.
    pub delivery_signal: Arc<Notify>,
    /// Wakes the backfill worker of this process when a history import was queued.
    pub backfill_signal: Arc<Notify>,
    /// The one HTTP client for every request Praxis makes (see [`federation::client`]).
    pub http: ClientWithMiddleware,
    /// Signs deliveries as the city.
    pub signer: Signer,
    /// Signers of the city's communities, made when one first sends something.
    pub community_signers: Arc<CommunitySigners>,
    /// Which signature each peer host accepts, when deliveries try RFC 9421 first.
    pub signature_styles: Arc<SignatureStyles>,
    /// Failed logins, to slow down password guessing.
    pub login_throttle: Arc<LoginThrottle>,
    /// Whom the city federates with.
    pub policy: Arc<PolicyCache>,
    /// When peers' keys were last fetched again after a failed signature.
    pub key_refreshes: Arc<KeyRefreshes>,
    /// Members of communities hosted elsewhere, as their hosts last listed them.
    pub remote_members: Arc<crate::federation::membership::RemoteMembers>,
    /// Peer cities read or written lately, so every activity does not read its sender again.
    pub known_cities: Arc<KnownCities>,
    /// The machine-translation engine, when an admin configured one.
    pub machine_translator: Option<Arc<service::machine_translation::libretranslate::Engine>>,
    /// This process's search index.
    pub search: Arc<SearchEngine>,
    /// The change-log position the index was current to when opened (`None`: rebuild it).
    pub search_position: Option<i64>,
    /// Wakes this process's search indexer when an item changed here.
    pub search_signal: Arc<Notify>,
    /// The labels of codes, in every interface language, that searches find items by.
    pub labels: Arc<dyn Labels>,
}

/// The request-scoped handle the federation library passes to handlers: derefs to [`AppContext`].
pub type AppData = Data<AppContext>;

impl AppContext {
    /// What finding items in the index needs: the database, the engine, the labels of codes.
    pub fn indexer(&self) -> service::search::IndexerContext {
        service::search::IndexerContext {
            db: self.db.clone(),
            engine: self.search.clone(),
            labels: self.labels.clone(),
        }
    }

    /// Opens the database, applies pending migrations, and makes sure the local city exists with
    /// the profile the configuration gives it (what `praxis serve` does).
    pub async fn open(settings: Settings) -> anyhow::Result<AppContext> {
        Self::open_with(settings, Profile::FromConfiguration, SearchIndex::OnDisk).await
    }

    /// Like [`AppContext::open`], but keeps the stored profile of an existing city: one-shot
    /// commands must not rename a city because they were given a partial configuration.
    pub async fn open_for_command(settings: Settings) -> anyhow::Result<AppContext> {
        Self::open_with(settings, Profile::Keep, SearchIndex::None).await
    }

    async fn open_with(
        settings: Settings,
        profile: Profile,
        index: SearchIndex,
    ) -> anyhow::Result<AppContext> {
        let settings = Arc::new(settings);
        let location = settings.database();
        let pool_size = settings.instance.database_pool_size;
        let db = tokio::task::spawn_blocking(move || -> anyhow::Result<Database> {
            let db = Database::connect(&location, pool_size)?;
            let applied = db.migrate()?;
            if !applied.is_empty() {
                tracing::info!(migrations = ?applied, "applied database migrations");
            }
            Ok(db)
        })
        .await??;
        let index_settings = settings.clone();
        let index_db = db.clone();
        let (search, search_position) =
            tokio::task::spawn_blocking(move || -> anyhow::Result<(SearchEngine, Option<i64>)> {
                match index {
                    SearchIndex::OnDisk => {
                        let (engine, position) = service::search::open_engine(&index_settings)?;
                        let position =
                            service::search::current_if_nothing_to_index(&index_db, &engine, position)?;
                        Ok((engine, position))
                    }
                    SearchIndex::None => Ok((SearchEngine::in_memory()?, None)),
                }
            })
            .await??;
        let (city_id, city) = service::city::ensure_local_city(&db, &settings, profile).await?;
        let admin_token = service::admin_token::load_or_create(&settings)?;
        let policy = Arc::new(PolicyCache::new(db.clone(), &settings.instance.public_url));
        let http = federation::client::build(&settings, policy.clone())?;
        let machine_translator =
            service::machine_translation::libretranslate::Engine::from_settings(&settings)?.map(Arc::new);
        let private_key = city.private_key_pem.as_ref().map_or("", |k| k.expose().as_str());
        let signer = Signer::new(&city.ap_id, private_key)?;
        Ok(AppContext {
            http,
            machine_translator,
            signer,
            community_signers: Arc::default(),
            signature_styles: Arc::default(),
            login_throttle: Arc::default(),
            key_refreshes: Arc::default(),
            known_cities: Arc::default(),
            remote_members: Arc::default(),
            search: Arc::new(search),
            search_position,
            search_signal: Arc::new(Notify::new()),
            labels: Arc::new(crate::web::i18n::InterfaceLabels),
            policy,
            settings,
            db,
            city: Arc::new(city),
            city_id,
            admin_token: Arc::new(admin_token),
            delivery_signal: Arc::new(Notify::new()),
            backfill_signal: Arc::new(Notify::new()),
        })
    }

    /// Builds the federation library's configuration around this context.
    pub async fn federation(self) -> anyhow::Result<FederationConfig<AppContext>> {
        federation::config::build(self).await
    }
}
