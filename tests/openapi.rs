//! The OpenAPI description at `/api/v1/openapi.json`: it documents every route the API serves
//! (read from the route table itself), says which operations need a token, and what it says
//! about bodies is what the server really answers, on both backends.

mod common;

use std::collections::BTreeSet;

use common::{Backend, TestCity, m4r_practice};
use praxis::domain::user::Role;
use reqwest::Method;
use serde_json::{Value, json};

/// The route table the API is served from.
const ROUTES: &str = include_str!("../src/api/mod.rs");

/// `(METHOD, /api/v1/path)` of every route in the `/api/v1` scope of the route table.
fn served_routes() -> BTreeSet<(String, String)> {
    let scope = ROUTES
        .split("web::scope(\"/api/v1\")")
        .nth(1)
        .expect("the route table has an /api/v1 scope");
    // One route may span several lines once formatted.
    let scope = scope.split_whitespace().collect::<Vec<_>>().join("");
    scope
        .split(".route(")
        .skip(1)
        .filter_map(|route| {
            let rest = route.strip_prefix('"')?;
            let (path, rest) = rest.split_once('"')?;
            let method = rest.split("web::").nth(1)?.split('(').next()?;
            Some((method.to_ascii_uppercase(), format!("/api/v1{path}")))
        })
        .collect()
}

async fn description(city: &TestCity) -> Value {
    let response = city
        .http
        .get(city.url("/api/v1/openapi.json"))
        .send()
        .await
        .expect("GET the description");
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    response.json().await.expect("the description is JSON")
}

/// Every documented operation: `(METHOD, path, operation)`.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().unwrap() {
            found.push((method.to_ascii_uppercase(), path.clone(), operation.clone()));
        }
    }
    found
}

fn needs_bearer(operation: &Value) -> bool {
    operation["security"]
        .as_array()
        .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()))
}

/// A path of the table with its parameters filled in with values that exist nowhere.
fn concrete(path: &str) -> String {
    path.replace("{uuid}", "00000000-0000-4000-8000-000000000000")
        .replace("{id}", "999999")
        .replace("{username}", "nobody")
        .replace("{handle}", "nowhere")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_description_documents_every_route_and_who_may_call_it() {
    let city = TestCity::start("sofia", Backend::Sqlite).await;
    let doc = description(&city).await;

    let version = doc["openapi"].as_str().expect("an openapi version");
    assert!(version.starts_with("3."), "OpenAPI 3, got {version}");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer",
        "the bearer scheme the operations refer to is declared"
    );

    let served = served_routes();
    assert!(served.len() >= 25, "the route table was read: {served:?}");
    let documented: BTreeSet<(String, String)> = operations(&doc)
        .into_iter()
        .map(|(method, path, _)| (method, path))
        .collect();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "served but not documented: {undocumented:?}"
    );
    let phantom: Vec<_> = documented.difference(&served).collect();
    assert!(phantom.is_empty(), "documented but not served: {phantom:?}");

    let client = reqwest::Client::new();
    for (method, path, operation) in operations(&doc) {
        let what = format!("{method} {path}");
        assert!(
            operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
            "{what} has a summary"
        );
        let responses = operation["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|status| status.starts_with('2')),
            "{what} documents its success"
        );
        for (status, response) in responses {
            if status.starts_with('4') {
                assert_eq!(
                    response["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ApiError",
                    "{what} answers {status} in the one error format"
                );
            }
        }

        // Asked without a token, the server itself says whether the operation needs one.
        let answer = client
            .request(method.parse::<Method>().unwrap(), city.url(&concrete(&path)))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        let refused = answer.status() == 401;
        if method != "GET" {
            assert!(refused, "{what} changes state, so it needs a token");
        }
        assert_eq!(
            needs_bearer(&operation),
            refused,
            "{what}: the description says it needs a token iff the server refuses it without one"
        );
        if refused {
            assert!(responses.contains_key("401"), "{what} documents its 401");
            let body: Value = answer.json().await.unwrap();
            assert_eq!(body["error"]["code"], "unauthorized");
        }
    }
}

