//! The item editor as data: turning a submitted form into an [`ItemDraft`], and a draft (with
//! its validation errors) into the controls of the form.
//!
//! Input names are the field paths validation reports errors under (`title.bg`,
//! `details.indicators[0].name`), so every error lands next to its field. The form is rendered
//! from the draft that was validated, never from the raw input, so those paths always match.

use serde_json::{Map, Value};

use super::{
    i18n::{Tr, language_named},
    markdown,
};
use crate::domain::{
    audience::{Audience, AudienceDraft},
    item::{
        AttachmentDraft, ContactDraft, ItemDraft, ItemKind, LocationDraft, PeriodDraft,
        schema::{FieldSpec, FieldType},
    },
    language::LanguageTag,
    validation::FieldError,
    vocabulary::{STATUSES, TARGET_GROUPS, THEMES},
};

/// Empty rows offered for adding records (contacts, indicators...).
const BLANK_ROWS: usize = 2;

/// The name/value pairs of a submitted form, in order; names may repeat (checkboxes).
#[derive(Debug, Default, Clone)]
pub struct FormInput(pub Vec<(String, String)>);

impl FormInput {
    /// The first value of `name`, trimmed, when not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every non-empty value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// The non-empty lines of a text area.
    fn lines(&self, name: &str) -> Vec<String> {
        self.get(name)
            .map(|text| {
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How many rows of a record list were submitted (the highest index plus one).
    fn rows(&self, name: &str) -> usize {
        let prefix = format!("{name}[");
        self.0
            .iter()
            .filter_map(|(k, _)| k.strip_prefix(&prefix)?.split(']').next()?.parse::<usize>().ok())
            .map(|i| i + 1)
            .max()
            .unwrap_or(0)
            .min(200)
    }
}

/// The language versions the form edits: the `languages` field, languages by tag or by name
/// in any interface language ("bg, English, italiano"), separated by commas (tags also by spaces).
pub fn languages_of(input: &FormInput) -> (Vec<String>, Option<(String, String)>) {
    let mut languages = Vec::new();
    let mut invalid = None;
    let mut add = |tag: String| {
        if !languages.contains(&tag) {
            languages.push(tag);
        }
    };
    // Ticked in the list by name, then any others typed by name or code.
    for picked in input.all("language_pick") {
        if let Ok(tag) = LanguageTag::parse(&picked) {
            add(tag.to_string());
        }
    }
    for chunk in input
        .get("languages")
        .unwrap_or_default()
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(tag) = language_named(chunk) {
            add(tag);
            continue;
        }
        for part in chunk.split_whitespace() {
            match LanguageTag::parse(part) {
                Ok(tag) => add(tag.to_string()),
                Err(e) => match language_named(part) {
                    Some(tag) => add(tag),
                    None => invalid = Some((part.to_string(), e.to_string())),
                },
            }
        }
    }
    (languages, invalid)
}

/// Reads a submitted editor form into a draft of `kind`.
pub fn draft_from_form(kind: ItemKind, input: &FormInput, languages: &[String]) -> ItemDraft {
    let per_language = |field: &str| -> std::collections::BTreeMap<String, String> {
        languages
            .iter()
            .filter_map(|l| Some((l.clone(), input.get(&format!("{field}.{l}"))?.to_string())))
            .collect()
    };
    let contacts = (0..input.rows("contacts"))
        .map(|i| ContactDraft {
            name: input.get(&format!("contacts[{i}].name")).map(String::from),
            role: input.get(&format!("contacts[{i}].role")).map(String::from),
            email: input.get(&format!("contacts[{i}].email")).map(String::from),
        })
        .filter(|c| c.name.is_some() || c.role.is_some() || c.email.is_some())
        .collect();
    let attachments = input
        .all("attachment")
        .iter()
        .filter_map(|json| serde_json::from_str::<AttachmentDraft>(json).ok())
        .collect();
    let mut details = Map::new();
    for spec in kind.fields() {
        let name = format!("details.{}", spec.name);
        if let Some(value) = value_from_form(spec, &name, input, languages) {
            details.insert(spec.name.to_string(), value);
        }
    }
    let start = input.get("period.start").map(String::from);
    let end = input.get("period.end").map(String::from);
    ItemDraft {
        kind: Some(kind.code().to_string()),
        original_language: input
            .get("original_language")
            .map(String::from)
            .or_else(|| languages.first().cloned()),
        title: per_language("title"),
        summary: per_language("summary"),
        body: per_language("body")
            .into_iter()
            .map(|(l, text)| (l, markdown::to_html(&text)))
            .collect(),
        themes: input.all("themes"),
        target_groups: input.all("target_groups"),
        tags: input
            .get("tags")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect(),
        country: input.get("country").map(String::from),
        place: input.get("place").map(String::from),
        location: input
            .get("location")
            .map(|text| LocationDraft::Text(text.to_string())),
        period: (start.is_some() || end.is_some()).then_some(PeriodDraft { start, end }),
        status: input.get("status").map(String::from),
        licence: input.get("licence").map(String::from),
        contacts,
        cites: input.lines("cites"),
        adapted_from: input.get("adapted_from").map(String::from),
        attachments,
        audience: Some(AudienceDraft {
            kind: input.get("audience.kind").map(String::from),
            cities: match input.get("audience.kind") {
                Some("cities") => input.all("audience.cities"),
                _ => Vec::new(),
            },
        }),
        community: input.get("community").filter(|c| !c.is_empty()).map(String::from),
        details,
    }
}

/// Whom an editor may address an item to: the cities it may name, and the communities it may
/// post to (those it hosts or joined).
#[derive(Default)]
pub struct Addressees {
    pub cities: Vec<PeerCity>,
    pub communities: Vec<PeerCity>,
}

/// A peer city (or community) an editor may name as an item's audience.
pub struct PeerCity {
    /// Its actor id.
    pub ap_id: String,
    /// Its name in the reader's language.
    pub name: String,
}

fn value_from_form(spec: &FieldSpec, name: &str, input: &FormInput, languages: &[String]) -> Option<Value> {
    let text = |n: &str| input.get(n).map(|v| Value::String(v.to_string()));
    match spec.ty {
        FieldType::Text => {
            let map: Map<String, Value> = languages
                .iter()
                .filter_map(|l| Some((l.clone(), text(&format!("{name}.{l}"))?)))
                .collect();
            (!map.is_empty()).then_some(Value::Object(map))
        }
        FieldType::Line | FieldType::Code(_) | FieldType::Date | FieldType::Duration => text(name),
        // Not a number stays text, so validation names the problem.
        FieldType::Count => input.get(name).map(|v| {
            v.parse::<u64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::String(v.to_string()))
        }),
        FieldType::Lines | FieldType::Links => {
            let lines = input.lines(name);
            (!lines.is_empty()).then(|| Value::from(lines))
        }
        FieldType::Codes(_) => {
            let codes = input.all(name);
            (!codes.is_empty()).then(|| Value::from(codes))
        }
        FieldType::Records(specs) => {
            let records: Vec<Value> = (0..input.rows(name))
                .filter_map(|i| {
                    let record: Map<String, Value> = specs
                        .iter()
                        .filter_map(|sub| {
                            let sub_name = format!("{name}[{i}].{}", sub.name);
                            Some((
                                sub.name.to_string(),
                                value_from_form(sub, &sub_name, input, languages)?,
                            ))
                        })
                        .collect();
                    (!record.is_empty()).then_some(Value::Object(record))
                })
                .collect();
            (!records.is_empty()).then_some(Value::Array(records))
        }
    }
}

/// One choice of a select or a group of checkboxes.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One language's input of a per-language field.
pub struct LanguageInput {
    pub language: String,
    pub label: String,
    pub name: String,
    pub id: String,
    pub value: String,
    pub errors: Vec<String>,
}

/// What a control looks like.
pub enum Widget {
    Line {
        value: String,
        input_type: &'static str,
    },
    Area {
        value: String,
        rows: u32,
    },
    Select {
        choices: Vec<Choice>,
    },
    Checkboxes {
        choices: Vec<Choice>,
    },
    /// A field with a version per language, the languages side by side.
    PerLanguage {
        inputs: Vec<LanguageInput>,
        rows: u32,
    },
    /// A table of records, with blank rows to add more.
    Records {
        columns: Vec<String>,
        rows: Vec<Vec<Control>>,
    },
}

/// One labelled control of the form, with the errors about it.
pub struct Control {
    pub name: String,
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    pub errors: Vec<String>,
    pub widget: Widget,
}

impl Control {
    /// The id of the control's hint and errors, for `aria-describedby`.
    pub fn described_by(&self) -> String {
        format!("{}-about", self.id)
    }

