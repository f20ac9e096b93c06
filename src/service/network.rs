//! Joining a partner network: allowlisting, following and importing the knowledge of every member
//! of a manifest; writing the manifest of this city's partners; discovering a network from a
//! peer's following collection.

use activitypub_federation::fetch::fetch_object_http;
use url::Url;

use super::{ServiceError, backfills, follows, peers::PeerRef, policy::add_domains};
use crate::{
    app::AppData,
    domain::{
        city::City,
        manifest::{ManifestCity, NetworkInfo, NetworkManifest},
        policy::{DomainList, PeerDomain},
    },
    federation::collections::{OrderedCollection, OrderedCollectionPage},
    storage::{self, backfills::Backfill, follows::FollowState},
};

/// What joining did for one member.
#[derive(Debug)]
pub enum MemberOutcome {
    /// Follow requested (or already in place) and the import of its knowledge queued.
    Joined {
        city: Box<City>,
        newly_followed: bool,
    },
    /// The member is this city.
    Itself,
    Failed(ServiceError),
}

/// One member of the manifest and what became of it.
#[derive(Debug)]
pub struct MemberReport {
    pub member: ManifestCity,
    pub outcome: MemberOutcome,
}

/// Puts every member's domain on the allowlist, follows each member and queues the import of its
/// history. One unreachable member does not stop the others; the report says what happened to
/// each, in the manifest's order.
pub async fn join(data: &AppData, manifest: &NetworkManifest) -> Result<Vec<MemberReport>, ServiceError> {
    let network = manifest.network.as_ref().map(|n| n.name.as_str());
    for member in &manifest.cities {
        let domain = member.domain().map_err(ServiceError::BadInput)?;
        if is_self(data, &domain) {
            continue;
        }
        let note = match network {
            Some(network) => format!("{} ({network})", member.name),
            None => member.name.clone(),
        };
        add_domains(&data.policy, vec![domain], DomainList::Allow, Some(note)).await?;
    }
    let mut reports = Vec::with_capacity(manifest.cities.len());
    for member in &manifest.cities {
        let outcome = join_one(data, member).await;
        reports.push(MemberReport {
            member: member.clone(),
            outcome,
        });
    }
    Ok(reports)
}

async fn join_one(data: &AppData, member: &ManifestCity) -> MemberOutcome {
    match member.domain() {
        Ok(domain) if is_self(data, &domain) => return MemberOutcome::Itself,
        Ok(_) => {}
        Err(e) => return MemberOutcome::Failed(ServiceError::BadInput(e)),
    }
    let outcome = async {
        let peer = PeerRef::parse(&member.address)?;
        let city = peer.resolve(data).await?;
        if city.ap_id == data.city.ap_id {
            return Ok(None);
        }
        // Members discovered by `seed` are named by their URL until their actor is read.
        if member.name == member.address
            && let Some(domain) = PeerDomain::of_url(&city.ap_id)
        {
            add_domains(
                &data.policy,
                vec![domain],
                DomainList::Allow,
                Some(city.name.clone()),
            )
            .await?;
        }
        let state = follows::state_of(data, &city.ap_id).await?;
        let newly_followed = match state {
            Some(FollowState::Accepted | FollowState::Pending) => false,
            _ => {
                follows::follow(data, city.ap_id.as_str()).await?;
                true
            }
        };
        backfills::start(data, city.ap_id.as_str()).await?;
        Ok(Some((city, newly_followed)))
    }
    .await;
    match outcome {
        Ok(Some((city, newly_followed))) => MemberOutcome::Joined {
            city: Box::new(city),
            newly_followed,
        },
        Ok(None) => MemberOutcome::Itself,
        Err(e) => MemberOutcome::Failed(e),
    }
}

fn is_self(data: &AppData, domain: &PeerDomain) -> bool {
    PeerDomain::of_url(&data.city.ap_id).is_some_and(|own| domain.covers(&own) && own.covers(domain))
}