/// Checks `value` against `schema` (resolving references in `doc`): types, required
/// properties, items, and the alternatives of `allOf` / `oneOf` / `anyOf`. Returns what does
/// not match.
fn mismatches(doc: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(!target.is_null(), "{reference} is defined");
        return mismatches(doc, target, value, at);
    }
    let mut found = Vec::new();
    if let Some(all) = schema["allOf"].as_array() {
        for part in all {
            found.extend(mismatches(doc, part, value, at));
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema[key].as_array()
            && !options.iter().any(|o| mismatches(doc, o, value, at).is_empty())
        {
            found.push(format!("{at}: {value} matches none of {key}"));
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let fits = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !fits {
            found.push(format!("{at}: expected {types:?}, got {value}"));
            return found;
        }
    }
    if let Some(values) = schema["enum"].as_array()
        && !values.contains(value)
    {
        found.push(format!("{at}: {value} is not one of {values:?}"));
    }
    if let Value::Object(object) = value {
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap();
            if !object.contains_key(name) {
                found.push(format!("{at}: required `{name}` is missing"));
            }
        }
        if let Some(properties) = schema["properties"].as_object() {
            for (name, property) in properties {
                if let Some(inner) = object.get(name) {
                    found.extend(mismatches(doc, property, inner, &format!("{at}.{name}")));
                }
            }
        }
    }
    if let (Value::Array(elements), Some(items)) = (value, schema.get("items")) {
        for (i, element) in elements.iter().enumerate() {
            found.extend(mismatches(doc, items, element, &format!("{at}[{i}]")));
        }
    }
    found
}

/// Asserts that an answer is what the description says `method path` answers with `status`.
fn assert_documented(doc: &Value, method: &str, path: &str, status: u16, body: &Value) {
    let operation = &doc["paths"][path][method.to_ascii_lowercase()];
    let response = &operation["responses"][status.to_string()];
    assert!(
        !response.is_null(),
        "{method} {path} answered {status}, which it does not document: {body}"
    );
    let schema = &response["content"]["application/json"]["schema"];
    assert!(!schema.is_null(), "{method} {path} {status} documents its body");
    let problems = mismatches(doc, schema, body, "body");
    assert!(
        problems.is_empty(),
        "{method} {path} {status} differs from its description:\n{}\n{body:#}",
        problems.join("\n")
    );
}

/// Asserts that `method path` answered `expected`, then that its body is what the description
/// says an answer with that status holds.
fn assert_answer(doc: &Value, method: &str, path: &str, expected: u16, status: u16, body: &Value) {
    assert_eq!(status, expected, "{method} {path}: {body}");
    assert_documented(doc, method, path, status, body);
}