    pub fn is_records(&self) -> bool {
        matches!(self.widget, Widget::Records { .. })
    }
}

/// A group of controls under a heading.
pub struct Section {
    pub legend: String,
    pub controls: Vec<Control>,
}

/// An attachment the item keeps unless unticked.
pub struct KeptAttachment {
    pub json: String,
    pub name: String,
}

/// Languages the editor lists by name to tick (more are typed): those of the partner network and
/// Romani; the city's own are added to them.
pub const PICKABLE_LANGUAGES: [&str; 5] = ["bg", "it", "mk", "en", "rom"];

/// One language of the editor's list.
pub struct LanguagePick {
    pub code: String,
    pub name: String,
    pub chosen: bool,
}

/// The editor, ready to render.
pub struct EditorView {
    pub kind: ItemKind,
    /// The languages of the list that are not among [`PICKABLE_LANGUAGES`], typed.
    pub languages: String,
    /// The languages to tick by name: the usual ones and the city's, with whether each is chosen.
    pub language_picks: Vec<LanguagePick>,
    pub languages_error: Option<String>,
    pub upload_errors: Vec<String>,
    pub sections: Vec<Section>,
    pub attachments: Vec<KeptAttachment>,
    /// Every error, for the summary at the top, with the id of the control it is about.
    pub summary: Vec<(String, String, String)>,
}

/// An HTML id for a field path.
pub fn id_of(name: &str) -> String {
    let mut id = String::from("f-");
    id.extend(
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }),
    );
    id
}