/// Where the import of each given city stands.
pub async fn imports(data: &AppData, cities: Vec<Url>) -> Result<Vec<(Url, Option<Backfill>)>, ServiceError> {
    data.db
        .read(move |conn| -> Result<_, ServiceError> {
            let mut out = Vec::with_capacity(cities.len());
            for ap_id in cities {
                let job = match storage::cities::find_by_ap_id(conn, &ap_id)? {
                    Some((id, _)) => storage::backfills::for_city(conn, id)?,
                    None => None,
                };
                out.push((ap_id, job));
            }
            Ok(out)
        })
        .await
}

/// The manifest of this city's network: the city itself, then every city it follows or asked
/// to follow, oldest first.
pub async fn export(data: &AppData, network: Option<NetworkInfo>) -> Result<NetworkManifest, ServiceError> {
    let local = data.city_id;
    let followed = data
        .db
        .read(move |conn| storage::follows::followed_by(conn, local))
        .await?;
    let mut cities = vec![ManifestCity {
        address: data.city.address(),
        name: data.city.name.clone(),
        note: Some("this city".into()),
    }];
    cities.extend(
        followed
            .into_iter()
            .filter(|(_, state)| matches!(state, FollowState::Accepted | FollowState::Pending))
            .map(|(city, _)| ManifestCity {
                address: city.address(),
                name: city.name,
                note: None,
            }),
    );
    Ok(NetworkManifest { network, cities })
}

/// The network a peer belongs to: the peer and every city in its following collection. The peer's
/// domain is put on the allowlist first, since it must be reachable to be asked.
pub async fn discover(data: &AppData, peer: &str) -> Result<NetworkManifest, ServiceError> {
    let domain = PeerDomain::parse(peer).map_err(ServiceError::BadInput)?;
    add_domains(
        &data.policy,
        vec![domain],
        DomainList::Allow,
        Some(format!("seeded from {peer}")),
    )
    .await?;
    let city = PeerRef::parse(peer)?.resolve(data).await?;
    let mut cities = vec![ManifestCity {
        address: city.address(),
        name: city.name.clone(),
        note: Some(format!("seeded from {}", city.address())),
    }];
    let Some(following) = &city.following else {
        return Ok(NetworkManifest {
            network: None,
            cities,
        });
    };
    crate::federation::verify::same_origin("following collection", following, &city.ap_id)?;
    for actor in following_ids(data, following).await? {
        if actor == city.ap_id {
            continue;
        }
        // The actor is fetched when the manifest is joined; an address reads better, but costs
        // a fetch per member here for nothing.
        cities.push(ManifestCity {
            address: actor.to_string(),
            name: actor.to_string(),
            note: Some(format!("followed by {}", city.address())),
        });
    }
    Ok(NetworkManifest {
        network: None,
        cities,
    })
}

/// The actor ids of a following collection, embedded or paged (at most 20 pages).
async fn following_ids(data: &AppData, url: &Url) -> Result<Vec<Url>, ServiceError> {
    let collection: OrderedCollection<Url> = fetch_object_http(url, &data.reset_request_count())
        .await
        .map_err(crate::federation::FederationError::from)?
        .object;
    let mut ids = collection.ordered_items;
    let mut next = collection.first;
    let mut pages = 0;
    while let Some(page_url) = next.take() {
        pages += 1;
        if pages > 20 {
            break;
        }
        crate::federation::verify::same_origin("following page", &page_url, url)?;
        let page: OrderedCollectionPage<Url> = fetch_object_http(&page_url, &data.reset_request_count())
            .await
            .map_err(crate::federation::FederationError::from)?
            .object;
        ids.extend(page.ordered_items);
        next = page.next;
    }
    ids.dedup();
    Ok(ids)
}

/// The cities a join reached, for following their imports.
pub fn joined(reports: &[MemberReport]) -> Vec<&City> {
    reports
        .iter()
        .filter_map(|r| match &r.outcome {
            MemberOutcome::Joined { city, .. } => Some(city.as_ref()),
            _ => None,
        })
        .collect()
}
