//! Knowledge items several test files publish.

use serde_json::{Value, json};

/// Campobasso's practice, written in Italian with an English title: a Bulgarian reader lacks
/// every text of it, an English one all but the title.
pub fn italian_practice() -> Value {
    json!({
        "kind": "good_practice",
        "original_language": "it",
        "title": {"it": "Mediatori scolastici rom", "en": "Roma school mediators"},
        "summary": {"it": "Mediatori rom accompagnano le famiglie nelle scuole."},
        "body": {"it": "<p>Il progetto è nato nel 2019.</p>"},
        "details": {"objectives": {"it": "Ridurre l'abbandono scolastico"}}
    })
}
