use super::*;

fn draft(value: serde_json::Value) -> ItemDraft {
    serde_json::from_value(value).expect("draft parses")
}

#[test]
fn multilingual_good_practice_is_valid() {
    let content = draft(serde_json::json!({
        "kind": "good_practice",
        "original_language": "bg",
        "title": {
            "bg": "Община, работеща в подкрепа на ромите",
            "it": "Un comune al servizio dei Rom"
        },
        "summary": {"bg": "Обучение на общински служители"},
        "body": {"bg": "<p>Целта му е въвеждане на модел</p>", "it": "<p>Modello di inclusione</p>"}
    }))
    .validate()
    .expect("valid");
    assert_eq!(content.original_language.as_str(), "bg");
    assert_eq!(content.title.len(), 2);
    assert_eq!(content.kind, ItemKind::GoodPractice);
}

#[test]
fn every_field_error_is_reported_at_once() {
    let errors = draft(serde_json::json!({
        "kind": "recipe",
        "title": {"Italian": "Buone prassi", "it": "  "},
        "body": {"mk": "<p>Заедно</p>"}
    }))
    .validate()
    .unwrap_err();
    for field in ["kind", "title.Italian", "title.it", "body.mk"] {
        assert!(errors.has(field), "expected an error for {field}, got {errors}");
    }
}

#[test]
fn original_language_is_required_for_several_languages_and_must_be_present() {
    let several = serde_json::json!({
        "kind": "good_practice",
        "title": {"it": "Buone prassi", "en": "Good practices"}
    });
    assert!(
        draft(several.clone())
            .validate()
            .unwrap_err()
            .has("original_language")
    );
    let mut absent = several;
    absent["original_language"] = "bg".into();
    assert!(draft(absent).validate().unwrap_err().has("original_language"));
}

#[test]
fn hostile_body_is_sanitized_during_validation() {
    let content = draft(serde_json::json!({
        "kind": "good_practice",
        "title": {"en": "Safe"},
        "body": {"en": "<p>ok</p><script>alert(1)</script><img src=x onerror=alert(1)>"}
    }))
    .validate()
    .unwrap();
    let body = content.body.get(&LanguageTag::parse("en").unwrap()).unwrap();
    assert!(!body.contains("script") && !body.contains("onerror"), "{body}");
}

#[test]
fn unknown_fields_are_refused_by_name() {
    let err = serde_json::from_value::<ItemDraft>(serde_json::json!({"titel": {"en": "x"}}))
        .unwrap_err()
        .to_string();
    assert!(err.contains("titel"), "{err}");
}
