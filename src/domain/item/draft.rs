//! Items as submitted, and the validation that turns them into [`ItemContent`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    Attachment, Contact, Details, ItemContent, ItemKind, MAX_BODY_CHARS, MAX_LANGUAGES, MAX_SUMMARY_CHARS,
    MAX_TITLE_CHARS, Naming, Period,
    details::{self, FieldValue},
};
use crate::domain::{
    audience::{Audience, AudienceDraft},
    city::Location,
    language::{LanguageMap, LanguageTag},
    sanitize::sanitize_html,
    validation::{Problem, ValidationErrors},
    vocabulary::{STATUSES, TARGET_GROUPS, THEMES, is_country, one_of},
};

/// Most free tags on one item.
const MAX_TAGS: usize = 30;
/// Most attachments on one item.
const MAX_ATTACHMENTS: usize = 30;

/// An item as submitted, before validation: from the JSON API, a file given to `praxis publish`,
/// or a received ActivityPub object.
///
/// Every problem with a draft is reported at once, each naming its field; the rules are those of
/// docs/API.md ("Items").
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemDraft {
    /// One of the four kinds.
    #[schema(value_type = ItemKind, required = true)]
    pub kind: Option<String>,
    /// BCP 47 tag of the language first written in; required when the title has several.
    pub original_language: Option<String>,
    /// Plain text by BCP 47 language tag, at most 300 characters each; every language version
    /// of the item has one.
    #[serde(default)]
    #[schema(required = true)]
    pub title: BTreeMap<String, String>,
    /// Plain text by language, at most 3,000 characters each.
    #[serde(default)]
    pub summary: BTreeMap<String, String>,
    /// HTML by language (sanitized on the way in), at most 200,000 characters each.
    #[serde(default)]
    pub body: BTreeMap<String, String>,
    /// Theme codes, like `education` or `housing` (listed in docs/API.md).
    #[serde(default)]
    pub themes: Vec<String>,
    /// Target group codes, like `roma` or `migrants` (listed in docs/API.md).
    #[serde(default)]
    pub target_groups: Vec<String>,
    /// Free tags, at most 30.
    #[serde(default)]
    pub tags: Vec<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    pub place: Option<String>,
    /// Where the work happens, for the map: `{"latitude": 42.6977, "longitude": 23.3219}` in
    /// degrees (WGS 84), or the two numbers as text, `"42.6977, 23.3219"`, as maps copy them.
    pub location: Option<LocationDraft>,
    pub period: Option<PeriodDraft>,
    /// One of `planned`, `pilot`, `ongoing`, `mainstreamed`, `completed`, `ended`.
    pub status: Option<String>,
    /// Such as `CC-BY-4.0`.
    pub licence: Option<String>,
    #[serde(default)]
    pub contacts: Vec<ContactDraft>,
    /// URLs of items this one builds on.
    #[serde(default)]
    pub cites: Vec<String>,
    /// URL of the item (usually another city's) this one adapts; that city is told.
    pub adapted_from: Option<String>,
    #[serde(default)]
    pub attachments: Vec<AttachmentDraft>,
    /// Who may read the item; public unless given (see "Audiences" in docs/API.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<AudienceDraft>,
    /// The actor id of the community of practice the item is posted to (the city must be a
    /// member); its audience is then `public` or `community`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
    /// The kind-specific fields, by their snake_case names: which fields there are depends on
    /// the `kind` (see "Fields of each kind" in docs/API.md).
    #[serde(default)]
    #[schema(value_type = Object)]
    pub details: Map<String, Value>,
}

/// `{"start": "2026-01-01", "end": "2026-12-31"}`; either may be left out.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodDraft {
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub start: Option<String>,
    /// `YYYY-MM-DD`; may not precede the start.
    #[schema(format = Date)]
    pub end: Option<String>,
}

/// A point on the Earth as submitted: two numbers, or the text a map copies.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum LocationDraft {
    Degrees { latitude: f64, longitude: f64 },
    Text(String),
}

impl LocationDraft {
    /// The text an editor sees in the form.
    pub fn as_text(&self) -> String {
        match self {
            LocationDraft::Degrees { latitude, longitude } => format!("{latitude}, {longitude}"),
            LocationDraft::Text(text) => text.clone(),
        }
    }
}

