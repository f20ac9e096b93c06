//! The JSON-LD `@context` of every document, and the Praxis vocabulary it references.
//!
//! Every Praxis extension term has a full IRI under [`NAMESPACE`]; the term definitions are
//! generated from the kinds' field schemas, so a new field is in the vocabulary at once.

use serde_json::{Map, Value, json};

use crate::{
    config::Settings,
    domain::item::{
        ItemKind,
        schema::{FieldSpec, FieldType},
    },
};

/// Namespace of the Praxis vocabulary, the same on every instance.
pub const NAMESPACE: &str = "https://w3id.org/praxis/ns#";

/// Where every instance serves the Praxis context document.
pub const CONTEXT_PATH: &str = "/ns/praxis.jsonld";

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// ActivityStreams, the security vocabulary (for `publicKey`) and the Praxis context.
pub fn context(settings: &Settings) -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        settings.url_for(CONTEXT_PATH).as_str(),
    ])
}

/// The Praxis context document served at [`CONTEXT_PATH`].
pub fn praxis_context_document() -> Value {
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
    json!({ "@context": terms })
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
        let document = praxis_context_document();
        let terms = document["@context"].as_object().unwrap();
        for kind in ItemKind::ALL {
            for spec in kind.fields() {
                assert!(
                    terms.contains_key(&spec.term()),
                    "{} is not in the context",
                    spec.term()
                );
            }
        }
        for (term, definition) in terms {
            let id = definition["@id"].as_str().unwrap_or_default();
            assert!(
                id.starts_with(NAMESPACE),
                "{term} has no full Praxis IRI: {definition}"
            );
        }
    }
}
