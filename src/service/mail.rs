//! Sending mail through the configured SMTP server (lettre; TLS with rustls). Messages wait in
//! `outgoing_mail` until the server took them, so a server that is down loses nothing: each
//! failure is retried later, less and less often. Nothing is sent when no server is configured.

use std::time::Duration;

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};

use crate::{app::AppContext, config::MailSettings, domain::item::now, storage::mail};

/// Messages sent per round.
const BATCH: i64 = 50;
/// The longest wait before a failed message is tried again.
const MAX_RETRY_GAP: Duration = Duration::from_secs(6 * 3600);

/// The SMTP connection of an instance, when mail is configured.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// The mailer the settings describe, or `None` when no SMTP server is configured.
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Option<Mailer>> {
        if !settings.enabled() {
            return Ok(None);
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(settings.smtp_url.expose().trim())
            .map_err(|e| anyhow::anyhow!("mail.smtp_url: {e}"))?
            .timeout(Some(Duration::from_secs(settings.timeout_secs)))
            .build();
        let from = settings
            .from
            .trim()
            .parse()
            .map_err(|e| anyhow::anyhow!("mail.from: {e}"))?;
        Ok(Some(Mailer { transport, from }))
    }

    async fn send(&self, to: &str, subject: &str, body: &str) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse()?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// Sends the messages that are due; returns how many went.
pub async fn send_due(data: &AppContext, mailer: &Mailer) -> anyhow::Result<usize> {
    let due = data.db.read(|conn| mail::due_mail(conn, BATCH)).await?;
    let mut sent = 0;
    for message in due {
        let id = message.id;
        match mailer
            .send(&message.recipient, &message.subject, &message.body)
            .await
        {
            Ok(()) => {
                data.db.write(move |conn| mail::mark_sent(conn, id)).await?;
                sent += 1;
            }
            Err(e) => {
                // 1, 2, 4 ... minutes (by default), at most a few hours apart.
                let first = data.settings.mail.retry_secs.max(1);
                let gap = Duration::from_secs(first.saturating_mul(1 << message.attempts.clamp(0, 12)))
                    .min(MAX_RETRY_GAP);
                let retry_at = now() + chrono::Duration::from_std(gap).unwrap_or(chrono::Duration::hours(6));
                let error = e.to_string();
                tracing::warn!(to = %message.recipient, error = %error, "mail not sent; it will be tried again");
                data.db
                    .write(move |conn| mail::mark_failed(conn, id, &error, retry_at))
                    .await?;
            }
        }
    }
    Ok(sent)
}
