//! Communities of practice: creating one hosted here, joining and leaving those hosted
//! elsewhere, and moderating this instance's own (answering requests, removing members and
//! items, appointing moderators). Each change and the activities it causes are written in one
//! transaction.

use activitypub_federation::{http_signatures::generate_actor_keypair, kinds::activity::FollowType};
use url::Url;

use super::{ServiceError, follows as city_follows, peers::PeerRef};
use crate::{
    app::AppData,
    domain::{
        city::{ActorKind, City},
        community::{Community, CommunityDraft},
        item::now,
        user::{Role, User},
        validation::{Problem, ValidationErrors},
    },
    federation::{
        activities::{AcceptFollow, Follow, RejectFollow, RemoveItem, remove_item},
        delivery, urls,
    },
    storage::{
        DbConn, StorageError,
        cities::{self, CityId},
        communities::{self, Moderator},
        follows::{self, FollowState},
        items, users,
    },
};

/// A community as this city sees it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub community: Community,
    /// How this city stands: `None` when it never asked to join. The hosting city is always
    /// a member of its own communities.
    pub standing: Option<FollowState>,
    /// Members, counted for a community hosted here.
    pub members: Option<usize>,
}

/// A local community with its members, requests and moderators, for its moderators.
#[derive(Debug, Clone)]
pub struct Roster {
    pub listed: Listed,
    /// Every city that asked, with how it stands (accepted, pending or removed).
    pub cities: Vec<(City, FollowState)>,
    pub moderators: Vec<Moderator>,
}

/// Creates a community hosted by this city, with its own key pair; `creator` moderates it.
pub async fn create(
    data: &AppData,
    draft: CommunityDraft,
    creator: &User,
) -> Result<Community, ServiceError> {
    let facts = draft.validate(&data.city.languages)?;
    let pair = tokio::task::spawn_blocking(generate_actor_keypair)
        .await
        .map_err(|e| ServiceError::BadInput(format!("could not make the community's keys: {e}")))?
        .map_err(|e| ServiceError::BadInput(format!("could not make the community's keys: {e}")))?;
    let settings = &data.settings;
    let handle = facts.handle.clone();
    let part = |name: &str| urls::community_part(settings, &handle, name);
    let ap_id = urls::community(settings, &handle);
    let actor = City {
        ap_id: ap_id.clone(),
        handle: handle.clone(),
        name: facts.names.get(&facts.main_language).cloned().unwrap_or_default(),
        names: facts.names.clone(),
        summary: facts
            .summaries
            .get(&facts.main_language)
            .cloned()
            .unwrap_or_default(),
        languages: data.city.languages.clone(),
        country: data.city.country.clone(),
        inbox: part("inbox"),
        shared_inbox: Some(settings.url_for(urls::paths::SHARED_INBOX)),
        outbox: Some(part("outbox")),
        followers: Some(part("members")),
        following: None,
        location: None,
        profile_url: Some(ap_id.clone()),
        public_key_pem: pair.public_key,
        private_key_pem: Some(pair.private_key.into()),
        public_key_id: Url::parse(&format!("{ap_id}#main-key")).ok(),
        ed25519_key: None,
        is_local: true,
        kind: ActorKind::Community,
        last_refreshed_at: now(),
        joined: None,
    };
    let community = Community {
        actor,
        summaries: facts.summaries,
        themes: facts.themes,
        icon: facts.icon,
        membership: facts.membership,
        moderators: Some(part("moderators")),
    };
    let (stored, creator_id, city_handle) = (community.clone(), creator.id, data.city.handle.clone());
    data.db
        .write(move |conn| -> Result<(), ServiceError> {
            let taken = stored.actor.handle == city_handle
                || communities::find_local(conn, &stored.actor.handle)?.is_some();
            if taken {
                let mut errors = ValidationErrors::default();
                errors
                    .add(
                        "handle",
                        Problem::HandleTaken,
                        format!("`{}` is taken here; choose another handle", stored.actor.handle),
                    )
                    .with("value", &stored.actor.handle);
                return Err(errors.into());
            }
            let id = communities::create(conn, &stored)?;
            communities::add_moderator(conn, id, creator_id)?;
            Ok(())
        })
        .await?;
    data.known_cities.put(&community.actor);
    tracing::info!(community = %community.actor.ap_id, "created a community");
    Ok(community)
}

/// Every community this city knows: its own first, then those it joined or looked up.
pub async fn list(data: &AppData) -> Result<Vec<Listed>, ServiceError> {
    let ctx = data.app_data().clone();
    Ok(data
        .db
        .read(move |conn| -> Result<Vec<Listed>, StorageError> {
            communities::all(conn)?
                .into_iter()
                .map(|(id, community)| listed(conn, &ctx, id, community))
                .collect()
        })
        .await?)
}

