//! The JSON-LD `@context` of every document, and the Praxis vocabulary in it.
//!
//! Every Praxis extension term has a full IRI under [`NAMESPACE`]; the term definitions are
//! generated from the kinds' field schemas, so a new field is in the vocabulary at once.
//!
//! Documents carry the definitions of the terms they use inline, after the two contexts every
//! JSON-LD processor in the fediverse ships with ([`WELL_KNOWN_CONTEXTS`]). A processor can so
//! read a Praxis document without fetching anything: fedify and software built on jsonld.js refuse
//! (or fail on) remote contexts they do not have, and a per-instance context URL would have to be
//! fetched from every city. The context document at [`CONTEXT_PATH`] is still served for the
//! documents earlier versions sent.

use std::{collections::BTreeSet, sync::LazyLock};

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::domain::item::{
    ItemKind,
    schema::{FieldSpec, FieldType},
};

/// Namespace of the Praxis vocabulary, the same on every instance.
pub const NAMESPACE: &str = "https://w3id.org/praxis/ns#";

/// Where every instance serves the Praxis context document (referenced by earlier versions).
pub const CONTEXT_PATH: &str = "/ns/praxis.jsonld";

/// ActivityStreams and the security vocabulary (for `publicKey`): every JSON-LD processor in the
/// fediverse has these two preloaded, so naming them costs no fetch.
pub const WELL_KNOWN_CONTEXTS: [&str; 2] = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
];

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const ACTIVITYSTREAMS: &str = "https://www.w3.org/ns/activitystreams#";
const MASTODON: &str = "http://joinmastodon.org/ns#";
const SECURITY: &str = "https://w3id.org/security#";
const SCHEMA_ORG: &str = "http://schema.org/";

/// Every term a Praxis document may use beyond the well-known contexts: the Praxis vocabulary
/// and the terms Mastodon introduced, spelled with the IRIs Mastodon gives them so that its
/// readers (and everyone who reads like it) understand them.
static TERMS: LazyLock<Map<String, Value>> = LazyLock::new(|| {
    let mut terms = praxis_terms();
    let as_iri = |term: &str| format!("{ACTIVITYSTREAMS}{term}");
    terms.insert("Hashtag".into(), json!(as_iri("Hashtag")));
    terms.insert("sensitive".into(), json!(as_iri("sensitive")));
    terms.insert(
        "manuallyApprovesFollowers".into(),
        json!(as_iri("manuallyApprovesFollowers")),
    );
    terms.insert(
        "movedTo".into(),
        json!({"@id": as_iri("movedTo"), "@type": "@id"}),
    );
    terms.insert(
        "alsoKnownAs".into(),
        json!({"@id": as_iri("alsoKnownAs"), "@type": "@id"}),
    );
    terms.insert("discoverable".into(), json!(format!("{MASTODON}discoverable")));
    // The Multikey terms of FEP-521a, as https://w3id.org/security/multikey/v1 defines them.
    terms.insert(
        "assertionMethod".into(),
        json!({"@id": format!("{SECURITY}assertionMethod"), "@type": "@id", "@container": "@set"}),
    );
    terms.insert("Multikey".into(), json!(format!("{SECURITY}Multikey")));
    terms.insert(
        "controller".into(),
        json!({"@id": format!("{SECURITY}controller"), "@type": "@id"}),
    );
    terms.insert(
        "publicKeyMultibase".into(),
        json!({"@id": format!("{SECURITY}publicKeyMultibase"), "@type": format!("{SECURITY}multibase")}),
    );
    terms.insert("indexable".into(), json!(format!("{MASTODON}indexable")));
    // A document's language as Lemmy and PeerTube write it (a schema.org `Language`).
    terms.insert("language".into(), json!(format!("{SCHEMA_ORG}inLanguage")));
    terms.insert("identifier".into(), json!(format!("{SCHEMA_ORG}identifier")));
    terms
});

/// `document` as JSON with its `@context` first: the well-known contexts and, inline, the
/// definitions of the extension terms it uses (as properties or as types).
pub fn with_context<T: Serialize>(document: &T) -> serde_json::Result<Value> {
    let value = serde_json::to_value(document)?;
    let mut used = BTreeSet::new();
    collect_terms(&value, &mut used);
    let inline: Map<String, Value> = used
        .into_iter()
        .filter_map(|term| TERMS.get(term).map(|d| (term.to_string(), d.clone())))
        .collect();
    let mut context: Vec<Value> = WELL_KNOWN_CONTEXTS.iter().map(|c| json!(c)).collect();
    if !inline.is_empty() {
        context.push(Value::Object(inline));
    }
    let mut out = Map::new();
    out.insert("@context".into(), Value::Array(context));
    match value {
        Value::Object(fields) => out.extend(fields.into_iter().filter(|(k, _)| k != "@context")),
        other => return Err(serde::ser::Error::custom(format!("not a JSON object: {other}"))),
    }
    Ok(Value::Object(out))
}

/// Every key of every object in `value`, and every `type` given as a string.
fn collect_terms<'a>(value: &'a Value, used: &mut BTreeSet<&'a str>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                used.insert(key);
                if key == "type" {
                    match field {
                        Value::String(t) => {
                            used.insert(t);
                        }
                        Value::Array(types) => used.extend(types.iter().filter_map(Value::as_str)),
                        _ => {}
                    }
                }
                collect_terms(field, used);
            }
        }
        Value::Array(values) => values.iter().for_each(|v| collect_terms(v, used)),
        _ => {}
    }
}