/// Builds the editor for `draft`, placing each error next to its field.
pub fn editor_view(
    tr: &Tr,
    kind: ItemKind,
    draft: &ItemDraft,
    languages: &[String],
    city_languages: &[String],
    addressees: &Addressees,
    errors: &[FieldError],
) -> EditorView {
    let placed = ErrorPlacer::new(tr, errors);
    let language_choices = |selected: Option<&str>| -> Vec<Choice> {
        languages
            .iter()
            .map(|l| Choice {
                value: l.clone(),
                label: tr.language_name(l),
                selected: Some(l.as_str()) == selected,
            })
            .collect()
    };
    let per_language = |field: &str, map: &std::collections::BTreeMap<String, String>, rows: u32| {
        let inputs = languages
            .iter()
            .map(|l| {
                let name = format!("{field}.{l}");
                LanguageInput {
                    language: l.clone(),
                    label: tr.language_name(l),
                    id: id_of(&name),
                    errors: placed.exactly(&name),
                    value: map.get(l).cloned().unwrap_or_default(),
                    name,
                }
            })
            .collect();
        Widget::PerLanguage { inputs, rows }
    };
    // Editors write Markdown; the stored HTML comes back as Markdown.
    let bodies = draft
        .body
        .iter()
        .map(|(l, html)| (l.clone(), markdown::from_html(html)))
        .collect();
    let texts = Section {
        legend: tr.t("editor-section-texts"),
        controls: vec![
            control(
                tr,
                &placed,
                "original_language",
                "field-original-language",
                None,
                true,
                Widget::Select {
                    choices: language_choices(draft.original_language.as_deref()),
                },
            ),
            control(
                tr,
                &placed,
                "title",
                "field-title",
                None,
                true,
                per_language("title", &draft.title, 1),
            ),
            control(
                tr,
                &placed,
                "summary",
                "field-summary",
                Some("hint-summary"),
                false,
                per_language("summary", &draft.summary, 3),
            ),
            control(
                tr,
                &placed,
                "body",
                "field-body",
                Some("hint-body"),
                false,
                per_language("body", &bodies, 10),
            ),
        ],
    };
    let codes = |list: &'static [&'static str], prefix: &str, selected: &[String]| -> Vec<Choice> {
        list.iter()
            .map(|code| Choice {
                value: code.to_string(),
                label: tr.code_label(prefix, code),
                selected: selected.iter().any(|s| s == code),
            })
            .collect()
    };
    let with_blank = |mut choices: Vec<Choice>| {
        choices.insert(
            0,
            Choice {
                value: String::new(),
                label: tr.t("choice-none"),
                selected: !choices.iter().any(|c| c.selected),
            },
        );
        choices
    };
    let line = |value: Option<&str>| Widget::Line {
        value: value.unwrap_or_default().to_string(),
        input_type: "text",
    };
    let period = draft.period.clone().unwrap_or_default();
    let about = Section {
        legend: tr.t("editor-section-about"),
        controls: vec![
            control(
                tr,
                &placed,
                "themes",
                "field-themes",
                None,
                false,
                Widget::Checkboxes {
                    choices: codes(THEMES, "theme", &draft.themes),
                },
            ),
            control(
                tr,
                &placed,
                "target_groups",
                "field-target-groups",
                None,
                false,
                Widget::Checkboxes {
                    choices: codes(TARGET_GROUPS, "target-group", &draft.target_groups),
                },
            ),
            control(
                tr,
                &placed,
                "tags",
                "field-tags",
                Some("hint-tags"),
                false,
                line(Some(&draft.tags.join(", "))),
            ),
            control(
                tr,
                &placed,
                "country",
                "field-country",
                Some("hint-country"),
                false,
                line(draft.country.as_deref()),
            ),
            control(
                tr,
                &placed,
                "place",
                "field-place",
                None,
                false,
                line(draft.place.as_deref()),
            ),
            control(
                tr,
                &placed,
                "location",
                "field-location",
                Some("hint-location"),
                false,
                line(draft.location.as_ref().map(LocationDraft::as_text).as_deref()),
            ),
            control(
                tr,
                &placed,
                "period.start",
                "field-period-start",
                None,
                false,
                Widget::Line {
                    value: period.start.unwrap_or_default(),
                    input_type: "date",
                },
            ),
            control(
                tr,
                &placed,
                "period.end",
                "field-period-end",
                None,
                false,
                Widget::Line {
                    value: period.end.unwrap_or_default(),
                    input_type: "date",
                },
            ),
            control(
                tr,
                &placed,
                "status",
                "field-status",
                None,
                false,
                Widget::Select {
                    choices: with_blank(codes(STATUSES, "code", draft.status.as_slice())),
                },
            ),
            control(
                tr,
                &placed,
                "licence",
                "field-licence",
                Some("hint-licence"),
                false,
                line(draft.licence.as_deref()),
            ),
            contacts_control(tr, &placed, &draft.contacts),
            control(
                tr,
                &placed,
                "cites",
                "field-cites",
                Some("hint-links"),
                false,
                Widget::Area {
                    value: draft.cites.join("\n"),
                    rows: 3,
                },
            ),
            control(
                tr,
                &placed,
                "adapted_from",
                "field-adapted-from",
                Some("hint-adapted-from"),
                false,
                Widget::Line {
                    value: draft.adapted_from.clone().unwrap_or_default(),
                    input_type: "url",
                },
            ),
        ],
    };
    let details = Section {
        legend: tr.code_label("kind", kind.code()),
        controls: kind
            .fields()
            .iter()
            .map(|spec| {
                let name = format!("details.{}", spec.name);
                detail_control(
                    tr,
                    &placed,
                    spec,
                    &name,
                    &format!("field-{}", spec.name),
                    draft.details.get(spec.name),
                    languages,
                )
            })
            .collect(),
    };
    let attachments = draft
        .attachments
        .iter()
        .filter_map(|a| {
            Some(KeptAttachment {
                json: serde_json::to_string(a).ok()?,
                name: a.name.clone().or_else(|| a.url.clone()).unwrap_or_default(),
            })
        })
        .collect();
    let sections = vec![
        texts,
        audience_section(tr, &placed, draft, addressees),
        about,
        details,
    ];
    let summary = errors
        .iter()
        .map(|e| {
            let label = label_of(tr, kind, &e.field);
            (id_of(&placed.anchor(&e.field)), label, tr.problem(e))
        })
        .collect();
    let mut pickable: Vec<String> = PICKABLE_LANGUAGES.iter().map(|l| l.to_string()).collect();
    for language in city_languages {
        if !pickable.contains(language) {
            pickable.push(language.clone());
        }
    }
    EditorView {
        kind,
        languages: languages
            .iter()
            .filter(|l| !pickable.contains(l))
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        language_picks: pickable
            .iter()
            .map(|code| LanguagePick {
                name: tr.language_name(code),
                chosen: languages.contains(code),
                code: code.clone(),
            })
            .collect(),
        languages_error: errors
            .iter()
            .find(|e| e.field == "languages")
            .map(|e| tr.problem(e)),
        upload_errors: placed.exactly("upload"),
        sections,
        attachments,
        summary,
    }
}

