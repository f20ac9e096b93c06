//! One module per page (or group of pages) of the web interface.

pub mod account;
pub mod admin;
pub mod cities;
pub mod communities;
pub mod directory;
pub mod editor;
pub mod feed;
pub mod item;
pub mod review;
pub mod saved;
pub mod subscriptions;
pub mod translate;

use url::Url;

use super::{i18n::Tr, session::Viewer};
use crate::{
    api::views::{CityView, ItemView},
    config::Settings,
};

/// The page of an item: its own id when it was published here (the id opens the page in a
/// browser), the lookup page otherwise.
pub fn item_href(id: &Url, settings: &Settings) -> String {
    if is_local(id, settings) {
        id.path().to_string()
    } else {
        format!("/item?id={}", encode(id.as_str()))
    }
}

/// The page of a community, hosted here or elsewhere.
pub fn community_href(id: &Url) -> String {
    format!("/community?id={}", encode(id.as_str()))
}

/// The page of a city.
pub fn city_href(city: &CityView) -> String {
    if city.is_local {
        "/cities/view".into()
    } else {
        format!("/cities/view?id={}", encode(city.id.as_str()))
    }
}

fn is_local(id: &Url, settings: &Settings) -> bool {
    let public = &settings.instance.public_url;
    id.origin() == public.origin()
}

/// Percent-encodes a query parameter value.
pub fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// An item in a list: feed, search results, a city's page.
pub struct ItemCard {
    pub href: String,
    /// The title, HTML-escaped, with matched words marked.
    pub title_html: String,
    pub title_lang: LanguageMark,
    /// A passage with the matched words marked (escaped HTML), or the summary.
    pub snippet_html: Option<String>,
    pub snippet_lang: LanguageMark,
    pub kind: String,
    pub city: String,
    pub city_href: String,
    pub date: String,
    pub date_iso: String,
    pub languages: String,
    pub shared_by: Vec<String>,
    pub themes: Vec<String>,
    /// Who the item is for, in words.
    pub audience: String,
    /// Whether that is fewer readers than everyone.
    pub restricted: bool,
    /// "Adapted by 3 cities", when any city adapted it.
    pub adapted_by: Option<String>,
}

impl ItemCard {
    pub fn new(view: &ItemView, viewer: &Viewer, settings: &Settings) -> ItemCard {
        let tr = &viewer.tr;
        ItemCard {
            href: item_href(&view.id, settings),
            title_html: escape(&view.title),
            title_lang: LanguageMark::new(tr, &view.language),
            snippet_html: view.summary.as_deref().map(escape),
            snippet_lang: LanguageMark::of_field(tr, view, "summary"),
            kind: tr.code_label("kind", view.kind),
            city: view.origin.name_for(&viewer.reads).to_string(),
            city_href: city_href(&view.origin),
            date: tr.date(view.published.date_naive()),
            date_iso: view.published.to_rfc3339(),
            adapted_by: (view.adapted_by_cities > 0)
                .then(|| tr.count("card-adapted-by", view.adapted_by_cities)),
            languages: view
                .languages
                .iter()
                .map(|l| tr.language_name(l))
                .collect::<Vec<_>>()
                .join(", "),
            shared_by: view
                .shared_by
                .iter()
                .map(|c| c.name_for(&viewer.reads).to_string())
                .collect(),
            themes: view.themes.iter().map(|t| tr.code_label("theme", t)).collect(),
            audience: audience_label(tr, &view.audience),
            restricted: view.audience.kind.as_deref() != Some("public"),
        }
    }
}

/// The language of one text on a page: its `lang` attribute, and the visible mark a reader sees
/// when it is not the interface language ("Italian" next to an Italian summary on a Bulgarian
/// page), so neither screen readers nor people take it for the page's language.
#[derive(Debug, Clone, Default)]
pub struct LanguageMark {
    /// The BCP 47 tag, for `lang`.
    pub code: String,
    /// The language's name in the interface language, when it is another language.
    pub label: Option<String>,
}

impl LanguageMark {
    pub fn new(tr: &Tr, code: &str) -> LanguageMark {
        let primary = code.split('-').next().unwrap_or(code);
        LanguageMark {
            code: code.to_string(),
            label: (!primary.eq_ignore_ascii_case(tr.code())).then(|| tr.language_name(code)),
        }
    }

    /// The mark of a field of an item view (`summary`, `details.objectives`).
    pub fn of_field(tr: &Tr, view: &ItemView, field: &str) -> LanguageMark {
        let code = view.field_languages.get(field).unwrap_or(&view.language);
        LanguageMark::new(tr, code)
    }
}

/// The audience of an item in the reader's words: "Public", "Partner cities only", "Only the
/// cities named (2)".
pub fn audience_label(tr: &Tr, audience: &crate::domain::audience::AudienceDraft) -> String {
    let code = audience.kind.as_deref().unwrap_or("public");
    if code == "cities" {
        tr.t_with(
            "audience-named-cities",
            &[("count", (audience.cities.len() as i64).into())],
        )
    } else {
        tr.code_label("audience", code)
    }
}

/// Escapes text for HTML.
pub use crate::domain::sanitize::escape_text as escape;