/// Someone to ask about the item.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactDraft {
    #[schema(required = true)]
    pub name: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
}

/// A file of the item: either uploaded here (by `digest`) or anywhere (by `url` and
/// `media_type`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttachmentDraft {
    pub name: Option<String>,
    pub media_type: Option<String>,
    pub url: Option<String>,
    pub size: Option<u64>,
    pub digest: Option<String>,
}

/// Whether unknown kind-specific fields are errors (input from people) or ignored (data from
/// other servers, which may be newer than this one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    Strict,
    Lenient,
}

impl ItemDraft {
    /// The draft of a new item adapting `original` (whose content is `content`) for another
    /// city: its texts, kind-specific fields, themes, target groups, tags and licence to rewrite,
    /// and who may read it (an adaptation of a confidential report stays as confidential, in the
    /// community it was shared in). What belongs to the original city is left for the adapting
    /// one to fill in: contacts, place, country, period, status, files, citations, and the
    /// community of a public item.
    pub fn adapting(content: &ItemContent, original: &url::Url) -> ItemDraft {
        ItemDraft {
            adapted_from: Some(original.to_string()),
            contacts: Vec::new(),
            place: None,
            country: None,
            period: None,
            status: None,
            attachments: Vec::new(),
            community: if content.audience.is_public() {
                None
            } else {
                content.community.as_ref().map(ToString::to_string)
            },
            cites: Vec::new(),
            ..ItemDraft::from(content)
        }
    }

    /// Checks every rule and returns the content, or every problem found, each naming its field.
    /// Bodies are sanitized here, so no unsafe HTML gets past this point.
    pub fn validate(self) -> Result<ItemContent, ValidationErrors> {
        self.validate_with(Strictness::Strict)
    }

