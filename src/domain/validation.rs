//! Field errors, collected so that a user sees every problem with an input at once.

use std::{collections::BTreeMap, fmt};

use serde::{Serialize, Serializer};

/// Declares [`Problem`]: each variant with its stable code and the values every use of it sets.
macro_rules! problems {
    ($($(#[doc = $doc:literal])+ $variant:ident = $code:literal [$($param:literal),*],)+) => {
        /// What is wrong with a field: one variant per stable code, so that every problem has a
        /// message in every interface language (`problem-<code>` in the Fluent files).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Problem {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl Problem {
            /// Every problem, once each.
            pub const ALL: &'static [Problem] = &[$(Problem::$variant,)+];

            /// The stable code, in snake case, that the JSON API shows and programs match on.
            pub fn code(self) -> &'static str {
                match self {
                    $(Problem::$variant => $code,)+
                }
            }

            /// The values every use of this problem sets with [`FieldError::with`], so its
            /// messages may mention them.
            pub fn params(self) -> &'static [&'static str] {
                match self {
                    $(Problem::$variant => &[$($param),*],)+
                }
            }
        }
    };
}

problems! {
    /// Missing.
    Required = "required" [],
    /// Given but empty (leave it out instead).
    Empty = "empty" [],
    /// Longer than allowed.
    TooLong = "too_long" ["max"],
    /// More entries than allowed.
    TooMany = "too_many" ["max"],
    /// A tag that is empty or longer than 60 characters.
    TagLength = "tag_length" [],
    /// Not one of the listed codes.
    UnknownCode = "unknown_code" [],
    /// A field the item's kind does not have.
    UnknownField = "unknown_field" ["value"],
    /// A query parameter the operation does not know.
    UnknownParameter = "unknown_parameter" [],
    /// Not a language tag.
    NotALanguage = "not_a_language" ["value"],
    /// Not an ISO 3166-1 alpha-2 country code.
    NotACountry = "not_a_country" ["value"],
    /// Not a point on the Earth: a latitude from -90 to 90 and a longitude from -180 to 180.
    NotALocation = "not_a_location" ["value"],
    /// Not a date of the form 2026-03-31.
    NotADate = "not_a_date" ["value"],
    /// Not a whole number, zero or more.
    NotANumber = "not_a_number" [],
    /// Not an http or https URL.
    NotAUrl = "not_a_url" ["value"],
    /// Not an e-mail address.
    NotAnEmail = "not_an_email" ["value"],
    /// Not an ISO 8601 duration.
    NotADuration = "not_a_duration" ["value"],
    /// Not text.
    NotText = "not_text" [],
    /// Not texts by language (`{"it": "..."}`).
    NotTextsByLanguage = "not_texts_by_language" [],
    /// Not a list.
    NotAList = "not_a_list" [],
    /// Not an object of fields.
    NotAnObject = "not_an_object" [],
    /// A language version without a title.
    NoTitleInLanguage = "no_title_in_language" ["language"],
    /// The original language is not one of the item's languages.
    OriginalNotAmong = "original_not_among" ["language"],
    /// A period that ends before it starts.
    EndsBeforeStart = "ends_before_start" [],
    /// A date before the start of the period.
    BeforePeriod = "before_period" [],
    /// A published or updated date more than an hour ahead.
    InTheFuture = "in_the_future" ["value"],
    /// An exchange report marked confidential (or restricted) whose audience is public.
    ConfidentialInPublic = "confidential_in_public" ["value"],
    /// Cities named for an audience other than `cities`.
    CitiesOnlyForNamed = "cities_only_for_named" [],
    /// A named city that is not known and could not be fetched.
    CityUnreachable = "city_unreachable" ["value"],
    /// Not the URL of a city's actor.
    NotACity = "not_a_city" ["value"],
    /// Not a page number from 1.
    NotAPage = "not_a_page" [],
    /// Neither `true` nor `false`.
    NotABoolean = "not_a_boolean" ["value"],
    /// A page size outside the allowed range.
    PerPageRange = "per_page_range" ["max"],
    /// An empty file.
    FileEmpty = "file_empty" ["file"],
    /// A file over the size limit.
    FileTooLarge = "file_too_large" ["file", "max"],
    /// A type of file that is not accepted.
    FileTypeRefused = "file_type_refused" ["file", "value"],
    /// A file whose content is not of its declared type.
    FileContentMismatch = "file_content_mismatch" ["file", "value"],
    /// A file name that is empty, too long or holds slashes.
    FileNameInvalid = "file_name_invalid" ["file"],
    /// An uploaded file that could not be stored.
    UploadFailed = "upload_failed" ["file"],
    /// An attachment with neither an uploaded file (`digest`) nor a `url`.
    FileMissing = "file_missing" [],
    /// Not a media type.
    NotAMediaType = "not_a_media_type" [],
    /// Not a SHA-256 digest in hexadecimal.
    NotADigest = "not_a_digest" [],
    /// A digest of no file uploaded here.
    NotUploaded = "not_uploaded" ["value"],
    /// An item this city does not hold.
    UnknownItem = "unknown_item" ["value"],
    /// An item of another city that could not be fetched.
    ItemUnreachable = "item_unreachable" ["value"],
    /// A user name of the wrong form.
    UsernameInvalid = "username_invalid" [],
    /// A display name that is empty or too long.
    DisplayNameInvalid = "display_name_invalid" [],
    /// A user name another account has.
    UsernameTaken = "username_taken" [],
    /// The last admin losing the role.
    LastAdmin = "last_admin" [],
    /// The last active admin being deactivated.
    LastActiveAdmin = "last_active_admin" [],
    /// A password that is too short or too long.
    PasswordLength = "password_length" ["min"],
    /// A token name that is empty or too long.
    TokenNameInvalid = "token_name_invalid" [],
    /// Not a peer domain.
    NotADomain = "not_a_domain" ["value"],
    /// A community handle of the wrong form.
    HandleInvalid = "handle_invalid" [],
    /// A handle the city or another community of this instance has.
    HandleTaken = "handle_taken" ["value"],
    /// Not a community this city knows (or could fetch).
    NotACommunity = "not_a_community" ["value"],
    /// A community this city is not a member of.
    NotAMember = "not_a_member" ["value"],
    /// The audience `community` without a community to post to.
    CommunityNeeded = "community_needed" [],
    /// A post to a community that is neither public nor for the community's members.
    CommunityPostAudience = "community_post_audience" [],
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One problem with one field of an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// Path of the field, like `title` or `body.bg`.
    pub field: String,
    /// Stable code of the problem, like `required` or `too_long`: for programs, and for the
    /// interface to say it in its language.
    #[schema(value_type = String)]
    pub code: Problem,
    /// What is wrong and what is expected, in English.
    pub message: String,
    /// The values the message mentions (`max`, `value`, `language`...).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub params: BTreeMap<&'static str, String>,
}

