//! A browser-like HTTP client for the pages: it keeps cookies, does not follow redirects (so
//! tests see them), and reads the CSRF token of the page it got last.

use std::collections::BTreeMap;

use reqwest::{Method, StatusCode, header::HeaderMap, redirect::Policy};
use url::Url;

use super::{ADMIN_PASSWORD, TestCity};

/// Percent-encodes a query parameter value.
pub fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// One answer: status, headers and body.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Where a redirect points.
    pub fn location(&self) -> String {
        self.header("location")
    }

    /// The value of the first hidden `csrf` input.
    pub fn csrf(&self) -> Option<String> {
        let start = self.body.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
        let end = self.body[start..].find('"')?;
        Some(self.body[start..start + end].to_string())
    }
}

/// A visitor of one instance's pages.
pub struct WebSession {
    base: Url,
    http: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
    pub accept_language: String,
    /// Sent as `X-Forwarded-For`, as a client behind a proxy (or one pretending to be) sends it.
    pub forwarded_for: Option<String>,
}

impl WebSession {
    pub fn new(city: &TestCity) -> WebSession {
        WebSession::at(city.url("/"))
    }

    /// A visitor of the instance at `base`.
    pub fn at(base: Url) -> WebSession {
        WebSession {
            base,
            http: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .expect("an HTTP client"),
            cookies: BTreeMap::new(),
            accept_language: "en".into(),
            forwarded_for: None,
        }
    }

    /// A visitor logged in with `username` (password [`ADMIN_PASSWORD`]).
    pub async fn logged_in(city: &TestCity, username: &str) -> WebSession {
        let mut session = WebSession::new(city);
        session.log_in(username, ADMIN_PASSWORD).await;
        session
    }

    /// Logs in through the login form; fails the test unless it succeeds.
    pub async fn log_in(&mut self, username: &str, password: &str) {
        let session = self;
        let form = session.get("/login").await;
        let csrf = form.csrf().expect("the login form has a CSRF token");
        let answer = session
            .post(
                "/login",
                &[
                    ("csrf", csrf.as_str()),
                    ("username", username),
                    ("password", password),
                ],
            )
            .await;
        assert_eq!(answer.status, 303, "logging in as {username}: {}", answer.body);
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.send(Method::GET, path, None).await
    }

    /// Posts a URL-encoded form.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        self.send(
            Method::POST,
            path,
            Some(("application/x-www-form-urlencoded".into(), body.into_bytes())),
        )
        .await
    }

    /// Posts a `multipart/form-data` form (text fields only).
    pub async fn post_multipart(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        self.post_multipart_with_files(path, form, &[]).await
    }

    /// Posts a `multipart/form-data` form with files: each its field name, file name, media type
    /// and content.
    pub async fn post_multipart_with_files(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
        files: &[(&str, &str, &str, &[u8])],
    ) -> Page {
        let boundary = "praxis-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, value) in form {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        for (name, file_name, media_type, content) in files {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {media_type}\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.send(
            Method::POST,
            path,
            Some((format!("multipart/form-data; boundary={boundary}"), body)),
        )
        .await
    }

    async fn send(&mut self, method: Method, path: &str, body: Option<(String, Vec<u8>)>) -> Page {
        let url = self.base.join(path).expect("a path of the instance");
        let mut request = self
            .http
            .request(method, url)
            .header("Accept", "text/html,application/xhtml+xml")
            .header("Accept-Language", &self.accept_language);
        if !self.cookies.is_empty() {
            let cookies: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            request = request.header("Cookie", cookies.join("; "));
        }
        if let Some(address) = &self.forwarded_for {
            request = request.header("X-Forwarded-For", address);
        }
        if let Some((content_type, bytes)) = body {
            request = request.header("Content-Type", content_type).body(bytes);
        }
        let response = request.send().await.expect("the instance answers");
        for set in response.headers().get_all("set-cookie") {
            let text = set.to_str().unwrap_or_default();
            let Some((name, rest)) = text.split(';').next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let removed = text.contains("Max-Age=0") || rest.is_empty();
            if removed {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), rest.to_string());
            }
        }
        Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap_or_default(),
        }
    }
}