    /// [`ItemDraft::validate`], choosing how unknown kind-specific fields are treated.
    pub fn validate_with(self, strictness: Strictness) -> Result<ItemContent, ValidationErrors> {
        let mut errors = ValidationErrors::default();

        let kind = self.kind_checked(&mut errors);
        let title = text_map("title", &self.title, MAX_TITLE_CHARS, &mut errors, |t| {
            t.trim().to_string()
        });
        if title.is_empty()
            && !errors.has("title")
            && !self.title.keys().any(|k| errors.has(&format!("title.{k}")))
        {
            errors.add(
                "title",
                Problem::Required,
                "required in at least one language, like {\"it\": \"...\"}",
            );
        }
        let summary = text_map("summary", &self.summary, MAX_SUMMARY_CHARS, &mut errors, |t| {
            t.trim().to_string()
        });
        let body = text_map("body", &self.body, MAX_BODY_CHARS, &mut errors, sanitize_html);
        let original_language = original_language(self.original_language.as_deref(), &title, &mut errors);

        let themes = codes("themes", &self.themes, THEMES, &mut errors);
        let target_groups = codes("target_groups", &self.target_groups, TARGET_GROUPS, &mut errors);
        let mut tags = tags(&self.tags, &mut errors);
        // A tag that repeats a chosen theme says nothing more (and themes travel as hashtags).
        tags.retain(|t| !themes.iter().any(|theme| theme.eq_ignore_ascii_case(t)));
        let country = self
            .country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .and_then(|c| {
                let upper = c.to_ascii_uppercase();
                if is_country(&upper) {
                    Some(upper)
                } else {
                    errors
                        .add(
                            "country",
                            Problem::NotACountry,
                            format!("expected an ISO 3166-1 alpha-2 code such as \"BG\", got `{c}`"),
                        )
                        .with("value", c);
                    None
                }
            });
        let place = optional_line("place", self.place.as_deref(), &mut errors);
        let location = self.location.as_ref().and_then(|l| location(l, &mut errors));
        let period = period(self.period.as_ref(), &mut errors);
        let status = self
            .status
            .as_deref()
            .and_then(|s| details::code(&Value::from(s), STATUSES, "status", &mut errors));
        let licence = optional_line("licence", self.licence.as_deref(), &mut errors);
        let contacts = contacts(&self.contacts, &mut errors, strictness);
        let cites = self
            .cites
            .iter()
            .enumerate()
            .filter_map(|(i, c)| details::link(&Value::from(c.as_str()), &format!("cites[{i}]"), &mut errors))
            .collect();
        let adapted_from = self
            .adapted_from
            .as_deref()
            .and_then(|a| details::link(&Value::from(a), "adapted_from", &mut errors));
        let attachments = attachments(&self.attachments, &mut errors);
        let community = self
            .community
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .and_then(|c| details::link(&Value::from(c), "community", &mut errors));
        let audience = self.audience.as_ref().map_or(Audience::Public, |a| {
            a.validate(None, community.as_ref(), &mut errors)
        });
        if community.is_some() && !matches!(audience, Audience::Public | Audience::Community(_)) {
            errors.add(
                "audience.kind",
                Problem::CommunityPostAudience,
                format!(
                    "an item posted to a community is public or for the community's members, not `{}`",
                    audience.code()
                ),
            );
        }
        let details = kind.map(|kind| {
            let parse = match strictness {
                Strictness::Strict => Details::parse,
                Strictness::Lenient => Details::parse_lenient,
            };
            parse(
                kind.fields(),
                &self.details,
                Naming::Snake,
                "details",
                &mut errors,
            )
        });

        // Every language version needs a title.
        let mut texts: Vec<(String, &LanguageMap)> =
            vec![("summary".into(), &summary), ("body".into(), &body)];
        if let Some(details) = &details {
            texts.extend(
                details
                    .texts()
                    .map(|(name, map)| (format!("details.{name}"), map)),
            );
        }
        for (field, map) in texts {
            for language in map.languages() {
                if title.get(language).is_none() {
                    errors
                        .add(
                            format!("{field}.{language}"),
                            Problem::NoTitleInLanguage,
                            format!(
                                "there is no title in `{language}`; every language version needs a title"
                            ),
                        )
                        .with("language", language);
                }
            }
        }
        if let (Some(kind), Some(details)) = (kind, &details) {
            coherent_dates(kind, &period, details, &mut errors);
            if kind == ItemKind::ExchangeReport {
                confidential_not_public(details, &audience, &mut errors);
            }
        }

        match (kind, original_language, details) {
            (Some(kind), Some(original_language), Some(details)) if errors.is_empty() => Ok(ItemContent {
                kind,
                original_language,
                title,
                summary,
                body,
                themes,
                target_groups,
                tags,
                country,
                place,
                location,
                period,
                status,
                licence,
                contacts,
                cites,
                adapted_from,
                attachments,
                audience,
                community,
                details,
                translated_by: Default::default(),
            }),
            _ => Err(errors),
        }
    }

    fn kind_checked(&self, errors: &mut ValidationErrors) -> Option<ItemKind> {
        let codes: Vec<&str> = ItemKind::ALL.iter().map(|k| k.code()).collect();
        match self.kind.as_deref().map(str::trim) {
            None | Some("") => {
                errors.add("kind", Problem::Required, format!("required; {}", one_of(&codes)));
                None
            }
            Some(code) => {
                let kind = ItemKind::from_code(code);
                if kind.is_none() {
                    errors.add(
                        "kind",
                        Problem::UnknownCode,
                        format!("unknown kind `{code}`; expected {}", one_of(&codes)),
                    );
                }
                kind
            }
        }
    }
}

impl From<&ItemContent> for ItemDraft {
    fn from(content: &ItemContent) -> ItemDraft {
        let plain = |map: &LanguageMap| map.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        ItemDraft {
            kind: Some(content.kind.code().to_string()),
            original_language: Some(content.original_language.to_string()),
            title: plain(&content.title),
            summary: plain(&content.summary),
            body: plain(&content.body),
            themes: content.themes.clone(),
            target_groups: content.target_groups.clone(),
            tags: content.tags.clone(),
            country: content.country.clone(),
            place: content.place.clone(),
            location: content.location.map(|l| LocationDraft::Degrees {
                latitude: l.latitude,
                longitude: l.longitude,
            }),
            period: (content.period != Period::default()).then(|| PeriodDraft {
                start: date(content.period.start),
                end: date(content.period.end),
            }),
            status: content.status.clone(),
            licence: content.licence.clone(),
            contacts: content
                .contacts
                .iter()
                .map(|c| ContactDraft {
                    name: Some(c.name.clone()),
                    role: c.role.clone(),
                    email: c.email.clone(),
                })
                .collect(),
            cites: content.cites.iter().map(ToString::to_string).collect(),
            adapted_from: content.adapted_from.as_ref().map(ToString::to_string),
            audience: (!content.audience.is_public()).then(|| AudienceDraft::from(&content.audience)),
            community: content.community.as_ref().map(ToString::to_string),
            attachments: content
                .attachments
                .iter()
                .map(|a| AttachmentDraft {
                    name: Some(a.name.clone()),
                    media_type: Some(a.media_type.clone()),
                    url: Some(a.url.to_string()),
                    size: a.size,
                    digest: a.digest.clone(),
                })
                .collect(),
            details: content.details.to_json(Naming::Snake),
        }
    }
}