/// Who the item is for: the community it is posted to (if any), the audience, and the cities
/// named when it is for named cities (the cities this one knows, with any named earlier that it
/// no longer does).
fn audience_section(
    tr: &Tr,
    placed: &ErrorPlacer<'_>,
    draft: &ItemDraft,
    addressees: &Addressees,
) -> Section {
    let chosen = draft.audience.clone().unwrap_or_default();
    let kind = chosen.kind.as_deref().unwrap_or(Audience::Public.code());
    // A community's members only make sense with a community to post to.
    let offers_community = !addressees.communities.is_empty() || kind == "community";
    let kinds = Audience::CODES
        .iter()
        .filter(|code| **code != "community" || offers_community)
        .map(|code| Choice {
            value: code.to_string(),
            label: tr.code_label("audience", code),
            selected: *code == kind,
        })
        .collect();
    let posted_to = draft.community.clone().unwrap_or_default();
    let mut communities = vec![Choice {
        value: String::new(),
        label: tr.t("choice-none"),
        selected: posted_to.is_empty(),
    }];
    communities.extend(addressees.communities.iter().map(|c| Choice {
        selected: c.ap_id == posted_to,
        value: c.ap_id.clone(),
        label: c.name.clone(),
    }));
    if !posted_to.is_empty() && !addressees.communities.iter().any(|c| c.ap_id == posted_to) {
        communities.push(Choice {
            value: posted_to.clone(),
            label: posted_to.clone(),
            selected: true,
        });
    }
    let peers = &addressees.cities;
    let mut cities: Vec<Choice> = peers
        .iter()
        .map(|p| Choice {
            selected: chosen.cities.contains(&p.ap_id),
            value: p.ap_id.clone(),
            label: p.name.clone(),
        })
        .collect();
    for named in &chosen.cities {
        if !peers.iter().any(|p| &p.ap_id == named) {
            cities.push(Choice {
                value: named.clone(),
                label: named.clone(),
                selected: true,
            });
        }
    }
    let community = (communities.len() > 1).then(|| {
        control(
            tr,
            placed,
            "community",
            "field-community",
            Some("hint-community"),
            false,
            Widget::Select { choices: communities },
        )
    });
    Section {
        legend: tr.t("editor-section-audience"),
        controls: community
            .into_iter()
            .chain([
                control(
                    tr,
                    placed,
                    "audience.kind",
                    "field-audience",
                    Some("hint-audience"),
                    true,
                    Widget::Select { choices: kinds },
                ),
                control(
                    tr,
                    placed,
                    "audience.cities",
                    "field-audience-cities",
                    Some("hint-audience-cities"),
                    false,
                    Widget::Checkboxes { choices: cities },
                ),
            ])
            .collect(),
    }
}