/// One community by its actor id.
pub async fn get(data: &AppData, community: &Url) -> Result<Listed, ServiceError> {
    let (ctx, lookup) = (data.app_data().clone(), community.clone());
    data.db
        .read(move |conn| -> Result<Option<Listed>, StorageError> {
            communities::find_by_ap_id(conn, &lookup)?
                .map(|(id, found)| listed(conn, &ctx, id, found))
                .transpose()
        })
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("{community} is not a community this city knows")))
}

fn listed(
    conn: &mut DbConn<'_>,
    ctx: &crate::app::AppContext,
    id: CityId,
    community: Community,
) -> Result<Listed, StorageError> {
    let (standing, members) = if community.actor.is_local {
        // The hosting city and every accepted city, counted without loading them.
        let accepted = follows::count(conn, id, follows::Side::Followers, FollowState::Accepted)?;
        (Some(FollowState::Accepted), Some(accepted as usize + 1))
    } else {
        (follows::find(conn, ctx.city_id, id)?.map(|f| f.state), None)
    };
    Ok(Listed {
        community,
        standing,
        members,
    })
}

/// The members, requests and moderators of a community hosted here.
pub async fn roster(data: &AppData, handle: &str) -> Result<Roster, ServiceError> {
    let (ctx, lookup) = (data.app_data().clone(), handle.to_string());
    data.db
        .read(move |conn| -> Result<Option<Roster>, StorageError> {
            let Some((id, community)) = communities::find_local(conn, &lookup)? else {
                return Ok(None);
            };
            Ok(Some(Roster {
                cities: follows::followers_of(conn, id)?,
                moderators: communities::moderators(conn, id)?,
                listed: listed(conn, &ctx, id, community)?,
            }))
        })
        .await?
        .ok_or_else(|| not_here(handle))
}

fn not_here(handle: &str) -> ServiceError {
    ServiceError::NotFound(format!("there is no community `{handle}` here"))
}

/// Asks to join a community hosted elsewhere (`handle@domain` or its actor URL): a `Follow` of
/// its `Group`. A member once the community accepts; its history is imported then.
pub async fn join(data: &AppData, target: &str) -> Result<city_follows::FollowChange, ServiceError> {
    let group = PeerRef::parse(target)?.resolve(data).await?;
    if !group.is_community() {
        let mut errors = ValidationErrors::default();
        errors
            .add(
                "community",
                Problem::NotACommunity,
                format!(
                    "{} is a city, not a community; follow it instead",
                    group.address()
                ),
            )
            .with("value", target);
        return Err(errors.into());
    }
    if group.is_local {
        return Err(ServiceError::BadInput(format!(
            "{} is hosted here; this city is a member of it already",
            group.address()
        )));
    }
    city_follows::follow(data, group.ap_id.as_str()).await
}

/// Leaves a community hosted elsewhere (an `Undo` of the `Follow`).
pub async fn leave(data: &AppData, target: &str) -> Result<city_follows::FollowChange, ServiceError> {
    city_follows::unfollow(data, target).await
}

/// What a moderator does to a city's membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberAction {
    /// Accepts a request that waits for approval.
    Approve,
    /// Turns a waiting request down; the city may ask again.
    Refuse,
    /// Removes a member (or a city asking): it is told by a `Reject`, its requests are refused
    /// and its posts are no longer relayed, until it is readmitted.
    Remove,
    /// Lifts a removal: the city may ask to join again.
    Readmit,
}

/// A moderator's change of `city`'s membership of the local community `handle`.
pub async fn moderate_member(
    data: &AppData,
    moderator: &User,
    handle: &str,
    city: &str,
    action: MemberAction,
) -> Result<City, ServiceError> {
    let peer = PeerRef::parse(city)?;
    let (ctx, community_handle, moderator) = (data.clone(), handle.to_string(), moderator.clone());
    let member = data
        .db
        .write(move |conn| -> Result<City, ServiceError> {
            let handle = community_handle;
            let (community_id, community) = moderated(conn, &handle, &moderator)?;
            let not_asked = || ServiceError::NotFound(format!("{peer} has not asked to join {handle}"));
            let (city_id, city) = peer.find_known(conn)?.ok_or_else(not_asked)?;
            let request = follows::find(conn, city_id, community_id)?.ok_or_else(not_asked)?;
            let original = Follow {
                actor: city.ap_id.clone().into(),
                object: community.actor.ap_id.clone().into(),
                kind: FollowType::Follow,
                id: request.activity_ap_id.clone(),
            };
            let inbox: Vec<_> = city.own_inbox().cloned().into_iter().collect();
            let group = &community.actor.ap_id;
            match (action, request.state) {
                (MemberAction::Approve, FollowState::Pending) => {
                    follows::accept(conn, city_id, community_id)?;
                    delivery::enqueue(conn, &ctx, &AcceptFollow::by(&ctx, group, original), &inbox)?;
                }
                (MemberAction::Refuse, FollowState::Pending) => {
                    follows::delete(conn, city_id, community_id)?;
                    delivery::enqueue(conn, &ctx, &RejectFollow::by(&ctx, group, original), &inbox)?;
                }
                (MemberAction::Remove, FollowState::Pending | FollowState::Accepted) => {
                    follows::set_state(conn, city_id, community_id, FollowState::Removed)?;
                    delivery::enqueue(conn, &ctx, &RejectFollow::by(&ctx, group, original), &inbox)?;
                }
                (MemberAction::Readmit, FollowState::Removed) => {
                    follows::delete(conn, city_id, community_id)?;
                }
                (_, state) => {
                    return Err(ServiceError::BadInput(format!(
                        "{} is {} in {handle}; that cannot be done now",
                        city.address(),
                        match state {
                            FollowState::Pending => "waiting for approval",
                            FollowState::Accepted => "a member",
                            FollowState::Removed => "removed",
                        }
                    )));
                }
            }
            Ok(city)
        })
        .await?;
    delivery::wake(data);
    tracing::info!(community = handle, city = %member.ap_id, ?action, "a moderator changed a membership");
    Ok(member)
}