impl FieldError {
    /// Adds a value the message mentions.
    pub fn with(&mut self, name: &'static str, value: impl ToString) -> &mut FieldError {
        self.params.insert(name, value.to_string());
        self
    }
}

/// Every problem found with an input; never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// Records `problem` with `field`, explained in English by `message`; set the values its
    /// [`Problem::params`] name with [`FieldError::with`].
    pub fn add(
        &mut self,
        field: impl Into<String>,
        problem: Problem,
        message: impl Into<String>,
    ) -> &mut FieldError {
        self.0.push(FieldError {
            field: field.into(),
            code: problem,
            message: message.into(),
            params: BTreeMap::new(),
        });
        self.0.last_mut().expect("just pushed")
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was recorded, the errors otherwise.
    pub fn into_result<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }

    /// Whether a problem was recorded for exactly this field.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        write!(f, "{}", parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_code_is_documented_for_programs() {
        let api = include_str!("../../docs/API.md");
        let missing: Vec<&str> = Problem::ALL
            .iter()
            .map(|p| p.code())
            .filter(|code| !api.contains(&format!("`{code}`")))
            .collect();
        assert!(missing.is_empty(), "docs/API.md does not list {missing:?}");
    }

    #[test]
    fn a_problem_reaches_json_as_its_code() {
        let mut errors = ValidationErrors::default();
        errors.add("title", Problem::TooLong, "too long").with("max", 300);
        let json = serde_json::to_value(&errors.0).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!([{"field": "title", "code": "too_long", "message": "too long", "params": {"max": "300"}}])
        );
    }
}
