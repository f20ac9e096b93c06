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
    login_href: Option<String>,
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
    let page = ErrorPage {
        frame: Frame::anonymous(tr, &req, &city_name, heading.clone()),
        heading,
        message: error.message.clone(),
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