/// A moderator takes `item` out of the local community `handle`: no longer listed or relayed
/// as the community's, and every member is told (a `Remove`).
pub async fn remove_item(
    data: &AppData,
    moderator: &User,
    handle: &str,
    item: &Url,
) -> Result<usize, ServiceError> {
    let (ctx, handle, moderator, item) = (data.clone(), handle.to_string(), moderator.clone(), item.clone());
    let queued = data
        .db
        .write(move |conn| -> Result<usize, ServiceError> {
            let (community_id, community) = moderated(conn, &handle, &moderator)?;
            let posted = items::find_by_ap_id(conn, &item)?
                .is_some_and(|s| s.item.content.community.as_ref() == Some(&community.actor.ap_id));
            if !posted {
                return Err(ServiceError::NotFound(format!(
                    "{item} was not posted to {handle}"
                )));
            }
            if !remove_item::apply(conn, ctx.city_id, community_id, &item)? {
                return Ok(0);
            }
            let inboxes = follows::follower_inboxes(conn, community_id)?;
            Ok(delivery::enqueue(
                conn,
                &ctx,
                &RemoveItem::new(&ctx, &community.actor, &item),
                &inboxes,
            )?)
        })
        .await?;
    delivery::wake(data);
    Ok(queued)
}

/// A moderator (or an admin) makes the user `username`, an editor or admin of this city, a
/// moderator of `handle` too; or ends their moderation.
pub async fn set_moderator(
    data: &AppData,
    by: &User,
    handle: &str,
    username: &str,
    moderates: bool,
) -> Result<(), ServiceError> {
    let (handle, by, username) = (handle.to_string(), by.clone(), username.to_string());
    data.db
        .write(move |conn| -> Result<(), ServiceError> {
            let (community_id, _) = moderated(conn, &handle, &by)?;
            let user = users::find_by_username(conn, &username)?
                .ok_or_else(|| ServiceError::NotFound(format!("there is no user `{username}` here")))?;
            if moderates {
                if user.role == Role::Reader {
                    return Err(ServiceError::BadInput(format!(
                        "{username} is a reader; only editors and admins moderate"
                    )));
                }
                communities::add_moderator(conn, community_id, user.id)?;
            } else {
                if communities::moderators(conn, community_id)?.len() <= 1
                    && communities::is_moderator(conn, community_id, user.id)?
                {
                    return Err(ServiceError::BadInput(format!(
                        "{username} is the last moderator of {handle}; appoint another first"
                    )));
                }
                communities::remove_moderator(conn, community_id, user.id)?;
            }
            Ok(())
        })
        .await
}

/// The local community `handle`, if `user` may moderate it (its moderators and the admins).
fn moderated(conn: &mut DbConn<'_>, handle: &str, user: &User) -> Result<(CityId, Community), ServiceError> {
    let (id, community) = communities::find_local(conn, handle)?.ok_or_else(|| not_here(handle))?;
    if user.role == Role::Admin || communities::is_moderator(conn, id, user.id)? {
        Ok((id, community))
    } else {
        Err(ServiceError::Forbidden(format!(
            "{} does not moderate {handle}",
            user.username
        )))
    }
}

/// Whether `user` moderates the local community with actor id `community`.
pub async fn moderates(data: &AppData, user: &User, community: &Url) -> Result<bool, ServiceError> {
    if user.role == Role::Admin {
        return Ok(true);
    }
    let (lookup, user_id) = (community.clone(), user.id);
    Ok(data
        .db
        .read(move |conn| -> Result<bool, StorageError> {
            match cities::find_by_ap_id(conn, &lookup)? {
                Some((id, found)) if found.is_local => communities::is_moderator(conn, id, user_id),
                _ => Ok(false),
            }
        })
        .await?)
}
