//! Bulk import of items from CSV or JSON: every row checked and reported, nothing published
//! unless every row is valid (or the caller skips the invalid ones). The CSV column mapping is
//! documented in docs/IMPORT.md.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use url::Url;

use super::{ServiceError, items};
use crate::{
    app::AppData,
    domain::item::{ContactDraft, ItemDraft, KnowledgeItem, PeriodDraft},
    federation::{
        activities::{CreateItem, UpdateItem},
        delivery,
    },
    storage::items::{self as stored_items, StoredItem},
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
    /// The id the row has in the city's own records (`external_id`), which makes importing the
    /// same file again update what it published instead of publishing it twice.
    pub external_id: Option<String>,
    /// `None` when the row could not even be read as an item; the problems say why.
    pub draft: Option<ItemDraft>,
    pub problems: Vec<String>,
}

/// What became of one row (or, before publishing, what will).
#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    /// Valid; not published (another row was invalid).
    Valid,
    /// Valid, and new: publishing creates an item.
    WillCreate,
    /// Valid, with the external id of this item, whose content it changes.
    WillUpdate(Url),
    /// The item with this external id already says what the row says: left alone.
    Unchanged(Url),
    Published(Url),
    Updated(Url),
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
        .map(|(value, number)| json_row(value, number))
        .collect())
}

fn json_row(mut value: Value, number: u64) -> Row {
    let mut problems = Vec::new();
    let external_id = match value.as_object_mut().and_then(|item| item.remove("external_id")) {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(Value::Number(id)) => Some(id.to_string()),
        Some(other) => {
            problems.push(format!("external_id: expected text, found {other}"));
            None
        }
    };
    let draft = match serde_json::from_value::<ItemDraft>(value) {
        Ok(draft) => Some(draft),
        Err(e) => {
            problems.push(e.to_string());
            None
        }
    };
    Row {
        number,
        external_id,
        draft: draft.filter(|_| problems.is_empty()),
        problems,
    }
}

