//! Content negotiation between ActivityPub documents and other representations.

use actix_web::{
    HttpRequest, Resource,
    body::MessageBody,
    dev::{ServiceFactory, ServiceRequest, ServiceResponse},
    guard::{self, Guard, GuardContext},
    http::header::{HeaderMap, HeaderValue, VARY},
    middleware, web,
};

/// Whether the client asked for ActivityPub JSON (`application/activity+json` or
/// `application/ld+json` with the ActivityStreams profile).
pub fn wants_activitypub(req: &HttpRequest) -> bool {
    asks_for_activitypub(req.headers())
}

/// Whether a browser asked for a page: HTML is accepted and ActivityPub was not asked for.
pub fn wants_html(req: &HttpRequest) -> bool {
    asks_for_html(req.headers())
}

fn asks_for_activitypub(headers: &HeaderMap) -> bool {
    headers
        .get_all("Accept")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|part| {
            let part = part.trim().to_ascii_lowercase();
            part.starts_with("application/activity+json")
                || (part.starts_with("application/ld+json")
                    && (part.contains("activitystreams") || !part.contains("profile")))
        })
}

fn asks_for_html(headers: &HeaderMap) -> bool {
    !asks_for_activitypub(headers)
        && headers
            .get_all("Accept")
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.to_ascii_lowercase().contains("text/html"))
}

/// Which representation a request asks for, by its `Accept` header: the same URL (the city's
/// actor, an item, a community) is an ActivityPub document, a page or a JSON view. Each layer
/// registers the URL guarded by its own representation (as Lemmy and ibis do), so the
/// federation layer knows nothing of pages and the API. Those resources are also guarded by the
/// method (`guard::Get`): a resource whose path and guards match answers `405` to any other
/// method, and `/communities/{handle}` would so swallow `POST /communities/join`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Representation {
    /// ActivityPub clients (`federation::routes`).
    ActivityPub,
    /// Browsers (`web`).
    Page,
    /// Everyone else: JSON (`api`).
    Json,
}

impl Representation {
    fn of(headers: &HeaderMap) -> Representation {
        if asks_for_activitypub(headers) {
            Representation::ActivityPub
        } else if asks_for_html(headers) {
            Representation::Page
        } else {
            Representation::Json
        }
    }
}

impl Representation {
    /// The resource answering `GET path` for this representation only; the other layers
    /// register the same path for theirs. Every answer says `Vary: Accept`, so a cache never
    /// hands a page to an ActivityPub client or a document to a browser.
    pub fn resource(
        self,
        path: &str,
    ) -> Resource<
        impl ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<impl MessageBody>,
            Error = actix_web::Error,
            InitError = (),
        >,
    > {
        web::resource(path)
            .guard(guard::Get())
            .guard(self)
            .wrap(middleware::from_fn(vary_by_accept))
    }
}

/// Adds `Accept` to the answer's `Vary` (keeping what the handler put there).
async fn vary_by_accept(
    req: ServiceRequest,
    next: middleware::Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let varies = headers
        .get_all(VARY)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept"));
    if !varies {
        headers.append(VARY, HeaderValue::from_static("Accept"));
    }
    Ok(response)
}

impl Guard for Representation {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        Representation::of(ctx.head().headers()) == *self
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn activitypub_media_types_are_recognised() {
        let ask = |accept: &str| {
            wants_activitypub(
                &TestRequest::default()
                    .insert_header(("Accept", accept))
                    .to_http_request(),
            )
        };
        assert!(ask("application/activity+json"));
        assert!(ask(
            r#"application/ld+json; profile="https://www.w3.org/ns/activitystreams""#
        ));
        assert!(ask("text/html, application/activity+json;q=0.9"));
        assert!(!ask("text/html"));
        assert!(!ask("application/json"));
    }

    #[test]
    fn every_request_asks_for_exactly_one_representation() {
        let asked = |accept: Option<&str>| {
            let mut req = TestRequest::default();
            if let Some(accept) = accept {
                req = req.insert_header(("Accept", accept));
            }
            Representation::of(req.to_http_request().headers())
        };
        assert_eq!(
            asked(Some("application/activity+json")),
            Representation::ActivityPub
        );
        assert_eq!(
            asked(Some("text/html, application/activity+json;q=0.9")),
            Representation::ActivityPub
        );
        assert_eq!(
            asked(Some("text/html,application/xhtml+xml,*/*;q=0.8")),
            Representation::Page
        );
        assert_eq!(asked(Some("application/json")), Representation::Json);
        assert_eq!(asked(None), Representation::Json);
    }
}

