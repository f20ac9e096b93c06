//! Mail as the city's people read it: digests of their saved searches and notices of questions
//! and answers, each in the person's interface language, written into the mail queue that
//! `service::mail` sends from. The worker here does both, every `mail.poll_interval_secs`.

use std::time::Duration;

use activitypub_federation::config::{Data, FederationConfig};
use tokio::{sync::watch, task::JoinHandle};

use super::{i18n::Tr, pages::item_href};
use crate::{
    api::search::parse_search,
    app::AppContext,
    domain::{
        item::now,
        language::LanguageTag,
        mail::{Notice, NoticeKind, Subscription},
        sanitize::{plain_text, teaser},
    },
    search::Order,
    service::mail::{Mailer, send_due},
    storage::{StorageError, cities, items, mail, replies},
};

/// Most items one digest lists.
const DIGEST_ITEMS: u32 = 50;
/// Longest passage of a summary or a reply quoted in a message.
const QUOTE_CHARS: usize = 400;

/// Writes and sends the city's mail until stopped; nothing at all when no SMTP server is set.
pub struct MailWorker {
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl MailWorker {
    pub fn spawn(federation: FederationConfig<AppContext>) -> anyhow::Result<MailWorker> {
        let (stop, stopped) = watch::channel(false);
        let settings = federation.settings.mail.clone();
        let task = match Mailer::from_settings(&settings)? {
            Some(mailer) => Some(tokio::spawn(run(
                federation,
                mailer,
                Duration::from_secs(settings.poll_interval_secs),
                stopped,
            ))),
            None => None,
        };
        Ok(MailWorker { stop, task })
    }

    pub async fn shutdown(self, grace: Duration) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task
            && tokio::time::timeout(grace, task).await.is_err()
        {
            tracing::warn!("mail worker did not stop in time");
        }
    }
}

async fn run(
    federation: FederationConfig<AppContext>,
    mailer: Mailer,
    interval: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    let data = federation.to_request_data();
    loop {
        if *stopped.borrow() {
            return;
        }
        if let Err(e) = write_notices(&data).await {
            tracing::error!(error = %e, "could not write the notices of replies");
        }
        if let Err(e) = write_digests(&data).await {
            tracing::error!(error = %e, "could not write the digests");
        }
        if let Err(e) = send_due(&data, &mailer).await {
            tracing::error!(error = %e, "could not send mail");
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stopped.changed() => {}
        }
    }
}

/// The language a person reads mail in: their interface language, else the city's first.
fn tr_for(data: &AppContext, locale: Option<&str>) -> Tr {
    let fallback = data
        .city
        .languages
        .first()
        .map(LanguageTag::as_str)
        .unwrap_or("en");
    Tr::new(locale.unwrap_or(fallback))
}

/// A page of this instance, as an absolute address for a message.
fn absolute(data: &AppContext, path: &str) -> String {
    data.settings
        .instance
        .public_url
        .join(path)
        .map_or_else(|_| path.to_string(), |u| u.to_string())
}

/// Writes the digest of every subscription that is due, with what arrived since its last one.
pub async fn write_digests(data: &Data<AppContext>) -> anyhow::Result<()> {
    let checked = now();
    let due = data
        .db
        .read(move |conn| mail::due_subscriptions(conn, checked))
        .await?;
    for (subscription, email, locale) in due {
        let tr = tr_for(data, locale.as_deref());
        let digest = digest(data, &tr, &subscription).await?;
        data.db
            .write(move |conn| -> Result<(), StorageError> {
                if let Some((subject, body)) = &digest {
                    mail::enqueue(conn, &email, subject, body)?;
                }
                mail::mark_checked(conn, &subscription, checked)
            })
            .await?;
    }
    Ok(())
}

