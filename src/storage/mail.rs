//! Mail: where each person gets it (`mail_addresses`), the searches they get digests of
//! (`subscriptions`), replies to tell them of (`reply_notifications`), and every message until the
//! SMTP server took it (`outgoing_mail`).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::{ExpressionMethods, JoinOnDsl, OptionalExtension, QueryDsl, RunQueryDsl};

use super::{
    DbConn, StorageError, dispatch, from_db_time,
    schema::{mail_addresses, outgoing_mail, reply_notifications, subscriptions, users},
    to_db_time,
};
use crate::domain::{
    item::now,
    mail::{Frequency, MailAddress, Notice, NoticeKind, OutgoingMail, Subscription},
};

/// The person's address and choices, if they gave one.
pub fn address(conn: &mut DbConn<'_>, user: i64) -> Result<Option<MailAddress>, StorageError> {
    let row = dispatch!(conn, c => mail_addresses::table
        .find(user)
        .select((mail_addresses::email, mail_addresses::notify_questions))
        .first::<(String, bool)>(c)
        .optional())?;
    Ok(row.map(|(email, notify_questions)| MailAddress {
        user_id: user,
        email,
        notify_questions,
    }))
}

/// Sets the person's address and choices, or forgets them (no address).
pub fn set_address(
    conn: &mut DbConn<'_>,
    address: Option<&MailAddress>,
    user: i64,
) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::delete(mail_addresses::table.find(user)).execute(c))?;
    if let Some(address) = address {
        dispatch!(conn, c => diesel::insert_into(mail_addresses::table)
            .values((
                mail_addresses::user_id.eq(user),
                mail_addresses::email.eq(&address.email),
                mail_addresses::notify_questions.eq(address.notify_questions),
                mail_addresses::updated_at.eq(to_db_time(now())),
            ))
            .execute(c))?;
    }
    Ok(())
}

/// The addresses of active people who asked to be told of questions and answers.
pub fn question_recipients(
    conn: &mut DbConn<'_>,
) -> Result<Vec<(MailAddress, Option<String>)>, StorageError> {
    let rows: Vec<(i64, String, Option<String>)> = dispatch!(conn, c => mail_addresses::table
        .inner_join(users::table)
        .filter(mail_addresses::notify_questions.eq(true))
        .filter(users::deactivated_at.is_null())
        .select((mail_addresses::user_id, mail_addresses::email, users::locale))
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(|(user_id, email, locale)| {
            (
                MailAddress {
                    user_id,
                    email,
                    notify_questions: true,
                },
                locale,
            )
        })
        .collect())
}

/// Saves a search for digests; nothing new before now goes into them.
pub fn subscribe(
    conn: &mut DbConn<'_>,
    user: i64,
    query: &str,
    label: &str,
    frequency: Frequency,
) -> Result<i64, StorageError> {
    let at = now();
    Ok(dispatch!(conn, c => diesel::insert_into(subscriptions::table)
        .values((
            subscriptions::user_id.eq(user),
            subscriptions::query.eq(query),
            subscriptions::label.eq(label),
            subscriptions::frequency.eq(frequency.code()),
            subscriptions::created_at.eq(to_db_time(at)),
            subscriptions::checked_at.eq(to_db_time(at)),
            subscriptions::next_digest_at.eq(to_db_time(at + frequency.period())),
        ))
        .returning(subscriptions::id)
        .get_result::<i64>(c))?)
}

/// The person's subscriptions, oldest first.
pub fn subscriptions_of(conn: &mut DbConn<'_>, user: i64) -> Result<Vec<Subscription>, StorageError> {
    let rows = dispatch!(conn, c => subscriptions::table
        .filter(subscriptions::user_id.eq(user))
        .order(subscriptions::id.asc())
        .select(SUBSCRIPTION)
        .load::<SubscriptionRow>(c))?;
    rows.into_iter().map(subscription).collect()
}

