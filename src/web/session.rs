//! Who is looking at a page: the session cookie, the CSRF token of forms, the interface language.
//!
//! A session is a random token in an HttpOnly, SameSite=Lax cookie (Secure when the instance is
//! served over HTTPS); the database keeps only its hash. Every form carries the session's CSRF
//! token, and a form is refused unless it comes back. Before logging in, the login form is
//! protected the same way by a random token in a cookie of its own (double submit).

use std::future::Future;
use std::pin::Pin;

use activitypub_federation::config::FederationConfig;
use actix_web::{
    FromRequest, HttpMessage, HttpRequest, HttpResponseBuilder,
    cookie::{Cookie, SameSite, time::Duration as CookieDuration},
    dev::Payload,
};

use super::i18n::Tr;
use crate::{
    api::auth::constant_time_eq,
    app::AppContext,
    domain::{
        audience::Visibility,
        language::{LanguageTag, MAX_READER_LANGUAGES},
        user::{Role, User},
    },
    http::{HttpError, negotiate},
    service::accounts::{self, SESSION_DAYS, random_secret},
};

/// The cookie that holds a session token.
pub const SESSION_COOKIE: &str = "praxis_session";
/// The cookie that holds the CSRF token of visitors who have not logged in.
const VISITOR_CSRF_COOKIE: &str = "praxis_csrf";

/// The person looking at a page.
#[derive(Clone)]
pub struct Viewer {
    /// The logged-in user, if any.
    pub user: Option<User>,
    /// The token forms must send back.
    pub csrf: String,
    /// The interface language.
    pub tr: Tr,
    /// The languages the viewer reads items in, most wanted first (see [`reading_languages`]).
    pub reads: Vec<LanguageTag>,
    /// Whether the visitor's CSRF cookie is new and must be set on the response.
    new_visitor_csrf: bool,
    /// Whether cookies must be marked Secure.
    secure: bool,
}

impl Viewer {
    /// Whether the viewer may publish and edit.
    pub fn can_edit(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.at_least(Role::Editor))
    }

    /// What the viewer may see: a logged-in user of the city sees everything it holds, a
    /// visitor only public items.
    pub fn visibility(&self) -> Visibility {
        if self.user.is_some() {
            Visibility::Everything
        } else {
            Visibility::PublicOnly
        }
    }

    /// Whether the viewer runs the instance.
    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.at_least(Role::Admin))
    }

    /// The logged-in user with at least `role`, or the error a page shows.
    pub fn require(&self, role: Role) -> Result<&User, HttpError> {
        match &self.user {
            None => Err(HttpError::unauthorized(self.tr.t("error-login-needed")).in_readers_language()),
            Some(user) if user.role.at_least(role) => Ok(user),
            Some(_) => Err(HttpError::forbidden(self.tr.t("error-role-needed")).in_readers_language()),
        }
    }

    /// Refuses a form whose CSRF token is not this viewer's.
    pub fn check_csrf(&self, sent: &str) -> Result<(), HttpError> {
        if !self.csrf.is_empty() && constant_time_eq(sent.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(HttpError::forbidden(self.tr.t("error-csrf")).in_readers_language())
        }
    }

    /// Adds the cookies this viewer needs to a response.
    pub fn set_cookies(&self, response: &mut HttpResponseBuilder) {
        if self.new_visitor_csrf {
            response.cookie(self.cookie(VISITOR_CSRF_COOKIE, self.csrf.clone(), None));
        }
    }

    /// The session cookie for a fresh login.
    pub fn session_cookie(&self, token: String) -> Cookie<'static> {
        self.cookie(SESSION_COOKIE, token, Some(CookieDuration::days(SESSION_DAYS)))
    }

    /// A cookie that removes the session cookie.
    pub fn logout_cookie(&self) -> Cookie<'static> {
        let mut cookie = self.cookie(SESSION_COOKIE, String::new(), None);
        cookie.make_removal();
        cookie
    }

    /// A cookie of this site, marked HttpOnly, SameSite=Lax and (under HTTPS) Secure.
    pub fn cookie(
        &self,
        name: &'static str,
        value: String,
        max_age: Option<CookieDuration>,
    ) -> Cookie<'static> {
        let mut builder = Cookie::build(name, value)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure);
        if let Some(age) = max_age {
            builder = builder.max_age(age);
        }
        builder.finish()
    }
}

impl FromRequest for Viewer {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<Viewer, HttpError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Viewer::of(&req).await })
    }
}