on_both_backends! {
    async fn answers_are_what_the_description_says(backend: Backend) {
        let city = TestCity::start("tran", backend).await;
        let doc = description(&city).await;
        let send = |method: Method, path: &str, body: Option<Value>| {
            let (city, path) = (&city, path.to_string());
            async move { city.api_send(method, &path, body.as_ref()).await }
        };

        let (status, created) = send(Method::POST, "/api/v1/items", Some(m4r_practice())).await;
        assert_answer(&doc, "POST", "/api/v1/items", 201, status, &created);
        let id = created["id"].as_str().unwrap().to_string();
        let item_path = city.item_path(&id);
        let (status, body) = send(Method::GET, &item_path, None).await;
        assert_answer(&doc, "GET", "/api/v1/items/{uuid}", 200, status, &body);
        let mut changed = m4r_practice();
        changed["title"]["en"] = json!("Mediators for Roma families, second year");
        let (status, body) = send(Method::PUT, &item_path, Some(changed)).await;
        assert_answer(&doc, "PUT", "/api/v1/items/{uuid}", 200, status, &body);
        let lookup = format!("/api/v1/items/lookup?id={}", common::web::encode(&id));
        let (status, body) = send(Method::GET, &lookup, None).await;
        assert_answer(&doc, "GET", "/api/v1/items/lookup", 200, status, &body);

        let (status, body) = send(
            Method::POST,
            "/api/v1/replies",
            Some(json!({"in_reply_to": id, "content": "How were the mediators trained?", "language": "en"})),
        )
        .await;
        assert_answer(&doc, "POST", "/api/v1/replies", 201, status, &body);

        for (path, documented) in [
            ("/api/v1/feed", "/api/v1/feed"),
            ("/api/v1/search?q=mediators", "/api/v1/search"),
            ("/api/v1/search?q=mediators&facets=false", "/api/v1/search"),
            ("/api/v1/city", "/api/v1/city"),
            ("/api/v1/follows", "/api/v1/follows"),
            ("/api/v1/backfills", "/api/v1/backfills"),
            ("/api/v1/me", "/api/v1/me"),
            ("/api/v1/tokens", "/api/v1/tokens"),
            ("/api/v1/users", "/api/v1/users"),
            ("/api/v1/admin/deliveries", "/api/v1/admin/deliveries"),
        ] {
            let (status, body) = send(Method::GET, path, None).await;
            assert_eq!(status, 200, "GET {path}: {body}");
            assert_documented(&doc, "GET", documented, status, &body);
        }

        let (status, body) = send(Method::POST, "/api/v1/tokens", Some(json!({"name": "import script"}))).await;
        assert_answer(&doc, "POST", "/api/v1/tokens", 201, status, &body);
        let token_path = format!("/api/v1/tokens/{}", body["info"]["id"]);
        let (status, _) = send(Method::DELETE, &token_path, None).await;
        assert_eq!(status, 204, "revoked");
        let (status, body) = send(Method::DELETE, &token_path, None).await;
        assert_answer(&doc, "DELETE", "/api/v1/tokens/{id}", 404, status, &body);

        let user = json!({"username": "maria", "display_name": "Maria", "role": "reader", "password": "a long enough password"});
        let (status, body) = send(Method::POST, "/api/v1/users", Some(user)).await;
        assert_answer(&doc, "POST", "/api/v1/users", 201, status, &body);
        let (status, body) = send(
            Method::PATCH,
            "/api/v1/users/maria",
            Some(json!({"role": "editor", "password": ""})),
        )
        .await;
        assert_answer(&doc, "PATCH", "/api/v1/users/{username}", 200, status, &body);
        assert!(body["password"].is_string(), "a generated password is returned: {body}");

        // Errors: a draft with several problems, a missing item, a reader refused.
        let bad = json!({"kind": "good_practice", "title": {"bg": ""}, "themes": ["astrology"]});
        let (status, body) = send(Method::POST, "/api/v1/items", Some(bad)).await;
        assert_answer(&doc, "POST", "/api/v1/items", 422, status, &body);
        let fields = body["error"]["fields"].as_array().unwrap();
        assert!(fields.iter().any(|f| f["field"] == "themes[0]" || f["field"] == "themes"), "{body}");
        assert!(fields.iter().all(|f| f["code"].is_string()), "{body}");
        let (status, body) = send(Method::GET, &concrete("/api/v1/items/{uuid}"), None).await;
        assert_answer(&doc, "GET", "/api/v1/items/{uuid}", 404, status, &body);
        let (status, body) = send(Method::GET, "/api/v1/search?page=0&kind=poem", None).await;
        assert_answer(&doc, "GET", "/api/v1/search", 422, status, &body);
        assert_eq!(body["error"]["fields"].as_array().unwrap().len(), 2, "{body}");

        let reader = city.user_token("lina", Role::Reader).await;
        let answer = city
            .http
            .post(city.url("/api/v1/items"))
            .bearer_auth(&reader)
            .json(&m4r_practice())
            .send()
            .await
            .unwrap();
        let status = answer.status().as_u16();
        let body: Value = answer.json().await.unwrap();
        assert_answer(&doc, "POST", "/api/v1/items", 403, status, &body);

        let (status, body) = send(Method::DELETE, &item_path, None).await;
        assert_answer(&doc, "DELETE", "/api/v1/items/{uuid}", 200, status, &body);
    }
}