/// Validates the language keys and texts of one language map, cleaning each text with `clean`.
fn text_map(
    field: &str,
    raw: &BTreeMap<String, String>,
    max_chars: usize,
    errors: &mut ValidationErrors,
    clean: impl Fn(&str) -> String,
) -> LanguageMap {
    let mut map = LanguageMap::new();
    // Checked first, and alone: a thousand languages get one error, not a thousand.
    if raw.len() > MAX_LANGUAGES {
        errors
            .add(
                field,
                Problem::TooMany,
                format!("at most {MAX_LANGUAGES} language versions are allowed"),
            )
            .with("max", MAX_LANGUAGES);
        return map;
    }
    for (language, text) in raw {
        let tag = match LanguageTag::parse(language) {
            Ok(tag) => tag,
            Err(e) => {
                errors
                    .add(
                        format!("{field}.{language}"),
                        Problem::NotALanguage,
                        e.to_string(),
                    )
                    .with("value", language);
                continue;
            }
        };
        let cleaned = clean(text);
        if cleaned.trim().is_empty() {
            errors.add(
                format!("{field}.{tag}"),
                Problem::Empty,
                "must not be empty; leave the language out instead",
            );
        } else if cleaned.chars().count() > max_chars {
            errors
                .add(
                    format!("{field}.{tag}"),
                    Problem::TooLong,
                    format!("too long: at most {max_chars} characters"),
                )
                .with("max", max_chars);
        } else {
            map.insert(tag, cleaned);
        }
    }
    map
}

fn original_language(
    raw: Option<&str>,
    title: &LanguageMap,
    errors: &mut ValidationErrors,
) -> Option<LanguageTag> {
    match raw {
        Some(raw) => match LanguageTag::parse(raw) {
            Ok(tag) if title.is_empty() || title.get(&tag).is_some() => Some(tag),
            Ok(tag) => {
                errors.add(
                    "original_language",
                    Problem::OriginalNotAmong,
                    format!("the title has no `{tag}` version; the original language must be one of the item's languages"),
                ).with("language", &tag);
                None
            }
            Err(e) => {
                errors
                    .add("original_language", Problem::NotALanguage, e.to_string())
                    .with("value", raw);
                None
            }
        },
        None if title.len() == 1 => title.languages().next().cloned(),
        None if title.len() > 1 => {
            errors.add(
                "original_language",
                Problem::Required,
                "required when the item is in several languages",
            );
            None
        }
        None => None,
    }
}

fn codes(field: &str, raw: &[String], allowed: &[&str], errors: &mut ValidationErrors) -> Vec<String> {
    let mut codes: Vec<String> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            details::code(
                &Value::from(c.as_str()),
                allowed,
                &format!("{field}[{i}]"),
                errors,
            )
        })
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

fn tags(raw: &[String], errors: &mut ValidationErrors) -> Vec<String> {
    if raw.len() > MAX_TAGS {
        errors
            .add("tags", Problem::TooMany, format!("at most {MAX_TAGS} tags"))
            .with("max", MAX_TAGS);
        return Vec::new();
    }
    let mut tags: Vec<String> = Vec::new();
    for (i, tag) in raw.iter().enumerate() {
        let tag = tag.trim().trim_start_matches('#');
        if tag.is_empty() || tag.chars().count() > 60 {
            errors.add(
                format!("tags[{i}]"),
                Problem::TagLength,
                "expected a tag of 1 to 60 characters",
            );
        } else if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_string());
        }
    }
    tags.sort();
    tags
}