/// The subject and text of a subscription's digest, or `None` when nothing new arrived.
async fn digest(
    data: &Data<AppContext>,
    tr: &Tr,
    subscription: &Subscription,
) -> anyhow::Result<Option<(String, String)>> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(subscription.query.as_bytes())
        .into_owned()
        .filter(|(k, _)| !matches!(k.as_str(), "page" | "per_page" | "sort" | "ui"))
        .collect();
    let reads: Vec<LanguageTag> = LanguageTag::parse(tr.code()).into_iter().collect();
    let Ok(mut query) = parse_search(&pairs, reads.first().cloned()) else {
        // A search saved by an older version that this one no longer reads: nothing to send.
        tracing::warn!(subscription = subscription.id, "a saved search no longer reads");
        return Ok(None);
    };
    query.order = Order::Newest;
    query.per_page = DIGEST_ITEMS;
    query.facets = false;
    let engine = data.search.clone();
    let found = tokio::task::spawn_blocking(move || engine.search(&query)).await??;
    let ids: Vec<_> = found.hits.iter().map(|h| h.item_id).collect();
    let since = subscription.checked_at;
    let new = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let new = items::arrived_after(conn, &ids, since)?;
            let stored = items::get_many(conn, &new)?;
            let mut with_cities = Vec::new();
            for item in stored {
                let city = cities::get(conn, item.origin_city_id)?;
                with_cities.push((item, city));
            }
            Ok(with_cities)
        })
        .await?;
    if new.is_empty() {
        return Ok(None);
    }
    let subject = tr.t_with(
        "mail-digest-subject",
        &[
            ("label", subscription.label.clone().into()),
            ("count", (new.len() as i64).into()),
        ],
    );
    let mut body = tr.t_with(
        "mail-digest-intro",
        &[
            ("label", subscription.label.clone().into()),
            ("since", tr.date(since.date_naive()).into()),
        ],
    );
    body.push_str("\n\n");
    for (stored, city) in &new {
        let content = &stored.item.content;
        let title = content
            .title
            .best(&reads, &content.original_language)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default();
        body.push_str(&format!(
            "* {title}\n  {} · {}\n",
            city.name_for(&reads),
            tr.code_label("kind", content.kind.code())
        ));
        if let Some((_, summary)) = content.summary.best(&reads, &content.original_language) {
            body.push_str(&format!("  {}\n", teaser(&plain_text(summary), QUOTE_CHARS)));
        }
        body.push_str(&format!(
            "  {}\n\n",
            absolute(data, &item_href(&stored.item.ap_id, &data.settings))
        ));
    }
    body.push_str(&format!(
        "--\n{}\n{}\n",
        tr.t1("mail-digest-why", "city", data.city.name_for(&reads)),
        absolute(data, "/subscriptions")
    ));
    Ok(Some((subject, body)))
}

/// Writes a message to everyone who asked for them about each reply waiting to be told of.
pub async fn write_notices(data: &Data<AppContext>) -> anyhow::Result<()> {
    let pending = data.db.read(|conn| mail::pending_notices(conn, 50)).await?;
    if pending.is_empty() {
        return Ok(());
    }
    let recipients = data.db.read(mail::question_recipients).await?;
    for notice in pending {
        let messages = notice_messages(data, &notice, &recipients).await?;
        let id = notice.id;
        data.db
            .write(move |conn| -> Result<(), StorageError> {
                for (to, subject, body) in &messages {
                    mail::enqueue(conn, to, subject, body)?;
                }
                mail::notice_done(conn, id)
            })
            .await?;
    }
    Ok(())
}

async fn notice_messages(
    data: &Data<AppContext>,
    notice: &Notice,
    recipients: &[(crate::domain::mail::MailAddress, Option<String>)],
) -> anyhow::Result<Vec<(String, String, String)>> {
    let reply = notice.reply.clone();
    let found = data
        .db
        .read(move |conn| -> Result<_, StorageError> {
            let Some(stored) = replies::find_by_ap_id(conn, &reply)? else {
                return Ok(None);
            };
            let item = items::get_many(conn, &[stored.item_id])?.pop();
            let author = cities::get(conn, stored.author_city_id)?;
            Ok(item.map(|item| (stored, item, author)))
        })
        .await?;
    let Some((stored, item, author)) = found else {
        return Ok(Vec::new());
    };
    let mut messages = Vec::new();
    for (address, locale) in recipients {
        let tr = tr_for(data, locale.as_deref());
        let reads: Vec<LanguageTag> = LanguageTag::parse(tr.code()).into_iter().collect();
        let content = &item.item.content;
        let title = content
            .title
            .best(&reads, &content.original_language)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default();
        let city = match &stored.reply.signed_by {
            Some(person) => format!("{} ({person})", author.name_for(&reads)),
            None => author.name_for(&reads).to_string(),
        };
        let key = match notice.kind {
            NoticeKind::Question => "mail-question",
            NoticeKind::Answer => "mail-answer",
        };
        let args = [("title", title.clone().into()), ("city", city.clone().into())];
        let subject = tr.t_with(&format!("{key}-subject"), &args);
        let link = absolute(
            data,
            &format!("{}#replies", item_href(&item.item.ap_id, &data.settings)),
        );
        let body = format!(
            "{}\n\n{}\n\n{}\n\n--\n{}\n{}\n",
            tr.t_with(&format!("{key}-intro"), &args),
            teaser(&plain_text(&stored.reply.content), QUOTE_CHARS),
            link,
            tr.t("mail-notice-why"),
            absolute(data, "/subscriptions"),
        );
        messages.push((address.email.clone(), subject, body));
    }
    Ok(messages)
}