fn control(
    tr: &Tr,
    placed: &ErrorPlacer<'_>,
    name: &str,
    label_key: &str,
    hint_key: Option<&str>,
    required: bool,
    widget: Widget,
) -> Control {
    let errors = match widget {
        // Each language's input shows its own errors; the field shows those about it as a whole.
        Widget::PerLanguage { .. } => placed.exactly(name),
        _ => placed.under(name),
    };
    Control {
        name: name.to_string(),
        id: id_of(name),
        label: tr.t(label_key),
        hint: hint_key.map(|k| tr.t(k)),
        required,
        errors,
        widget,
    }
}

fn contacts_control(tr: &Tr, placed: &ErrorPlacer<'_>, contacts: &[ContactDraft]) -> Control {
    let columns = vec![
        tr.t("field-contacts-name"),
        tr.t("field-contacts-role"),
        tr.t("field-contacts-email"),
    ];
    let rows = contacts
        .iter()
        .cloned()
        .chain(std::iter::repeat_with(ContactDraft::default).take(BLANK_ROWS))
        .enumerate()
        .map(|(i, c)| {
            let cell = |sub: &str, label: &str, value: Option<String>, input_type: &'static str| {
                let name = format!("contacts[{i}].{sub}");
                control(
                    tr,
                    placed,
                    &name,
                    label,
                    None,
                    false,
                    Widget::Line {
                        value: value.unwrap_or_default(),
                        input_type,
                    },
                )
            };
            vec![
                cell("name", "field-contacts-name", c.name, "text"),
                cell("role", "field-contacts-role", c.role, "text"),
                cell("email", "field-contacts-email", c.email, "email"),
            ]
        })
        .collect();
    Control {
        name: "contacts".into(),
        id: id_of("contacts"),
        label: tr.t("field-contacts"),
        hint: None,
        required: false,
        errors: placed.exactly("contacts"),
        widget: Widget::Records { columns, rows },
    }
}