fn optional_line(field: &str, raw: Option<&str>, errors: &mut ValidationErrors) -> Option<String> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    if raw.chars().count() > 300 {
        errors
            .add(field, Problem::TooLong, "too long: at most 300 characters")
            .with("max", 300);
        return None;
    }
    Some(raw.to_string())
}

/// The point a draft gives, if it is one; an empty text is no point.
fn location(raw: &LocationDraft, errors: &mut ValidationErrors) -> Option<Location> {
    let numbers = match raw {
        LocationDraft::Degrees { latitude, longitude } => Some((*latitude, *longitude)),
        LocationDraft::Text(text) if text.trim().is_empty() => return None,
        // "42.6977, 23.3219", "42.6977 23.3219" or "42.6977; 23.3219": a decimal comma would be
        // ambiguous, so the numbers take points.
        LocationDraft::Text(text) => {
            let parts: Vec<&str> = text
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .collect();
            match parts.as_slice() {
                [lat, lon] => lat.parse().ok().zip(lon.parse().ok()),
                _ => None,
            }
        }
    };
    let point = numbers.and_then(|(lat, lon)| Location::new(lat, lon));
    if point.is_none() {
        let shown = raw.as_text();
        errors
            .add(
                "location",
                Problem::NotALocation,
                format!(
                    "expected a latitude from -90 to 90 and a longitude from -180 to 180 in degrees, \
                     like \"42.6977, 23.3219\"; got `{shown}`"
                ),
            )
            .with("value", shown.trim());
    }
    point
}

fn period(raw: Option<&PeriodDraft>, errors: &mut ValidationErrors) -> Period {
    let Some(raw) = raw else {
        return Period::default();
    };
    let date = |value: &Option<String>, field: &str, errors: &mut ValidationErrors| {
        value
            .as_deref()
            .and_then(|v| details::date(&Value::from(v), field, errors))
    };
    let period = Period {
        start: date(&raw.start, "period.start", errors),
        end: date(&raw.end, "period.end", errors),
    };
    if let (Some(start), Some(end)) = (period.start, period.end)
        && end < start
    {
        errors.add(
            "period.end",
            Problem::EndsBeforeStart,
            format!("ends ({end}) before it starts ({start})"),
        );
    }
    period
}

/// The contacts, each with a name; a person's mistyped e-mail address is an error, while a
/// peer's is dropped (the contact kept), since the rest of its item must not be lost over it.
fn contacts(raw: &[ContactDraft], errors: &mut ValidationErrors, strictness: Strictness) -> Vec<Contact> {
    raw.iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let name = c.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
            let email = c
                .email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .filter(|e| strictness == Strictness::Strict || is_email_address(e));
            if name.is_none() {
                errors.add(format!("contacts[{i}].name"), Problem::Required, "required");
            }
            if let Some(email) = email
                && !is_email_address(email)
            {
                errors
                    .add(
                        format!("contacts[{i}].email"),
                        Problem::NotAnEmail,
                        format!("`{email}` is not an e-mail address"),
                    )
                    .with("value", email);
                return None;
            }
            Some(Contact {
                name: name?.to_string(),
                role: c
                    .role
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(String::from),
                email: email.map(String::from),
            })
        })
        .collect()
}

fn attachments(raw: &[AttachmentDraft], errors: &mut ValidationErrors) -> Vec<Attachment> {
    if raw.len() > MAX_ATTACHMENTS {
        errors
            .add(
                "attachments",
                Problem::TooMany,
                format!("at most {MAX_ATTACHMENTS} attachments"),
            )
            .with("max", MAX_ATTACHMENTS);
        return Vec::new();
    }
    raw.iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let field = |name: &str| format!("attachments[{i}].{name}");
            let name = a.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
            if name.is_none() {
                errors.add(
                    field("name"),
                    Problem::Required,
                    "required: the name readers download the file under",
                );
            }
            let url = match &a.url {
                Some(url) => details::link(&Value::from(url.as_str()), &field("url"), errors),
                None => {
                    errors.add(
                        field("url"),
                        Problem::FileMissing,
                        "required: upload the file first and give its `digest`, or give its `url`",
                    );
                    None
                }
            };
            let media_type = a.media_type.as_deref().map(str::trim).filter(|m| m.contains('/'));
            if media_type.is_none() {
                errors.add(
                    field("media_type"),
                    Problem::NotAMediaType,
                    "expected a media type such as application/pdf",
                );
            }
            if let Some(digest) = &a.digest
                && !(digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()))
            {
                errors.add(
                    field("digest"),
                    Problem::NotADigest,
                    "expected a SHA-256 digest in hexadecimal",
                );
            }
            Some(Attachment {
                name: name?.chars().take(200).collect(),
                media_type: media_type?.to_ascii_lowercase(),
                url: url?,
                size: a.size,
                digest: a.digest.as_ref().map(|d| d.to_ascii_lowercase()),
            })
        })
        .collect()
}