/// Ends one of the person's subscriptions; false when they have no such subscription.
pub fn unsubscribe(conn: &mut DbConn<'_>, user: i64, id: i64) -> Result<bool, StorageError> {
    let gone = dispatch!(conn, c => diesel::delete(
        subscriptions::table
            .filter(subscriptions::id.eq(id))
            .filter(subscriptions::user_id.eq(user)),
    )
    .execute(c))?;
    Ok(gone > 0)
}

/// Subscriptions whose digest is due at `at`, of active people with an address, with that
/// address and their interface language.
pub fn due_subscriptions(
    conn: &mut DbConn<'_>,
    at: DateTime<Utc>,
) -> Result<Vec<(Subscription, String, Option<String>)>, StorageError> {
    let rows: Vec<(SubscriptionRow, String, Option<String>)> = dispatch!(conn, c => subscriptions::table
        .inner_join(users::table)
        .inner_join(mail_addresses::table.on(mail_addresses::user_id.eq(subscriptions::user_id)))
        .filter(users::deactivated_at.is_null())
        .filter(subscriptions::next_digest_at.le(to_db_time(at)))
        .order(subscriptions::id.asc())
        .select((SUBSCRIPTION, mail_addresses::email, users::locale))
        .load(c))?;
    rows.into_iter()
        .map(|(row, email, locale)| Ok((subscription(row)?, email, locale)))
        .collect()
}

/// Records that the subscription's digest covered what arrived up to `at`; the next is due
/// one period later.
pub fn mark_checked(
    conn: &mut DbConn<'_>,
    subscription: &Subscription,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(subscriptions::table.find(subscription.id))
        .set((
            subscriptions::checked_at.eq(to_db_time(at)),
            subscriptions::next_digest_at.eq(to_db_time(at + subscription.frequency.period())),
        ))
        .execute(c))?;
    Ok(())
}

/// Moves the subscription's next digest to `at` (sooner or later), leaving what counts as new.
pub fn reschedule(conn: &mut DbConn<'_>, id: i64, at: DateTime<Utc>) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(subscriptions::table.find(id))
        .set(subscriptions::next_digest_at.eq(to_db_time(at)))
        .execute(c))?;
    Ok(())
}

/// Notes a reply to tell people of.
pub fn notify_reply(conn: &mut DbConn<'_>, reply: &url::Url, kind: NoticeKind) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::insert_into(reply_notifications::table)
        .values((
            reply_notifications::reply_ap_id.eq(reply.as_str()),
            reply_notifications::kind.eq(kind.code()),
            reply_notifications::created_at.eq(to_db_time(now())),
        ))
        .execute(c))?;
    Ok(())
}

/// Replies waiting to be told of, oldest first.
pub fn pending_notices(conn: &mut DbConn<'_>, limit: i64) -> Result<Vec<Notice>, StorageError> {
    let rows: Vec<(i64, String, String)> = dispatch!(conn, c => reply_notifications::table
        .order(reply_notifications::id.asc())
        .limit(limit)
        .select((reply_notifications::id, reply_notifications::reply_ap_id, reply_notifications::kind))
        .load(c))?;
    rows.into_iter()
        .map(|(id, reply, kind)| {
            Ok(Notice {
                id,
                reply: super::stored_url(&reply)?,
                kind: NoticeKind::from_code(&kind)
                    .ok_or_else(|| StorageError::Corrupt(format!("notice kind {kind}")))?,
            })
        })
        .collect()
}

pub fn notice_done(conn: &mut DbConn<'_>, id: i64) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::delete(reply_notifications::table.find(id)).execute(c))?;
    Ok(())
}

