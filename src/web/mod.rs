//! The staff web interface: server-rendered pages (askama templates, Fluent strings) that work
//! without JavaScript.

pub mod errors;
pub mod i18n;
pub mod item_form;
pub mod mail;
pub mod markdown;
pub mod network_map;
pub mod pages;
pub mod session;

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use self::{i18n::Tr, session::Viewer};
use crate::{
    domain::{language::LanguageTag, user::User},
    federation::urls::paths,
    http::{HttpError, negotiate::Representation},
};

/// The stylesheet, compiled in so the binary is the whole instance.
const STYLESHEET: &str = include_str!("../../static/praxis.css");

/// Registers the pages. Item and city pages are also reached by content negotiation on the
/// ActivityPub ids (see `federation::routes`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    use pages::*;
    // The addresses of the city, its items and its communities, for browsers; ActivityPub
    // clients get the documents (`federation::routes`), everyone else JSON (`api`).
    cfg.service(Representation::Page.resource(paths::CITY).to(cities::at_address))
        .service(Representation::Page.resource(paths::ITEM).to(item::at_address))
        .service(
            Representation::Page
                .resource(paths::COMMUNITY)
                .to(communities::at_address),
        );
    cfg.route("/", web::get().to(feed::show))
        .route("/static/praxis.css", web::get().to(stylesheet))
        .route("/language", web::get().to(account::choose_language))
        .route("/login", web::get().to(account::login_form))
        .route("/login", web::post().to(account::login))
        .route("/logout", web::post().to(account::logout))
        .route("/account", web::get().to(account::show))
        .route("/account/language", web::post().to(account::save_language))
        .route("/account/reading", web::post().to(account::save_reading))
        .route("/account/password", web::post().to(account::change_password))
        .route("/account/tokens", web::post().to(account::create_token))
        .route(
            "/account/tokens/{id}/revoke",
            web::post().to(account::revoke_token),
        )
        .route("/item", web::get().to(item::show_any))
        .route("/item/share", web::post().to(item::share))
        .route(
            "/item/machine-translation",
            web::post().to(item::machine_translate),
        )
        .route("/item/reply", web::post().to(item::reply))
        .route("/subscriptions", web::get().to(subscriptions::show))
        .route("/subscriptions", web::post().to(subscriptions::subscribe))
        .route(
            "/subscriptions/address",
            web::post().to(subscriptions::set_address),
        )
        .route(
            "/subscriptions/remove",
            web::post().to(subscriptions::unsubscribe),
        )
        .route("/saved", web::get().to(saved::show))
        .route("/saved", web::post().to(saved::change))
        .route("/item/translate", web::get().to(translate::form))
        .route("/item/translate", web::post().to(translate::send))
        .route("/translations", web::get().to(review::queue))
        .route("/translations/review", web::get().to(review::review))
        .route("/translations/accept", web::post().to(review::accept))
        .route("/translations/decline", web::post().to(review::decline))
        .route("/new", web::get().to(editor::new_form))
        .route("/new", web::post().to(editor::create))
        .route("/items/{uuid}/edit", web::get().to(editor::edit_form))
        .route("/items/{uuid}/edit", web::post().to(editor::update))
        .route("/items/{uuid}/delete", web::get().to(editor::confirm_delete))
        .route("/items/{uuid}/delete", web::post().to(editor::delete))
        .route("/cities", web::get().to(cities::show))
        .route("/directory", web::get().to(directory::show))
        .route("/cities/follow", web::post().to(cities::follow))
        .route("/cities/unfollow", web::post().to(cities::unfollow))
        .route("/cities/view", web::get().to(cities::profile))
        .route("/cities/requests/approve", web::post().to(cities::approve))
        .route("/cities/requests/reject", web::post().to(cities::reject))
        .route("/communities", web::get().to(communities::show))
        .route("/communities", web::post().to(communities::create))
        .route("/communities/join", web::post().to(communities::join))
        .route("/communities/leave", web::post().to(communities::leave))
        .route("/community", web::get().to(communities::profile))
        .route("/community/members", web::post().to(communities::change_member))
        .route("/community/removals", web::post().to(communities::remove_item))
        .route("/community/moderators", web::post().to(communities::appoint))
        .route("/admin", web::get().to(admin::show))
        .route("/admin/users", web::post().to(admin::create_user))
        .route("/admin/users/{username}/role", web::post().to(admin::set_role))
        .route(
            "/admin/users/{username}/active",
            web::post().to(admin::set_active),
        )
        .route(
            "/admin/users/{username}/password",
            web::post().to(admin::reset_password),
        )
        .route("/admin/deliveries/retry", web::post().to(admin::retry))
        .route("/admin/emblem", web::post().to(admin::upload_emblem))
        .route("/admin/emblem/remove", web::post().to(admin::remove_emblem))
        .route("/admin/move", web::post().to(admin::move_city))
        .route("/admin/policy", web::post().to(admin::set_policy))
        .route("/admin/policy/domains", web::post().to(admin::add_domain))
        .route("/admin/policy/remove", web::post().to(admin::remove_domain));
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(STYLESHEET)
}

