//! Errors as pages: a browser that meets an error gets a page in its language rather than the
//! JSON error the API answers with. A page that needs a login sends the browser to log in.

use activitypub_federation::config::FederationConfig;
use actix_web::{
    HttpMessage, HttpRequest, HttpResponse,
    dev::ServiceResponse,
    http::{Method, StatusCode},
    middleware::ErrorHandlerResponse,
};
use askama::Template;

use super::{Frame, i18n::Tr};
use crate::{app::AppContext, http::HttpError, http::negotiate::wants_html};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    frame: Frame,
    heading: String,
    message: String,
    /// The API's English message and code, for whoever helps the reader (folded away).
    technical: Option<String>,
    login_href: Option<String>,
}

/// Every error `code` has a message explaining it in every interface language, with what to do
/// next (a test finds the codes in the source): a page's error is never English it did not write.
fn explanation(tr: &Tr, error: &HttpError) -> String {
    tr.t(&format!("error-explain-{}", error.code.replace('_', "-")))
}

/// Whether an error response is for a person in a browser.
fn is_for_a_page(req: &HttpRequest) -> bool {
    let path = req.path();
    wants_html(req) && !path.starts_with("/api/") && !path.starts_with("/.well-known/")
}

/// The `ErrorHandlers` hook: replaces the JSON error of a page request with an error page.
pub fn html_error_page<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let error = res.response().extensions().get::<HttpError>().cloned();
    let (Some(error), true) = (error, is_for_a_page(res.request())) else {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    };
    let req = res.request().clone();
    let back = match req.query_string() {
        "" => req.path().to_string(),
        query => format!("{}?{query}", req.path()),
    };
    let login_href = format!(
        "/login?back={}",
        url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
    );
    if error.status == StatusCode::UNAUTHORIZED && req.method() == Method::GET {
        let redirect = HttpResponse::SeeOther()
            .insert_header(("Location", login_href))
            .finish();
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, redirect).map_into_right_body(),
        ));
    }
    let tr = Tr::for_request(&req, None);
    let city_name = req
        .extensions()
        .get::<FederationConfig<AppContext>>()
        .map(|c| c.city.name_for(&[tr.language_tag()]).to_string())
        .unwrap_or_default();
    let heading = tr.t(match error.status.as_u16() {
        400 | 422 => "error-title-bad-request",
        401 => "error-title-unauthorized",
        403 => "error-title-forbidden",
        404 => "error-title-not-found",
        410 => "error-title-gone",
        413 => "error-title-too-large",
        429 => "error-title-too-many",
        s if s >= 500 => "error-title-server",
        _ => "error-title-other",
    });
    let message = if error.in_readers_language {
        error.message.clone()
    } else {
        explanation(&tr, &error)
    };
    let page = ErrorPage {
        frame: Frame::anonymous(tr, &req, &city_name, heading.clone()),
        heading,
        message,
        technical: (!error.in_readers_language).then(|| format!("{} ({})", error.message, error.code)),
        login_href: (error.status == StatusCode::UNAUTHORIZED).then_some(login_href),
    };
    let body = page.render().unwrap_or_else(|_| error.message.clone());
    let response = HttpResponse::build(error.status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body::<B>(),
    ))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::web::i18n::UI_LANGUAGES;

    /// The error codes the source gives to `HttpError::new` or writes as a `code:` field.
    fn codes_in_the_source() -> Vec<String> {
        fn walk(dir: &Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("src is readable") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    for (marker, skip_status) in [("HttpError::new(", true), ("code: \"", false)] {
                        for (at, _) in text.match_indices(marker) {
                            let mut rest = &text[at + marker.len()..];
                            if skip_status {
                                let Some(comma) = rest.find(',') else { continue };
                                rest = rest[comma + 1..].trim_start();
                                let Some(literal) = rest.strip_prefix('"') else {
                                    continue;
                                };
                                rest = literal;
                            }
                            let code = &rest[..rest.find('"').unwrap_or(0)];
                            if !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                                found.push(code.to_string());
                            }
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn every_error_code_is_explained_in_every_interface_language() {
        let codes = codes_in_the_source();
        for expected in [
            "not_found",
            "validation_failed",
            "invalid_object",
            "conflict",
            "url_refused",
        ] {
            assert!(
                codes.iter().any(|c| c == expected),
                "the scan missed {expected}: {codes:?}"
            );
        }
        for language in UI_LANGUAGES {
            let tr = Tr::new(language);
            for code in &codes {
                let error = HttpError::new(
                    StatusCode::BAD_REQUEST,
                    Box::leak(code.clone().into_boxed_str()),
                    "x",
                );
                let explained = explanation(&tr, &error);
                assert!(
                    !explained.starts_with("error-explain-"),
                    "{language} does not explain the error code {code}"
                );
            }
        }
    }
}
