//! Audiences on the wire: how an item's audience becomes its addressing and back, and who may
//! fetch what is not public.
//!
//! - public: `to` the Public collection, `cc` the city's followers (as before audiences);
//! - partners: `to` the city's followers only (what Mastodon calls followers-only);
//! - named cities: `to` those cities' actors only (what Mastodon calls a direct message);
//! - a community's members: `to` the community's `Group` only, which relays it to its members
//!   (FEP-1b12); the object's `audience` names the Group.
//!
//! An item posted to a community names the Group as its `audience` and is addressed to it as
//! well, public or not.
//!
//! A receiver reads the audience back from the addressing alone, so it works for any sender:
//! Public anywhere means public; otherwise the object's `audience` among the addresses means that
//! community's members; otherwise an address on the origin's own server other than the origin
//! itself can only be one of its collections (its followers), which means partners; the remaining
//! addresses are the named cities.
//!
//! A non-public object is served only to a fetch signed by a city in its audience; everyone else
//! gets the `404` of an object that does not exist.

use actix_web::HttpRequest;
use url::Url;

use super::inbox::{signature, signature_of, signer};
use crate::{
    app::AppData,
    domain::{audience::Audience, city::City},
    federation::activities::item_rule::follows_accepted,
    storage::{DbConn, StorageError, cities},
};

/// The Public collection, in the forms senders write it.
const PUBLIC_FORMS: [&str; 3] = [
    "https://www.w3.org/ns/activitystreams#Public",
    "as:Public",
    "Public",
];

/// Whether `url` is the Public collection.
pub fn is_public(url: &Url) -> bool {
    PUBLIC_FORMS.contains(&url.as_str())
}

/// `to` and `cc` of an item (or an activity about it) for `audience`, posted to `community`
/// if any; `followers` is the publishing city's followers collection.
pub fn addressing(
    audience: &Audience,
    community: Option<&Url>,
    followers: Option<&Url>,
) -> (Vec<Url>, Vec<Url>) {
    let followers: Vec<Url> = followers.cloned().into_iter().collect();
    match audience {
        Audience::Public => {
            let mut to = vec![activitypub_federation::kinds::public()];
            to.extend(community.cloned());
            (to, followers)
        }
        Audience::Partners => (followers, Vec::new()),
        Audience::Cities(cities) => (cities.clone(), Vec::new()),
        Audience::Community(community) => (vec![community.clone()], Vec::new()),
    }
}

/// The audience an object addressed `to` and `cc` by `origin`, with `audience` as its
/// ActivityStreams `audience`, is meant for. An object with no addressing at all is public, as
/// every object was before audiences.
pub fn from_addressing(to: &[Url], cc: &[Url], origin: &Url, audience: Option<&Url>) -> Audience {
    let addresses: Vec<&Url> = to.iter().chain(cc).collect();
    if addresses.is_empty() || addresses.iter().any(|a| is_public(a)) {
        return Audience::Public;
    }
    if let Some(community) = audience.filter(|c| addresses.contains(c)) {
        return Audience::Community(community.clone());
    }
    if addresses
        .iter()
        .any(|a| a.origin() == origin.origin() && *a != origin)
    {
        return Audience::Partners;
    }
    Audience::named(addresses.into_iter().filter(|a| *a != origin).cloned().collect())
}

/// The city that signed this GET, proven by its own key; `None` when the request is not signed,
/// the signature fails, the policy refuses the city or its key cannot be had. Why it failed is
/// logged, never answered: the caller answers `404` as for anything that does not exist.
pub async fn signed_fetcher(req: &HttpRequest, data: &AppData) -> Option<City> {
    let signed = match signature_of(req, &[], data) {
        Ok(signed) => signed,
        Err(signature::SignatureError::Missing) => return None,
        Err(e) => {
            tracing::info!(path = req.path(), error = %e, "refused a signed fetch");
            return None;
        }
    };
    // Praxis and most servers name the key as a fragment of the actor (`…/city#main-key`).
    let mut actor = signed.key_id.clone();
    actor.set_fragment(None);
    match data.policy.check_fresh(&actor).await {
        Ok(Ok(())) => {}
        Ok(Err(refusal)) => {
            tracing::info!(%actor, %refusal, "refused a signed fetch");
            return None;
        }
        Err(e) => {
            tracing::warn!(error = %e, "the federation policy could not be read");
            return None;
        }
    }
    match signer::authenticate(data, &actor, &signed).await {
        Ok(city) => Some(city),
        Err(e) => {
            tracing::info!(%actor, error = %e, "refused a signed fetch");
            None
        }
    }
}

/// Whether `reader` (a peer city) is in the audience of one of this city's items, as far as
/// this instance's own records tell; `None` for a community hosted elsewhere, whose members only
/// its host knows (see [`crate::federation::membership`]).
pub fn may_read(
    conn: &mut DbConn<'_>,
    local: cities::CityId,
    audience: &Audience,
    reader: &Url,
) -> Result<Option<bool>, StorageError> {
    Ok(match audience {
        Audience::Public => Some(true),
        Audience::Cities(named) => Some(named.contains(reader)),
        Audience::Partners => Some(match cities::find_by_ap_id(conn, reader)? {
            Some((reader_id, _)) => follows_accepted(conn, reader_id, local)?,
            None => false,
        }),
        Audience::Community(community) => match cities::find_by_ap_id(conn, community)? {
            Some((community_id, group)) if group.is_local && group.is_community() => {
                Some(match cities::find_by_ap_id(conn, reader)? {
                    Some((reader_id, _)) => follows_accepted(conn, reader_id, community_id)?,
                    None => false,
                })
            }
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn every_audience_reads_back_from_its_addressing() {
        let origin = url("https://vidin.example/city");
        let followers = url("https://vidin.example/city/followers");
        let named = Audience::named(vec![
            url("https://tran.example/city"),
            url("https://bitola.example/city"),
        ]);
        let community = url("https://tran.example/communities/employment");
        for audience in [
            Audience::Public,
            Audience::Partners,
            named,
            Audience::Community(community.clone()),
        ] {
            let (to, cc) = addressing(&audience, Some(&community), Some(&followers));
            assert_eq!(from_addressing(&to, &cc, &origin, Some(&community)), audience);
            let (to, cc) = addressing(&audience, None, Some(&followers));
            assert_eq!(from_addressing(&to, &cc, &origin, audience.community()), audience);
        }
    }

    #[test]
    fn other_servers_followers_only_and_direct_posts_are_not_public() {
        let origin = url("https://social.example/users/office");
        let followers = url("https://social.example/users/office/followers");
        let other = url("https://tran.example/city");
        assert_eq!(
            from_addressing(
                std::slice::from_ref(&followers),
                std::slice::from_ref(&other),
                &origin,
                None
            ),
            Audience::Partners
        );
        assert_eq!(
            from_addressing(std::slice::from_ref(&other), &[], &origin, None),
            Audience::named(vec![other.clone()])
        );
        assert_eq!(
            from_addressing(&[url("as:Public")], &[followers], &origin, None),
            Audience::Public
        );
        assert_eq!(from_addressing(&[], &[], &origin, None), Audience::Public);
    }
}