/// A report its authors marked for fewer readers may not go to everyone: the audience must say
/// who (the city's partners, or the cities named).
fn confidential_not_public(details: &Details, audience: &Audience, errors: &mut ValidationErrors) {
    if let Some(FieldValue::Code(level)) = details.get("confidentiality")
        && level != "public"
        && audience.is_public()
    {
        errors
            .add(
                "audience.kind",
                Problem::ConfidentialInPublic,
                format!(
                    "the report is marked `{level}`: choose the audience `partners`, `community` or `cities`, not `public`"
                ),
            )
            .with("value", level);
    }
}

/// Dates that only make sense in order.
fn coherent_dates(kind: ItemKind, period: &Period, details: &Details, errors: &mut ValidationErrors) {
    let start = period.start;
    let records = match kind {
        ItemKind::ExchangeReport => {
            if start.is_none() {
                errors.add(
                    "period.start",
                    Problem::Required,
                    "required: when the exchange took place",
                );
            }
            ("follow_up_actions", details.records("follow_up_actions"))
        }
        ItemKind::ActionPlan => ("measures", details.records("measures")),
        _ => return,
    };
    if let Some(start) = start {
        for (i, record) in records.1.iter().enumerate() {
            if let Some(FieldValue::Date(deadline)) = record.get("deadline")
                && *deadline < start
            {
                errors.add(
                    format!("details.{}[{i}].deadline", records.0),
                    Problem::BeforePeriod,
                    format!("{deadline} is before the period starts ({start})"),
                );
            }
        }
    }
}

/// Whether `text` looks like an address mail can go to: one `@` between a local part and a
/// domain of dot-separated labels (`ana.petrova@sofia.bg`), no spaces, nothing that would break
/// a `mailto:` link. Deliverability is the mail server's to judge.
pub fn is_email_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    !local.is_empty()
        && local.len() <= 64
        && text.len() <= 254
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=_`{|}~.".contains(c))
        && domain.contains('.')
        && domain.split('.').all(label_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peers_mistyped_e_mail_address_is_dropped_not_its_item() {
        let draft = || -> ItemDraft {
            serde_json::from_value(serde_json::json!({
                "kind": "good_practice",
                "title": {"it": "Mediatori scolastici"},
                "contacts": [{"name": "Ufficio inclusione", "email": "inclusione@comune"}]
            }))
            .unwrap()
        };
        let errors = draft().validate().unwrap_err();
        assert!(errors.has("contacts[0].email"), "{errors:?}");
        let received = draft().validate_with(Strictness::Lenient).unwrap();
        assert_eq!(received.contacts[0].name, "Ufficio inclusione");
        assert_eq!(received.contacts[0].email, None);
    }

    #[test]
    fn e_mail_addresses_are_checked_for_their_shape() {
        for good in [
            "ana@sofia.bg",
            "ana.petrova+roma@obshtina.sofia.bg",
            "мария@пример.бг",
        ] {
            assert!(is_email_address(good), "{good}");
        }
        for bad in [
            "ana-at-sofia",
            "ana@",
            "@sofia.bg",
            "ana@sofia",
            "ana@@sofia.bg",
            "ana petrova@sofia.bg",
            "ana@sofia..bg",
            "ana.@sofia.bg",
            "ana@-sofia.bg",
            "ana@sofia.bg?subject=x",
            "ana?cc=x@sofia.bg",
        ] {
            assert!(!is_email_address(bad), "{bad}");
        }
    }
}