fn detail_control(
    tr: &Tr,
    placed: &ErrorPlacer<'_>,
    spec: &FieldSpec,
    name: &str,
    label_key: &str,
    value: Option<&Value>,
    languages: &[String],
) -> Control {
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let list = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::Array(items)) => items.iter().map(|i| text(Some(i))).collect(),
            _ => Vec::new(),
        }
    };
    let choices = |codes: &'static [&'static str], selected: &[String]| -> Vec<Choice> {
        codes
            .iter()
            .map(|code| Choice {
                value: code.to_string(),
                label: tr.code_label("code", code),
                selected: selected.iter().any(|s| s == code),
            })
            .collect()
    };
    let (widget, hint) = match spec.ty {
        FieldType::Text => {
            let inputs = languages
                .iter()
                .map(|l| {
                    let input_name = format!("{name}.{l}");
                    LanguageInput {
                        language: l.clone(),
                        label: tr.language_name(l),
                        id: id_of(&input_name),
                        errors: placed.exactly(&input_name),
                        value: value
                            .and_then(|v| v.get(l))
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                        name: input_name,
                    }
                })
                .collect();
            (Widget::PerLanguage { inputs, rows: 4 }, None)
        }
        FieldType::Line => (
            Widget::Line {
                value: text(value),
                input_type: "text",
            },
            None,
        ),
        FieldType::Date => (
            Widget::Line {
                value: text(value),
                input_type: "date",
            },
            None,
        ),
        FieldType::Duration => (
            Widget::Line {
                value: text(value),
                input_type: "text",
            },
            Some("hint-duration"),
        ),
        FieldType::Count => (
            Widget::Line {
                value: text(value),
                input_type: "number",
            },
            None,
        ),
        FieldType::Lines => (
            Widget::Area {
                value: list(value).join("\n"),
                rows: 3,
            },
            Some("hint-lines"),
        ),
        FieldType::Links => (
            Widget::Area {
                value: list(value).join("\n"),
                rows: 3,
            },
            Some("hint-links"),
        ),
        FieldType::Code(codes) => {
            let mut options = choices(codes, &[text(value)]);
            options.insert(
                0,
                Choice {
                    value: String::new(),
                    label: tr.t("choice-none"),
                    selected: value.is_none(),
                },
            );
            (Widget::Select { choices: options }, None)
        }
        FieldType::Codes(codes) => (
            Widget::Checkboxes {
                choices: choices(codes, &list(value)),
            },
            None,
        ),
        FieldType::Records(specs) => {
            let records = match value {
                Some(Value::Array(records)) => records.clone(),
                _ => Vec::new(),
            };
            let blank = Value::Object(Map::new());
            let rows = records
                .iter()
                .chain(std::iter::repeat_n(&blank, BLANK_ROWS))
                .enumerate()
                .map(|(i, record)| {
                    specs
                        .iter()
                        .map(|sub| {
                            detail_control(
                                tr,
                                placed,
                                sub,
                                &format!("{name}[{i}].{}", sub.name),
                                &format!("{label_key}-{}", sub.name),
                                record.get(sub.name),
                                languages,
                            )
                        })
                        .collect()
                })
                .collect();
            let columns = specs
                .iter()
                .map(|sub| tr.t(&format!("{label_key}-{}", sub.name).replace('_', "-")))
                .collect();
            (Widget::Records { columns, rows }, None)
        }
    };
    let mut built = control(
        tr,
        placed,
        name,
        &label_key.replace('_', "-"),
        hint,
        spec.required,
        widget,
    );
    if built.is_records() {
        built.errors = placed.exactly(name);
    }
    built
}