/// The Praxis context document served at [`CONTEXT_PATH`].
pub fn praxis_context_document() -> Value {
    json!({ "@context": praxis_terms() })
}

/// The Praxis vocabulary: each term with its full IRI under [`NAMESPACE`].
pub fn praxis_terms() -> Map<String, Value> {
    let mut terms = Map::new();
    let mut add = |term: &str, definition: Value| {
        terms.insert(term.to_string(), definition);
    };
    let iri = |term: &str| format!("{NAMESPACE}{term}");
    add("itemKind", json!({"@id": iri("itemKind")}));
    add("originalLanguage", json!({"@id": iri("originalLanguage")}));
    add("themes", json!({"@id": iri("themes"), "@container": "@set"}));
    add(
        "targetGroups",
        json!({"@id": iri("targetGroups"), "@container": "@set"}),
    );
    add("country", json!({"@id": iri("country")}));
    add(
        "languages",
        json!({"@id": iri("languages"), "@container": "@set"}),
    );
    add("place", json!({"@id": iri("place")}));
    add(
        "periodStart",
        json!({"@id": iri("periodStart"), "@type": format!("{XSD}date")}),
    );
    add(
        "periodEnd",
        json!({"@id": iri("periodEnd"), "@type": format!("{XSD}date")}),
    );
    add("status", json!({"@id": iri("status")}));
    add("licence", json!({"@id": iri("licence")}));
    add("contacts", json!({"@id": iri("contacts"), "@container": "@set"}));
    add("role", json!({"@id": iri("role")}));
    add("email", json!({"@id": iri("email")}));
    add(
        "cites",
        json!({"@id": iri("cites"), "@type": "@id", "@container": "@set"}),
    );
    add("adaptedFrom", json!({"@id": iri("adaptedFrom"), "@type": "@id"}));
    add("signedBy", json!({"@id": iri("signedBy")}));
    add("digest", json!({"@id": iri("digest")}));
    // Contributed translations (docs/FEDERATION.md, "Contributed translations").
    add(
        "translatedBy",
        json!({"@id": iri("translatedBy"), "@type": "@id", "@container": "@index"}),
    );
    add("Translation", json!({"@id": iri("Translation")}));
    add(
        "translationOf",
        json!({"@id": iri("translationOf"), "@type": "@id"}),
    );
    add(
        "basedOn",
        json!({"@id": iri("basedOn"), "@type": format!("{XSD}dateTime")}),
    );
    add(
        "size",
        json!({"@id": iri("size"), "@type": format!("{XSD}nonNegativeInteger")}),
    );
    for kind in ItemKind::ALL {
        for spec in kind.fields() {
            define(&mut terms, spec);
        }
    }
    terms
}

fn define(terms: &mut Map<String, Value>, spec: &FieldSpec) {
    let term = spec.term();
    let id = format!("{NAMESPACE}{term}");
    let definition = match spec.ty {
        FieldType::Text => json!({"@id": id, "@container": "@language"}),
        FieldType::Line | FieldType::Code(_) => json!({"@id": id}),
        FieldType::Lines | FieldType::Codes(_) => json!({"@id": id, "@container": "@set"}),
        FieldType::Date => json!({"@id": id, "@type": format!("{XSD}date")}),
        FieldType::Duration => json!({"@id": id, "@type": format!("{XSD}duration")}),
        FieldType::Count => json!({"@id": id, "@type": format!("{XSD}nonNegativeInteger")}),
        FieldType::Links => json!({"@id": id, "@type": "@id", "@container": "@set"}),
        FieldType::Records(fields) => {
            for field in fields {
                // Record fields reuse ActivityStreams' `name`; the others are Praxis terms.
                if field.name != "name" {
                    define(terms, field);
                }
            }
            json!({"@id": id, "@container": "@list"})
        }
    };
    terms.entry(term).or_insert(definition);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_term_has_a_full_iri() {
        let terms = praxis_terms();
        for kind in ItemKind::ALL {
            for spec in kind.fields() {
                assert!(
                    terms.contains_key(&spec.term()),
                    "{} is not in the context",
                    spec.term()
                );
            }
        }
        for (term, definition) in &terms {
            let id = definition["@id"].as_str().unwrap_or_default();
            assert!(
                id.starts_with(NAMESPACE),
                "{term} has no full Praxis IRI: {definition}"
            );
        }
    }

    #[test]
    fn a_document_carries_the_definitions_of_the_terms_it_uses_and_no_others() {
        let document = json!({
            "type": "Article",
            "itemKind": "good_practice",
            "tag": [{"type": "Hashtag", "name": "#roma"}],
        });
        let with = with_context(&document).unwrap();
        assert_eq!(with.as_object().unwrap().keys().next().unwrap(), "@context");
        let context = with["@context"].as_array().unwrap();
        assert_eq!(context[..2], WELL_KNOWN_CONTEXTS.map(|c| json!(c)));
        let inline = context[2].as_object().unwrap();
        let defined: Vec<&str> = inline.keys().map(String::as_str).collect();
        assert_eq!(defined, ["Hashtag", "itemKind"]);
        assert_eq!(inline["itemKind"]["@id"], format!("{NAMESPACE}itemKind"));
        assert_eq!(with["tag"], document["tag"]);
    }

    #[test]
    fn a_document_without_extension_terms_names_only_the_well_known_contexts() {
        let with = with_context(&json!({"type": "Follow", "actor": "https://a.example/city"})).unwrap();
        assert_eq!(with["@context"], json!(WELL_KNOWN_CONTEXTS));
    }
}
