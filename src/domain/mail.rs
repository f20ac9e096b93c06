//! Mail to the people of a city: digests of saved searches and notices of questions and answers.

use chrono::{DateTime, Duration, Utc};

/// Where a person gets mail, and whether questions and answers reach them there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAddress {
    pub user_id: i64,
    pub email: String,
    pub notify_questions: bool,
}

/// How often a digest comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly,
}

impl Frequency {
    pub const ALL: [Frequency; 2] = [Frequency::Daily, Frequency::Weekly];

    pub fn code(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
        }
    }

    pub fn from_code(code: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The time between two digests.
    pub fn period(self) -> Duration {
        match self {
            Frequency::Daily => Duration::days(1),
            Frequency::Weekly => Duration::days(7),
        }
    }
}

/// A saved search a person gets a digest of: a theme, a city, a community or any search is the
/// feed's query string for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: i64,
    pub user_id: i64,
    /// The search, as the feed's query string (`theme=housing&q=mediators`).
    pub query: String,
    /// What the person sees it called (the search's heading when they subscribed).
    pub label: String,
    pub frequency: Frequency,
    pub created_at: DateTime<Utc>,
    /// Items that arrived after this go into the next digest.
    pub checked_at: DateTime<Utc>,
    /// When the next digest is written.
    pub next_digest_at: DateTime<Utc>,
}

/// What a reply is to the city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// A question about one of the city's items.
    Question,
    /// An answer to a question the city asked.
    Answer,
}

impl NoticeKind {
    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::Question => "question",
            NoticeKind::Answer => "answer",
        }
    }

    pub fn from_code(code: &str) -> Option<NoticeKind> {
        [NoticeKind::Question, NoticeKind::Answer]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// A reply people are to be told of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: i64,
    pub reply: url::Url,
    pub kind: NoticeKind,
}

/// A message waiting for the SMTP server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i32,
}