/// The label of the field an error path names, for the error summary.
fn label_of(tr: &Tr, kind: ItemKind, path: &str) -> String {
    let top = path.split(['.', '[']).next().unwrap_or(path);
    let key = if top == "details" {
        let name = path
            .trim_start_matches("details.")
            .split(['.', '['])
            .next()
            .unwrap_or_default();
        if kind.fields().iter().any(|f| f.name == name) {
            format!("field-{name}")
        } else {
            return path.to_string();
        }
    } else if top == "period" {
        format!("field-{}", path.replace('.', "-"))
    } else {
        format!("field-{top}")
    };
    let label = tr.t(&key.replace('_', "-"));
    if label.starts_with("field-") {
        path.to_string()
    } else {
        label
    }
}

/// Finds the errors about each control, in the interface language.
struct ErrorPlacer<'a> {
    tr: &'a Tr,
    errors: &'a [FieldError],
}

impl<'a> ErrorPlacer<'a> {
    fn new(tr: &'a Tr, errors: &'a [FieldError]) -> ErrorPlacer<'a> {
        ErrorPlacer { tr, errors }
    }

    /// Errors about exactly this field.
    fn exactly(&self, name: &str) -> Vec<String> {
        self.errors
            .iter()
            .filter(|e| e.field == name)
            .map(|e| self.tr.problem(e))
            .collect()
    }

    /// Errors about this field or an entry of it (`tags[2]`, a line of a text area), with
    /// the entry's position when it is one.
    fn under(&self, name: &str) -> Vec<String> {
        let entry = format!("{name}[");
        self.errors
            .iter()
            .filter_map(|e| {
                if e.field == name {
                    return Some(self.tr.problem(e));
                }
                let index: usize = e.field.strip_prefix(&entry)?.strip_suffix(']')?.parse().ok()?;
                Some(format!("{}: {}", index + 1, self.tr.problem(e)))
            })
            .collect()
    }

    /// The control an error path is shown at: entries of lists at their list.
    fn anchor(&self, path: &str) -> String {
        match path.rsplit_once('[') {
            Some((list, rest)) if rest.ends_with(']') && !rest.contains('.') => list.to_string(),
            _ => path.to_string(),
        }
    }
}

