//! Mail and subscriptions: where a person gets mail, whether questions and answers reach them,
//! and the searches (a theme, a city, a community, any search) they get a digest of.

use activitypub_federation::config::Data;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    app::AppContext,
    domain::{
        item::draft::is_email_address,
        mail::{Frequency, MailAddress},
        user::Role,
    },
    http::HttpError,
    storage::mail,
    web::{Frame, i18n::Tr, render_with, see_other, session::Viewer, with_done},
};

/// Most subscriptions one person keeps.
const MOST_SUBSCRIPTIONS: usize = 50;
/// Longest saved search and label.
const MAX_QUERY: usize = 2_000;

struct SubscriptionRow {
    id: i64,
    label: String,
    href: String,
    frequency: String,
}

#[derive(Template)]
#[template(path = "subscriptions.html")]
struct SubscriptionsPage {
    frame: Frame,
    /// Whether this instance sends mail at all.
    enabled: bool,
    email: String,
    notify_questions: bool,
    error: Option<String>,
    rows: Vec<SubscriptionRow>,
}

/// `GET /subscriptions`
pub async fn show(
    req: HttpRequest,
    viewer: Viewer,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    page(&req, &viewer, &data, None, None).await
}

async fn page(
    req: &HttpRequest,
    viewer: &Viewer,
    data: &Data<AppContext>,
    typed: Option<(String, bool)>,
    error: Option<String>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.id;
    let tr = &viewer.tr;
    let (address, subscriptions) = data
        .db
        .read(move |conn| {
            Ok::<_, crate::storage::StorageError>((
                mail::address(conn, user)?,
                mail::subscriptions_of(conn, user)?,
            ))
        })
        .await?;
    let (email, notify_questions) =
        typed.unwrap_or_else(|| address.map(|a| (a.email, a.notify_questions)).unwrap_or_default());
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = SubscriptionsPage {
        frame: Frame::new(
            viewer,
            req,
            &data.city,
            "subscriptions",
            tr.t("subscriptions-heading"),
        ),
        enabled: data.settings.mail.enabled(),
        email,
        notify_questions,
        error,
        rows: subscriptions
            .into_iter()
            .map(|s| SubscriptionRow {
                id: s.id,
                href: format!("/?{}", s.query),
                label: s.label,
                frequency: frequency_label(tr, s.frequency),
            })
            .collect(),
    };
    render_with(viewer, status, &body)
}

fn frequency_label(tr: &Tr, frequency: Frequency) -> String {
    tr.t(&format!("subscriptions-{}", frequency.code()))
}

#[derive(Deserialize)]
pub struct AddressForm {
    csrf: String,
    email: String,
    notify_questions: Option<String>,
}

/// `POST /subscriptions/address`: sets (or, empty, forgets) where the person gets mail.
pub async fn set_address(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<AddressForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.id;
    viewer.check_csrf(&form.csrf)?;
    let email = form.email.trim().to_string();
    let notify = form.notify_questions.is_some();
    if !email.is_empty() && !is_email_address(&email) {
        let message = viewer.tr.t1("problem-not-an-email", "value", &email);
        return page(&req, &viewer, &data, Some((email, notify)), Some(message)).await;
    }
    let address = (!email.is_empty()).then_some(MailAddress {
        user_id: user,
        email,
        notify_questions: notify,
    });
    data.db
        .write(move |conn| mail::set_address(conn, address.as_ref(), user))
        .await?;
    Ok(see_other(&with_done("/subscriptions", "mail-saved")))
}

#[derive(Deserialize)]
pub struct SubscribeForm {
    csrf: String,
    /// The search, as the feed's query string.
    query: String,
    label: String,
    frequency: String,
}

/// `POST /subscriptions`: saves a search for digests.
pub async fn subscribe(
    req: HttpRequest,
    viewer: Viewer,
    form: web::Form<SubscribeForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.id;
    viewer.check_csrf(&form.csrf)?;
    let tr = &viewer.tr;
    if !data.settings.mail.enabled() {
        return Err(HttpError::not_found(tr.t("subscriptions-mail-off")).in_readers_language());
    }
    let frequency = Frequency::from_code(&form.frequency)
        .ok_or_else(|| HttpError::bad_request(tr.t("subscriptions-bad-frequency")).in_readers_language())?;
    let query = form.query.trim_start_matches('?').to_string();
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    if query.len() > MAX_QUERY || crate::api::search::parse_search(&pairs, None).is_err() {
        return Err(HttpError::bad_request(tr.t("subscriptions-bad-search")).in_readers_language());
    }
    let label: String = form.label.trim().chars().take(200).collect();
    let label = if label.is_empty() {
        tr.t("feed-heading")
    } else {
        label
    };
    let (address, count) = data
        .db
        .read(move |conn| {
            Ok::<_, crate::storage::StorageError>((
                mail::address(conn, user)?,
                mail::subscriptions_of(conn, user)?.len(),
            ))
        })
        .await?;
    if address.is_none() {
        let message = tr.t("subscriptions-address-first");
        return page(&req, &viewer, &data, None, Some(message)).await;
    }
    if count >= MOST_SUBSCRIPTIONS {
        let message = tr.t1("subscriptions-too-many", "max", &MOST_SUBSCRIPTIONS.to_string());
        return page(&req, &viewer, &data, None, Some(message)).await;
    }
    data.db
        .write(move |conn| mail::subscribe(conn, user, &query, &label, frequency))
        .await?;
    Ok(see_other(&with_done("/subscriptions", "subscribed")))
}

#[derive(Deserialize)]
pub struct UnsubscribeForm {
    csrf: String,
    id: i64,
}

/// `POST /subscriptions/remove`: ends one of the person's subscriptions.
pub async fn unsubscribe(
    viewer: Viewer,
    form: web::Form<UnsubscribeForm>,
    data: Data<AppContext>,
) -> Result<HttpResponse, HttpError> {
    let user = viewer.require(Role::Reader)?.id;
    viewer.check_csrf(&form.csrf)?;
    let id = form.id;
    let gone = data
        .db
        .write(move |conn| mail::unsubscribe(conn, user, id))
        .await?;
    if !gone {
        return Err(HttpError::not_found(viewer.tr.t("subscriptions-not-found")).in_readers_language());
    }
    Ok(see_other(&with_done("/subscriptions", "unsubscribed")))
}
