//! Bulk import of items from CSV or JSON: every row checked and reported, nothing published
//! unless every row is valid (or the caller skips the invalid ones). The CSV column mapping is
//! documented in docs/IMPORT.md.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use url::Url;

use super::{ServiceError, items};
use crate::{
    app::AppData,
    domain::item::{ContactDraft, ItemDraft, PeriodDraft},
};

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    Csv,
    Json,
}

impl ImportFormat {
    /// Told by a file's extension.
    pub fn of_path(path: &std::path::Path) -> Option<ImportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(ImportFormat::Csv),
            "json" => Some(ImportFormat::Json),
            _ => None,
        }
    }
}

/// One row of the input, ready to validate.
#[derive(Debug, Clone)]
pub struct Row {
    /// Where it is in the file, as a spreadsheet numbers it: the CSV row (the header is row 1),
    /// or the position in the JSON array (from 1).
    pub number: u64,
    /// `None` when the row could not even be read as an item; the problems say why.
    pub draft: Option<ItemDraft>,
    pub problems: Vec<String>,
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    /// Valid; not published (a dry run, or another row was invalid).
    Valid,
    Published(Url),
    Invalid(Vec<String>),
}

/// A row's number, its title for people, and what became of it.
#[derive(Debug, Clone)]
pub struct RowReport {
    pub number: u64,
    pub title: String,
    pub outcome: RowOutcome,
}

/// Reads the rows of a file; a file that cannot be read at all is an error.
pub fn read_rows(text: &str, format: ImportFormat) -> Result<Vec<Row>, ServiceError> {
    match format {
        ImportFormat::Json => json_rows(text),
        ImportFormat::Csv => csv_rows(text),
    }
}

fn json_rows(text: &str) -> Result<Vec<Row>, ServiceError> {
    let values: Vec<Value> = serde_json::from_str(text)
        .map_err(|e| ServiceError::BadInput(format!("expected a JSON array of items: {e}")))?;
    Ok(values
        .into_iter()
        .zip(1..)
        .map(
            |(value, number)| match serde_json::from_value::<ItemDraft>(value) {
                Ok(draft) => Row {
                    number,
                    draft: Some(draft),
                    problems: Vec::new(),
                },
                Err(e) => Row {
                    number,
                    draft: None,
                    problems: vec![e.to_string()],
                },
            },
        )
        .collect())
}

/// Columns that hold one value each.
const PLAIN_COLUMNS: &[&str] = &[
    "kind",
    "original_language",
    "country",
    "place",
    "status",
    "licence",
    "adapted_from",
    "period_start",
    "period_end",
    "contact_name",
    "contact_role",
    "contact_email",
];
/// Columns that hold a list, its values separated by `;`.
const LIST_COLUMNS: &[&str] = &["themes", "target_groups", "tags", "cites"];
/// Columns with one column per language: `title.it`, `summary.bg`, `body.mk`.
const LANGUAGE_COLUMNS: &[&str] = &["title", "summary", "body"];

/// How a header names a column.
#[derive(Debug, Clone)]
enum Column {
    Plain(String),
    List(String),
    Language {
        field: String,
        language: String,
    },
    /// `details.NAME`: text, or JSON for lists and objects.
    Detail(String),
    /// `details.NAME.LANG`: one language of a multilingual detail.
    DetailLanguage {
        name: String,
        language: String,
    },
}

fn column(header: &str) -> Result<Column, String> {
    let header = header.trim();
    if PLAIN_COLUMNS.contains(&header) {
        return Ok(Column::Plain(header.into()));
    }
    if LIST_COLUMNS.contains(&header) {
        return Ok(Column::List(header.into()));
    }
    let parts: Vec<&str> = header.split('.').collect();
    match parts.as_slice() {
        [field, language] if LANGUAGE_COLUMNS.contains(field) && !language.is_empty() => {
            Ok(Column::Language {
                field: (*field).into(),
                language: (*language).into(),
            })
        }
        ["details", name] if !name.is_empty() => Ok(Column::Detail((*name).into())),
        ["details", name, language] if !name.is_empty() && !language.is_empty() => {
            Ok(Column::DetailLanguage {
                name: (*name).into(),
                language: (*language).into(),
            })
        }
        _ => Err(format!(
            "unknown column `{header}`; see docs/IMPORT.md for the columns (like kind, title.it, themes, details.problem.it)"
        )),
    }
}