/// Columns that hold one value each.
const PLAIN_COLUMNS: &[&str] = &[
    "external_id",
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
                    external_id: None,
                    draft: None,
                    problems: vec![format!("the row cannot be read: {e}")],
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let external_id = columns
            .iter()
            .zip(record.iter())
            .find(|(column, value)| {
                matches!(column, Column::Plain(name) if name == "external_id") && !value.is_empty()
            })
            .map(|(_, value)| value.to_string());
        rows.push(Row {
            number,
            external_id,
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
                // Not part of the item: read by `csv_rows`.
                "external_id" => {}
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

/// The longest external id accepted.
const MAX_EXTERNAL_ID: usize = 200;
/// Rows stored per transaction: one commit for many items, small enough that a batch never
/// holds the database for long.
const BATCH: usize = 500;

/// Checks every row like the editor does, and that external ids are short and used once.
pub fn check(rows: &[Row]) -> Vec<RowReport> {
    let mut first_with: HashMap<&str, u64> = HashMap::new();
    rows.iter()
        .map(|row| {
            let title = row.draft.as_ref().map(title_of).unwrap_or_default();
            let mut problems = row.problems.clone();
            if let Some(id) = &row.external_id {
                if id.trim().is_empty() || id.chars().count() > MAX_EXTERNAL_ID {
                    problems.push(format!(
                        "external_id: must be 1 to {MAX_EXTERNAL_ID} characters, not only spaces"
                    ));
                } else if let Some(first) = first_with.insert(id, row.number) {
                    first_with.insert(id, first);
                    problems.push(format!(
                        "external_id: `{id}` is also the id of row {first}; each row needs its own"
                    ));
                }
            }
            if let Some(draft) = &row.draft
                && let Err(errors) = draft.clone().validate()
            {
                problems.extend(errors.0.iter().map(|e| format!("{}: {}", e.field, e.message)));
            }
            let outcome = if problems.is_empty() && row.draft.is_some() {
                RowOutcome::Valid
            } else {
                RowOutcome::Invalid(problems)
            };
            RowReport {
                number: row.number,
                title,
                outcome,
            }
        })
        .collect()
}

/// Says, for every valid row, whether publishing creates an item, updates the item holding its
/// external id, or leaves that item alone because it already says the same. Reads only.
pub async fn plan(data: &AppData, rows: &[Row], reports: &mut [RowReport]) -> Result<(), ServiceError> {
    let held = held_items(data, rows).await?;
    plan_against(&held, rows, reports);
    Ok(())
}

/// [`plan`] with the items already read.
fn plan_against(held: &HashMap<String, StoredItem>, rows: &[Row], reports: &mut [RowReport]) {
    for (row, report) in rows.iter().zip(reports.iter_mut()) {
        if report.outcome != RowOutcome::Valid {
            continue;
        }
        let draft = row.draft.clone().expect("a valid row has a draft");
        report.outcome = match row.external_id.as_ref().and_then(|id| held.get(id)) {
            None => RowOutcome::WillCreate,
            Some(stored) => match draft.validate() {
                Ok(content) if content == stored.item.content => {
                    RowOutcome::Unchanged(stored.item.ap_id.clone())
                }
                _ => RowOutcome::WillUpdate(stored.item.ap_id.clone()),
            },
        };
    }
}

/// The city's items holding the rows' external ids.
async fn held_items(data: &AppData, rows: &[Row]) -> Result<HashMap<String, StoredItem>, ServiceError> {
    let ids: Vec<String> = rows.iter().filter_map(|r| r.external_id.clone()).collect();
    let city = data.city_id;
    let held = data
        .db
        .read(move |conn| stored_items::by_external_ids(conn, &ids))
        .await?;
    Ok(held
        .into_iter()
        .filter(|(_, stored)| stored.origin_city_id == city && stored.deleted_at.is_none())
        .collect())
}

/// One row's change, ready to store.
enum Change {
    Create(KnowledgeItem, Box<CreateItem>),
    Update {
        item: KnowledgeItem,
        previous: Box<StoredItem>,
        activity: Box<UpdateItem>,
    },
}

/// Publishes the valid rows of a checked import: new items are published, items holding a row's
/// external id are updated (and left alone when nothing changed). Rows are stored a batch at a
/// time, each batch in one transaction with the activities it queues for the followers, and
/// `progress` is called for each row once its batch is committed. The reports say what became
/// of each row; the number of items published or updated is returned.
pub async fn publish(
    data: &AppData,
    rows: Vec<Row>,
    reports: &mut [RowReport],
    mut progress: impl FnMut(),
) -> Result<usize, ServiceError> {
    let held = held_items(data, &rows).await?;
    plan_against(&held, &rows, reports);
    let mut pending: Vec<(usize, Option<String>, Change)> = Vec::new();
    let mut changed = 0;
    for (index, row) in rows.into_iter().enumerate() {
        let report = &mut reports[index];
        match &report.outcome {
            RowOutcome::WillCreate | RowOutcome::WillUpdate(_) => {}
            RowOutcome::Unchanged(_) => {
                progress();
                continue;
            }
            _ => continue,
        }
        let draft = row.draft.expect("a valid row has a draft");
        let content = match items::validated(data, draft).await {
            Ok(content) => content,
            Err(ServiceError::Invalid(errors)) => {
                report.outcome = RowOutcome::Invalid(
                    errors
                        .0
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect(),
                );
                progress();
                continue;
            }
            Err(e) => return Err(e),
        };
        let change = match row.external_id.as_ref().and_then(|id| held.get(id)) {
            Some(stored) => {
                let (item, activity) = items::changed_own(data, &stored.item, content);
                Change::Update {
                    item,
                    previous: Box::new(stored.clone()),
                    activity: Box::new(activity),
                }
            }
            None => {
                let (item, activity) = items::new_own(data, content);
                Change::Create(item, Box::new(activity))
            }
        };
        pending.push((index, row.external_id, change));
        if pending.len() == BATCH {
            changed += store_batch(data, std::mem::take(&mut pending), reports, &mut progress).await?;
        }
    }
    changed += store_batch(data, pending, reports, &mut progress).await?;
    Ok(changed)
}

/// Stores a batch of changes in one transaction; all of them or, on an error, none.
async fn store_batch(
    data: &AppData,
    batch: Vec<(usize, Option<String>, Change)>,
    reports: &mut [RowReport],
    progress: &mut impl FnMut(),
) -> Result<usize, ServiceError> {
    if batch.is_empty() {
        return Ok(0);
    }
    let ctx = data.app_data().clone();
    let stored = data
        .db
        .write(move |conn| -> Result<_, ServiceError> {
            let mut done = Vec::with_capacity(batch.len());
            for (index, external_id, change) in batch {
                let outcome = match change {
                    Change::Create(item, create) => {
                        let (id, _) = items::insert_own(conn, &ctx, &item, &create)?;
                        if let Some(external_id) = &external_id {
                            stored_items::set_external_id(conn, id, external_id)?;
                        }
                        RowOutcome::Published(item.ap_id)
                    }
                    Change::Update {
                        item,
                        previous,
                        activity,
                    } => {
                        items::replace_own(conn, &ctx, &item, &previous, &activity)?;
                        RowOutcome::Updated(item.ap_id)
                    }
                };
                done.push((index, outcome));
            }
            Ok(done)
        })
        .await?;
    let count = stored.len();
    for (index, outcome) in stored {
        reports[index].outcome = outcome;
        progress();
    }
    delivery::wake(data);
    Ok(count)
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