/// Keeps a message to send.
pub fn enqueue(
    conn: &mut DbConn<'_>,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<(), StorageError> {
    let at = to_db_time(now());
    dispatch!(conn, c => diesel::insert_into(outgoing_mail::table)
        .values((
            outgoing_mail::recipient.eq(recipient),
            outgoing_mail::subject.eq(subject),
            outgoing_mail::body.eq(body),
            outgoing_mail::created_at.eq(at),
            outgoing_mail::next_attempt_at.eq(at),
        ))
        .execute(c))?;
    Ok(())
}

/// Messages not yet sent whose next attempt is due, oldest first.
pub fn due_mail(conn: &mut DbConn<'_>, limit: i64) -> Result<Vec<OutgoingMail>, StorageError> {
    let rows: Vec<(i64, String, String, String, i32)> = dispatch!(conn, c => outgoing_mail::table
        .filter(outgoing_mail::sent_at.is_null())
        .filter(outgoing_mail::next_attempt_at.le(to_db_time(now())))
        .order(outgoing_mail::id.asc())
        .limit(limit)
        .select((
            outgoing_mail::id,
            outgoing_mail::recipient,
            outgoing_mail::subject,
            outgoing_mail::body,
            outgoing_mail::attempts,
        ))
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(|(id, recipient, subject, body, attempts)| OutgoingMail {
            id,
            recipient,
            subject,
            body,
            attempts,
        })
        .collect())
}

pub fn mark_sent(conn: &mut DbConn<'_>, id: i64) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(outgoing_mail::table.find(id))
        .set((
            outgoing_mail::sent_at.eq(Some(to_db_time(now()))),
            outgoing_mail::attempts.eq(outgoing_mail::attempts + 1),
            outgoing_mail::last_error.eq(None::<String>),
        ))
        .execute(c))?;
    Ok(())
}

/// Records a failed attempt; the next is tried at `retry_at`.
pub fn mark_failed(
    conn: &mut DbConn<'_>,
    id: i64,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), StorageError> {
    dispatch!(conn, c => diesel::update(outgoing_mail::table.find(id))
        .set((
            outgoing_mail::attempts.eq(outgoing_mail::attempts + 1),
            outgoing_mail::last_error.eq(Some(error)),
            outgoing_mail::next_attempt_at.eq(to_db_time(retry_at)),
        ))
        .execute(c))?;
    Ok(())
}

/// How many messages wait to be sent, and how many were.
pub fn counts(conn: &mut DbConn<'_>) -> Result<(i64, i64), StorageError> {
    let pending = dispatch!(conn, c => outgoing_mail::table
        .filter(outgoing_mail::sent_at.is_null())
        .count()
        .get_result::<i64>(c))?;
    let sent = dispatch!(conn, c => outgoing_mail::table
        .filter(outgoing_mail::sent_at.is_not_null())
        .count()
        .get_result::<i64>(c))?;
    Ok((pending, sent))
}

type SubscriptionRow = (
    i64,
    i64,
    String,
    String,
    String,
    NaiveDateTime,
    NaiveDateTime,
    NaiveDateTime,
);

const SUBSCRIPTION: (
    subscriptions::id,
    subscriptions::user_id,
    subscriptions::query,
    subscriptions::label,
    subscriptions::frequency,
    subscriptions::created_at,
    subscriptions::checked_at,
    subscriptions::next_digest_at,
) = (
    subscriptions::id,
    subscriptions::user_id,
    subscriptions::query,
    subscriptions::label,
    subscriptions::frequency,
    subscriptions::created_at,
    subscriptions::checked_at,
    subscriptions::next_digest_at,
);

fn subscription(
    (id, user_id, query, label, frequency, created, checked, next): SubscriptionRow,
) -> Result<Subscription, StorageError> {
    Ok(Subscription {
        id,
        user_id,
        query,
        label,
        frequency: Frequency::from_code(&frequency)
            .ok_or_else(|| StorageError::Corrupt(format!("subscription frequency {frequency}")))?,
        created_at: from_db_time(created),
        checked_at: from_db_time(checked),
        next_digest_at: from_db_time(next),
    })
}
