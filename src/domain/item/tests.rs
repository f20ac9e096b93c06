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

fn kind_draft(kind: &str, details: serde_json::Value) -> ItemDraft {
    draft(serde_json::json!({
        "kind": kind,
        "title": {"it": "Titolo", "bg": "Заглавие"},
        "original_language": "it",
        "details": details
    }))
}

#[test]
fn each_kind_requires_its_own_fields() {
    let errors = kind_draft("training_material", serde_json::json!({}))
        .validate()
        .unwrap_err();
    assert!(errors.has("details.resource_type"), "{errors}");
    let errors = kind_draft("exchange_report", serde_json::json!({}))
        .validate()
        .unwrap_err();
    assert!(
        errors.has("details.exchange_type") && errors.has("period.start"),
        "{errors}"
    );
    assert!(
        kind_draft("good_practice", serde_json::json!({}))
            .validate()
            .is_ok()
    );
    assert!(
        kind_draft("action_plan", serde_json::json!({}))
            .validate()
            .is_ok()
    );
}

#[test]
fn kind_fields_are_checked_for_codes_durations_dates_and_links() {
    let errors = kind_draft(
        "training_material",
        serde_json::json!({
            "resource_type": "podcast",
            "time_required": "two hours",
            "level": 3,
            "competencies": {"mk": "Вештини"},
            "colour": "red"
        }),
    )
    .validate()
    .unwrap_err();
    for field in [
        "details.resource_type",
        "details.time_required",
        "details.level",
        "details.competencies.mk",
        "details.colour",
    ] {
        assert!(errors.has(field), "no error for {field}: {errors}");
    }
    let errors = draft(serde_json::json!({
        "kind": "exchange_report",
        "title": {"bg": "Обмен"},
        "period": {"start": "2026-05-10", "end": "2026-05-01"},
        "country": "Bulgaria",
        "themes": ["equality", "happiness"],
        "cites": ["not a url"],
        "details": {
            "exchange_type": "study_visit",
            "practices_observed": ["ftp://example.org/x"],
            "follow_up_actions": [{"owner": "Sofia", "deadline": "2026-04-01"}]
        }
    }))
    .validate()
    .unwrap_err();
    for field in [
        "period.end",
        "country",
        "themes[1]",
        "cites[0]",
        "details.practices_observed[0]",
        "details.follow_up_actions[0].action",
    ] {
        assert!(errors.has(field), "no error for {field}: {errors}");
    }
}

#[test]
fn measures_before_the_plan_starts_are_incoherent() {
    let errors = draft(serde_json::json!({
        "kind": "action_plan",
        "title": {"it": "Piano"},
        "period": {"start": "2026-01-01"},
        "details": {"measures": [{"title": "Tavolo", "deadline": "2025-12-01", "status": "planned"}]}
    }))
    .validate()
    .unwrap_err();
    assert!(errors.has("details.measures[0].deadline"), "{errors}");
}

#[test]
fn a_content_survives_the_trip_back_to_a_draft() {
    let content = draft(serde_json::json!({
        "kind": "action_plan",
        "title": {"it": "Piano"},
        "themes": ["housing"],
        "tags": ["PAL", "#Bari", "housing"],
        "contacts": [{"name": "Ufficio"}],
        "period": {"start": "2026-01-01"},
        "details": {"areas": ["health", "housing", "health"], "adoption_date": "2025-11-20"}
    }))
    .validate()
    .unwrap();
    assert_eq!(
        content.tags,
        ["Bari", "PAL"],
        "a tag repeating a theme is dropped; tags are sorted"
    );
    let again = ItemDraft::from(&content).validate().unwrap();
    assert_eq!(again, content);
}

#[test]
fn a_confidential_report_is_published_only_to_a_narrower_audience() {
    let report = |level: &str, audience: serde_json::Value| {
        draft(serde_json::json!({
            "kind": "exchange_report",
            "title": {"bg": "Обмен"},
            "period": {"start": "2026-05-10"},
            "details": {"exchange_type": "study_visit", "confidentiality": level},
            "audience": audience,
        }))
        .validate()
    };
    let public = serde_json::json!({"kind": "public"});
    let partners = serde_json::json!({"kind": "partners"});
    let named = serde_json::json!({"kind": "cities", "cities": ["https://tran.example/city"]});
    assert!(report("public", public.clone()).is_ok());
    for level in ["network", "restricted"] {
        assert!(
            report(level, public.clone()).unwrap_err().has("audience.kind"),
            "{level}"
        );
        assert_eq!(
            report(level, partners.clone()).expect(level).audience,
            crate::domain::audience::Audience::Partners
        );
        let content = report(level, named.clone()).expect(level);
        assert_eq!(content.audience.named_cities().len(), 1, "{level}");
    }
}