fn csv_rows(text: &str) -> Result<Vec<Row>, ServiceError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ServiceError::BadInput(format!("the CSV header cannot be read: {e}")))?
        .clone();
    let columns = headers
        .iter()
        .map(column)
        .collect::<Result<Vec<_>, _>>()
        .map_err(ServiceError::BadInput)?;
    if !headers.iter().any(|h| h.trim() == "kind") {
        return Err(ServiceError::BadInput("the CSV has no `kind` column".into()));
    }
    let mut rows = Vec::new();
    for (record, number) in reader.records().zip(2..) {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                rows.push(Row {
                    number,
                    draft: None,
                    problems: vec![format!("the row cannot be read: {e}")],
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows.push(Row {
            number,
            draft: Some(csv_draft(&columns, &record)),
            problems: Vec::new(),
        });
    }
    Ok(rows)
}

fn csv_draft(columns: &[Column], record: &csv::StringRecord) -> ItemDraft {
    let mut draft = ItemDraft::default();
    let mut contact = ContactDraft::default();
    let mut period = PeriodDraft::default();
    let mut details = Map::new();
    let mut detail_languages: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (column, value) in columns.iter().zip(record.iter()) {
        if value.is_empty() {
            continue;
        }
        let value = value.to_string();
        match column {
            Column::Plain(name) => match name.as_str() {
                "kind" => draft.kind = Some(value),
                "original_language" => draft.original_language = Some(value),
                "country" => draft.country = Some(value),
                "place" => draft.place = Some(value),
                "status" => draft.status = Some(value),
                "licence" => draft.licence = Some(value),
                "adapted_from" => draft.adapted_from = Some(value),
                "period_start" => period.start = Some(value),
                "period_end" => period.end = Some(value),
                "contact_name" => contact.name = Some(value),
                "contact_role" => contact.role = Some(value),
                "contact_email" => contact.email = Some(value),
                _ => unreachable!("every plain column is handled"),
            },
            Column::List(name) => {
                let list: Vec<String> = value
                    .split(';')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(String::from)
                    .collect();
                match name.as_str() {
                    "themes" => draft.themes = list,
                    "target_groups" => draft.target_groups = list,
                    "tags" => draft.tags = list,
                    "cites" => draft.cites = list,
                    _ => unreachable!("every list column is handled"),
                }
            }
            Column::Language { field, language } => {
                let map = match field.as_str() {
                    "title" => &mut draft.title,
                    "summary" => &mut draft.summary,
                    _ => &mut draft.body,
                };
                let text = if field == "body" { body_html(&value) } else { value };
                map.insert(language.clone(), text);
            }
            Column::Detail(name) => {
                details.insert(name.clone(), detail_value(&value));
            }
            Column::DetailLanguage { name, language } => {
                detail_languages
                    .entry(name.clone())
                    .or_default()
                    .insert(language.clone(), Value::String(value));
            }
        }
    }
    for (name, map) in detail_languages {
        details.insert(name, Value::Object(map));
    }
    if period != PeriodDraft::default() {
        draft.period = Some(period);
    }
    if contact != ContactDraft::default() {
        draft.contacts.push(contact);
    }
    draft.details = details;
    draft
}

/// Spreadsheet text becomes paragraphs; HTML is taken as it is (and sanitized like any body).
fn body_html(text: &str) -> String {
    if text.contains('<') {
        return text.to_string();
    }
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

/// A number, a list or an object when the cell is written as JSON; text otherwise.
fn detail_value(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(value @ (Value::Array(_) | Value::Object(_) | Value::Number(_) | Value::Bool(_))) => value,
        _ => Value::String(text.to_string()),
    }
}

/// A title to show for a row: in its original language, or any.
fn title_of(draft: &ItemDraft) -> String {
    draft
        .original_language
        .as_ref()
        .and_then(|l| draft.title.get(l))
        .or_else(|| draft.title.values().next())
        .cloned()
        .unwrap_or_default()
}

/// Checks every row like the editor does.
pub fn check(rows: &[Row]) -> Vec<RowReport> {
    rows.iter()
        .map(|row| {
            let title = row.draft.as_ref().map(title_of).unwrap_or_default();
            let outcome = match &row.draft {
                None => RowOutcome::Invalid(row.problems.clone()),
                Some(draft) => match draft.clone().validate() {
                    Ok(_) => RowOutcome::Valid,
                    Err(errors) => RowOutcome::Invalid(
                        errors
                            .0
                            .iter()
                            .map(|e| format!("{}: {}", e.field, e.message))
                            .collect(),
                    ),
                },
            };
            RowReport {
                number: row.number,
                title,
                outcome,
            }
        })
        .collect()
}

/// Publishes the valid rows of a checked import, calling `progress` after each; the reports
/// are updated with what was published (or why a row failed after all).
pub async fn publish(
    data: &AppData,
    rows: Vec<Row>,
    reports: &mut [RowReport],
    mut progress: impl FnMut(),
) -> Result<usize, ServiceError> {
    let mut published = 0;
    for (row, report) in rows.into_iter().zip(reports.iter_mut()) {
        if report.outcome != RowOutcome::Valid {
            continue;
        }
        let draft = row.draft.expect("a valid row has a draft");
        report.outcome = match items::publish(data, draft).await {
            Ok(item) => {
                published += 1;
                RowOutcome::Published(item.item.ap_id)
            }
            Err(ServiceError::Invalid(errors)) => RowOutcome::Invalid(
                errors
                    .0
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect(),
            ),
            Err(e) => return Err(e),
        };
        progress();
    }
    Ok(published)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_columns_map_onto_the_fields_of_an_item() {
        let csv = "kind,original_language,title.it,title.en,body.it,themes,target_groups,period_start,contact_name,details.problem.it,details.participant_count\n\
                   good_practice,it,Sportello rom,Roma desk,\"Primo paragrafo.\n\nSecondo & ultimo.\",inclusion; education,roma,2021-02-01,Ufficio,Sfiducia,22\n";
        let rows = read_rows(csv, ImportFormat::Csv).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].number, 2);
        let draft = rows[0].draft.clone().unwrap();
        assert_eq!(draft.title["en"], "Roma desk");
        assert_eq!(
            draft.body["it"],
            "<p>Primo paragrafo.</p><p>Secondo &amp; ultimo.</p>"
        );
        assert_eq!(draft.themes, ["inclusion", "education"]);
        assert_eq!(draft.period.unwrap().start.as_deref(), Some("2021-02-01"));
        assert_eq!(draft.contacts[0].name.as_deref(), Some("Ufficio"));
        assert_eq!(draft.details["problem"]["it"], "Sfiducia");
        assert_eq!(draft.details["participant_count"], 22);
    }

    #[test]
    fn an_unknown_column_is_named() {
        let error = read_rows("kind,titel.it\n", ImportFormat::Csv).unwrap_err();
        assert!(error.to_string().contains("unknown column `titel.it`"), "{error}");
    }
}