/// A link of the language menu.
pub struct LanguageLink {
    pub code: &'static str,
    /// The language's name in itself.
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// A form that carries nothing but the session's CSRF token (a button that does one thing).
#[derive(serde::Deserialize)]
pub struct CsrfForm {
    pub csrf: String,
}

/// What every page shows around its content: navigation, the viewer, the language menu.
pub struct Frame {
    pub tr: Tr,
    /// The languages the viewer reads items in (see [`session::reading_languages`]).
    pub reads: Vec<LanguageTag>,
    pub csrf: String,
    pub user: Option<User>,
    pub can_edit: bool,
    pub is_admin: bool,
    /// The name of this instance's city.
    pub city_name: String,
    /// The page's title (without the city name).
    pub title: String,
    /// Which navigation entry is the current page.
    pub section: &'static str,
    pub languages: Vec<LanguageLink>,
    /// An Atom feed of this page, when there is one.
    pub atom: Option<String>,
    /// The login page, coming back to this page after logging in.
    pub login_href: String,
    /// What the action that led here did ("The item is published."), from `?done=`.
    pub done: Option<String>,
    /// How a link to the page is previewed, on the pages of an item or a city.
    pub preview: Option<Preview>,
}

/// What the head of a page tells software that finds its link: OpenGraph for link previews
/// (Mastodon, messengers, search engines) and, as `rel=alternate`, the ActivityPub document of
/// what the page shows, so a fediverse search box given the page's address finds the item or city.
pub struct Preview {
    /// `article` for an item, `profile` for a city.
    pub kind: &'static str,
    pub title: String,
    /// A plain-text teaser.
    pub description: String,
    /// The page's address.
    pub url: String,
    pub activitypub: String,
    /// When an item was published (RFC 3339).
    pub published: Option<String>,
}

/// What an action redirected with `?done=CODE` reports on the page it leads to: only these
/// codes, each a message, so a link cannot put words on a page.
pub const DONE: &[&str] = &[
    "published",
    "saved",
    "deleted",
    "followed",
    "unfollowed",
    "user-created",
    "saved-for-later",
    "unsaved",
    "mail-saved",
    "subscribed",
    "unsubscribed",
    "emblem-saved",
    "moved",
    "emblem-removed",
];

/// `path` with `done=CODE` added to its query.
pub fn with_done(path: &str, code: &'static str) -> String {
    debug_assert!(DONE.contains(&code));
    with_param(path, "done", code)
}

/// `path` (which may have a query and a fragment) with `key=value` added to its query; `value`
/// is a tag or a code, which need no escaping.
pub fn with_param(path: &str, key: &str, value: &str) -> String {
    let (path, fragment) = path.split_once('#').map_or((path, ""), |(p, f)| (p, f));
    let separator = if path.contains('?') { '&' } else { '?' };
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    format!("{path}{separator}{key}={value}{fragment}")
}

impl Frame {
    /// The frame of a page of `city` (the local city), for `viewer`.
    pub fn new(
        viewer: &Viewer,
        req: &actix_web::HttpRequest,
        city: &crate::domain::city::City,
        section: &'static str,
        title: String,
    ) -> Frame {
        let city_name = city.name_for(&viewer.reads);
        Frame {
            csrf: viewer.csrf.clone(),
            reads: viewer.reads.clone(),
            user: viewer.user.clone(),
            can_edit: viewer.can_edit(),
            is_admin: viewer.is_admin(),
            section,
            ..Frame::anonymous(viewer.tr.clone(), req, city_name, title)
        }
    }

    /// The frame of a page whose viewer is not known (error pages).
    pub fn anonymous(tr: Tr, req: &actix_web::HttpRequest, city_name: &str, title: String) -> Frame {
        let back = match req.query_string() {
            "" => req.path().to_string(),
            query => format!("{}?{query}", req.path()),
        };
        let login_href = if req.path() == "/login" {
            "/login".to_string()
        } else {
            format!(
                "/login?back={}",
                url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
            )
        };
        let done = url::form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(k, _)| k == "done")
            .and_then(|(_, code)| DONE.iter().find(|known| **known == code))
            .map(|code| tr.t(&format!("done-{code}")));
        let languages = i18n::UI_LANGUAGES
            .iter()
            .map(|code| LanguageLink {
                code,
                name: Tr::new(code).endonym(),
                href: format!(
                    "/language?set={code}&back={}",
                    url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
                ),
                current: *code == tr.code(),
            })
            .collect();
        Frame {
            reads: vec![tr.language_tag()],
            tr,
            csrf: String::new(),
            user: None,
            can_edit: false,
            is_admin: false,
            city_name: city_name.to_string(),
            title,
            section: "",
            languages,
            atom: None,
            login_href,
            done,
            preview: None,
        }
    }

    /// The CSS class of a navigation entry.
    pub fn nav_class(&self, section: &str) -> &'static str {
        if self.section == section { "current" } else { "" }
    }

    /// `aria-current` for a navigation entry.
    pub fn aria_current(&self, section: &str) -> &'static str {
        if self.section == section { "page" } else { "false" }
    }
}

/// Renders a page with status 200.
pub fn render(viewer: &Viewer, page: &impl Template) -> Result<HttpResponse, HttpError> {
    render_with(viewer, StatusCode::OK, page)
}

/// Renders a page with a status, setting the cookies the viewer needs.
pub fn render_with(
    viewer: &Viewer,
    status: StatusCode,
    page: &impl Template,
) -> Result<HttpResponse, HttpError> {
    let body = page.render().map_err(|e| {
        tracing::error!(error = %e, "a page failed to render");
        HttpError::internal()
    })?;
    let mut response = HttpResponse::build(status);
    viewer.set_cookies(&mut response);
    Ok(response
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}

/// A redirect after a form was handled (303, so the browser follows with GET).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

/// Whether `path` is a path on this site, safe to redirect to.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\")
}