impl Viewer {
    /// Reads the viewer of a request.
    pub async fn of(req: &HttpRequest) -> Result<Viewer, HttpError> {
        let ctx = req
            .extensions()
            .get::<FederationConfig<AppContext>>()
            .map(|c| (**c).clone())
            .ok_or_else(HttpError::internal)?;
        let secure = ctx.settings.instance.public_url.scheme() == "https";
        let session = match req.cookie(SESSION_COOKIE) {
            Some(cookie) if !cookie.value().is_empty() => {
                accounts::session_user(&ctx.db, cookie.value()).await?
            }
            _ => None,
        };
        let (user, csrf, new_visitor_csrf) = match session {
            Some((user, csrf)) => (Some(user), csrf, false),
            None => match req.cookie(VISITOR_CSRF_COOKIE) {
                Some(cookie) if cookie.value().len() >= 32 => (None, cookie.value().to_string(), false),
                _ => (None, random_secret(32), true),
            },
        };
        let tr = Tr::for_request(req, user.as_ref().and_then(|u| u.locale.as_deref()));
        let reads = reading_languages(req, &tr, user.as_ref());
        Ok(Viewer {
            user,
            csrf,
            tr,
            reads,
            new_visitor_csrf,
            secure,
        })
    }
}

/// The languages a page shows items in, most wanted first: the page's `lang` (the language
/// switcher), then the languages the user set in their account or, without that setting, the
/// browser's `Accept-Language`; the interface language is among them (first for visitors, since
/// they chose it or their browser did; last for users whose list leaves it out).
pub fn reading_languages(req: &HttpRequest, tr: &Tr, user: Option<&User>) -> Vec<LanguageTag> {
    let ui = LanguageTag::parse(tr.code()).expect("interface languages are valid tags");
    let mut reads = negotiate::asked_languages(req);
    let add = |tag: LanguageTag, reads: &mut Vec<LanguageTag>| {
        if !reads.contains(&tag) {
            reads.push(tag);
        }
    };
    match user.map(|u| u.read_languages.as_slice()) {
        Some(chosen) if !chosen.is_empty() => {
            chosen.iter().cloned().for_each(|t| add(t, &mut reads));
            add(ui, &mut reads);
        }
        _ => {
            add(ui, &mut reads);
            negotiate::accepted_languages(req)
                .into_iter()
                .for_each(|t| add(t, &mut reads));
        }
    }
    reads.truncate(MAX_READER_LANGUAGES);
    reads
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(secure: bool) -> Viewer {
        Viewer {
            user: None,
            csrf: "x".repeat(32),
            tr: Tr::new("en"),
            reads: Vec::new(),
            new_visitor_csrf: true,
            secure,
        }
    }

    #[test]
    fn cookies_are_secure_under_https_and_never_readable_by_scripts() {
        let https = viewer(true).session_cookie("token".into()).to_string();
        assert!(https.contains("Secure"), "{https}");
        assert!(
            https.contains("HttpOnly") && https.contains("SameSite=Lax"),
            "{https}"
        );
        let http = viewer(false).session_cookie("token".into()).to_string();
        assert!(!http.contains("Secure"), "{http}");
        assert!(viewer(false).logout_cookie().to_string().contains("Max-Age=0"));
    }

    #[test]
    fn a_readers_own_languages_come_before_the_browsers() {
        use actix_web::test::TestRequest;
        let codes = |tags: Vec<LanguageTag>| tags.iter().map(ToString::to_string).collect::<Vec<_>>();
        let req = TestRequest::with_uri("/")
            .insert_header(("Accept-Language", "mk, en;q=0.5"))
            .to_http_request();
        assert_eq!(
            codes(reading_languages(&req, &Tr::new("it"), None)),
            ["it", "mk", "en"]
        );
        let user = User {
            id: 1,
            username: "ana".into(),
            display_name: "Ana".into(),
            role: Role::Reader,
            locale: Some("it".into()),
            read_languages: vec![
                LanguageTag::parse("en").unwrap(),
                LanguageTag::parse("rmy").unwrap(),
            ],
            active: true,
        };
        assert_eq!(
            codes(reading_languages(&req, &Tr::new("it"), Some(&user))),
            ["en", "rmy", "it"]
        );
        let switched = TestRequest::with_uri("/x?lang=bg").to_http_request();
        assert_eq!(
            codes(reading_languages(&switched, &Tr::new("it"), Some(&user))),
            ["bg", "en", "rmy", "it"]
        );
    }

    #[test]
    fn a_form_needs_the_viewers_own_token() {
        let viewer = viewer(false);
        assert!(viewer.check_csrf(&"x".repeat(32)).is_ok());
        assert!(viewer.check_csrf(&"y".repeat(32)).is_err());
        assert!(viewer.check_csrf("").is_err());
    }
}