/// The reader's languages, most wanted first: the `lang` query parameter (one tag, or a list
/// such as `lang=it,en`), then `Accept-Language` by quality. Malformed tags are passed over,
/// as browsers' lists hold some (`*`, `x-…`); each language counts once.
pub fn reader_languages(req: &HttpRequest) -> Vec<crate::domain::language::LanguageTag> {
    let mut languages = asked_languages(req);
    for tag in accepted_languages(req) {
        if !languages.contains(&tag) {
            languages.push(tag);
        }
    }
    languages.truncate(crate::domain::language::MAX_READER_LANGUAGES);
    languages
}

/// The languages of the `lang` query parameter, in the order given.
pub fn asked_languages(req: &HttpRequest) -> Vec<crate::domain::language::LanguageTag> {
    use crate::domain::language::LanguageTag;
    let query = web::Query::<Vec<(String, String)>>::from_query(req.query_string()).ok();
    let mut languages: Vec<LanguageTag> = Vec::new();
    for value in query
        .iter()
        .flat_map(|q| q.iter())
        .filter(|(k, _)| k == "lang")
        .map(|(_, v)| v)
    {
        for tag in value.split(',').filter_map(|t| LanguageTag::parse(t).ok()) {
            if !languages.contains(&tag) {
                languages.push(tag);
            }
        }
    }
    languages
}

/// The languages of `Accept-Language`, by quality.
pub fn accepted_languages(req: &HttpRequest) -> Vec<crate::domain::language::LanguageTag> {
    use crate::domain::language::LanguageTag;
    let mut weighted: Vec<(f32, LanguageTag)> = req
        .headers()
        .get_all("Accept-Language")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = LanguageTag::parse(pieces.next()?.trim()).ok()?;
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
                .unwrap_or(1.0);
            (quality > 0.0).then_some((quality, tag))
        })
        .collect();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0));
    weighted.into_iter().map(|(_, tag)| tag).collect()
}

#[cfg(test)]
mod language_tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn lang_parameter_wins_then_accept_language_by_quality() {
        let req = TestRequest::with_uri("/feed?lang=mk")
            .insert_header(("Accept-Language", "it;q=0.5, bg, en;q=0.8"))
            .to_http_request();
        let order: Vec<String> = reader_languages(&req).iter().map(ToString::to_string).collect();
        assert_eq!(order, ["mk", "bg", "en", "it"]);
        let req = TestRequest::with_uri("/api/v1/feed?lang=it,en,*")
            .insert_header(("Accept-Language", "en-GB, en;q=0.9, *;q=0.1"))
            .to_http_request();
        let order: Vec<String> = reader_languages(&req).iter().map(ToString::to_string).collect();
        assert_eq!(
            order,
            ["it", "en", "en-GB"],
            "a list, each language once, `*` passed over"
        );
    }
}

#[cfg(test)]
mod vary_tests {
    use actix_web::{App, HttpResponse, test};

    use super::*;

    #[actix_web::test]
    async fn every_representation_varies_by_accept() {
        let app = test::init_service(
            App::new()
                .service(
                    Representation::Page
                        .resource("/x")
                        .to(|| async { HttpResponse::Ok().body("page") }),
                )
                .service(Representation::Json.resource("/x").to(|| async {
                    HttpResponse::Ok()
                        .insert_header((VARY, "Accept-Language"))
                        .body("{}")
                })),
        )
        .await;
        for accept in ["text/html", "application/json"] {
            let req = test::TestRequest::get()
                .uri("/x")
                .insert_header(("Accept", accept))
                .to_request();
            let response = test::call_service(&app, req).await;
            let vary: Vec<_> = response
                .headers()
                .get_all(VARY)
                .map(|v| v.to_str().unwrap().to_string())
                .collect();
            assert!(vary.iter().any(|v| v == "Accept"), "{accept}: {vary:?}");
        }
    }
}