/// A draft for a new item of `kind`, in the city's languages.
pub fn blank_draft(kind: ItemKind, languages: &[String], adapted_from: Option<String>) -> ItemDraft {
    ItemDraft {
        kind: Some(kind.code().to_string()),
        original_language: languages.first().cloned(),
        adapted_from,
        ..ItemDraft::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> FormInput {
        FormInput(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn a_submitted_form_becomes_a_draft_that_validates() {
        let form = input(&[
            ("languages", "bg, en"),
            ("original_language", "bg"),
            ("title.bg", "Здравни медиатори"),
            ("title.en", "Health mediators"),
            ("body.en", "First paragraph.\n\nSecond <b>bold</b> one"),
            ("themes", "health"),
            ("themes", "inclusion"),
            ("details.people_reached", "1200"),
            ("details.indicators[0].name", "Vaccinated children"),
            ("details.indicators[0].value", "340"),
            ("details.indicators[1].name", ""),
            ("details.indicators[1].value", ""),
            (
                "details.partners",
                "Ministry of Health\n\nRegional health inspectorate",
            ),
            ("contacts[0].name", "Ana"),
            ("contacts[1].name", ""),
        ]);
        let (languages, invalid) = languages_of(&form);
        assert_eq!(languages, ["bg", "en"]);
        assert!(invalid.is_none());
        let draft = draft_from_form(ItemKind::GoodPractice, &form, &languages);
        assert_eq!(draft.title.len(), 2);
        assert_eq!(draft.contacts.len(), 1, "blank rows are left out");
        assert_eq!(draft.details["indicators"].as_array().unwrap().len(), 1);
        assert_eq!(draft.details["partners"].as_array().unwrap().len(), 2);
        let content = draft.validate().expect("valid");
        assert_eq!(content.themes, ["health", "inclusion"]);
        let body = content.body.iter().next().unwrap().1;
        assert!(body.starts_with("<p>First paragraph.</p>"), "{body}");
    }

    #[test]
    fn languages_are_named_by_tag_or_by_name_in_any_interface_language() {
        let (languages, invalid) = languages_of(&input(&[("languages", "Bulgarian, italiano; мк en rmy")]));
        assert!(invalid.is_some(), "`мк` is neither a tag nor a name");
        let (languages_ok, none) = languages_of(&input(&[(
            "languages",
            "Bulgarian, italiano; македонски, en rmy",
        )]));
        assert_eq!(languages_ok, ["bg", "it", "mk", "en", "rmy"]);
        assert!(none.is_none());
        assert_eq!(languages, ["bg", "it", "en", "rmy"]);
        let (_, invalid) = languages_of(&input(&[("languages", "Klingon")]));
        assert_eq!(invalid.map(|(part, _)| part).as_deref(), Some("Klingon"));
    }

    #[test]
    fn errors_are_placed_next_to_their_fields() {
        let form = input(&[
            ("languages", "it"),
            ("details.people_reached", "many"),
            ("details.indicators[0].value", "12"),
        ]);
        let (languages, _) = languages_of(&form);
        let draft = draft_from_form(ItemKind::GoodPractice, &form, &languages);
        let errors = draft.clone().validate().expect_err("invalid").0;
        let view = editor_view(
            &Tr::new("en"),
            ItemKind::GoodPractice,
            &draft,
            &languages,
            &[],
            &Addressees::default(),
            &errors,
        );
        let find = |name: &str| {
            view.sections
                .iter()
                .flat_map(|s| &s.controls)
                .flat_map(|c| match &c.widget {
                    Widget::Records { rows, .. } => rows.iter().flatten().collect::<Vec<_>>(),
                    _ => vec![c],
                })
                .find(|c| c.name == name)
                .unwrap_or_else(|| panic!("no control {name}"))
        };
        assert!(
            !find("title").errors.is_empty(),
            "a missing title is shown at the title"
        );
        assert!(!find("details.people_reached").errors.is_empty());
        assert!(!find("details.indicators[0].name").errors.is_empty());
        assert!(find("details.indicators[0].value").errors.is_empty());
        assert_eq!(view.summary.len(), errors.len());
    }
}
