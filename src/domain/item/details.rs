//! Values of the kind-specific fields, validated against the kind's [schema](super::schema).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{Map, Value};
use url::Url;

use super::schema::{FieldSpec, FieldType, camel_case};
use crate::domain::{
    language::{LanguageMap, LanguageTag},
    validation::{Problem, ValidationErrors},
    vocabulary::one_of,
};

/// Longest text of one language in a text field, in characters.
pub const MAX_TEXT_CHARS: usize = 50_000;
/// Longest single line, in characters.
const MAX_LINE_CHARS: usize = 500;
/// Most entries of one list field.
const MAX_ENTRIES: usize = 200;

/// How property names are spelled: snake_case in the API and storage, camelCase on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    Snake,
    Camel,
}

impl Naming {
    fn key(self, name: &str) -> String {
        match self {
            Naming::Snake => name.to_string(),
            Naming::Camel => camel_case(name),
        }
    }
}

/// A validated value of one field.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(LanguageMap),
    Line(String),
    Lines(Vec<String>),
    Code(String),
    Codes(Vec<String>),
    Date(NaiveDate),
    Duration(String),
    Count(u64),
    Links(Vec<Url>),
    Records(Vec<Record>),
}

/// One record of a `Records` field: values by field name.
pub type Record = BTreeMap<String, FieldValue>;

/// The kind-specific part of an item: the fields that are present, by name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details(pub Record);

impl Details {
    /// Validates `raw` against `specs`, recording every problem under `path` (like `details`).
    pub fn parse(
        specs: &[FieldSpec],
        raw: &Map<String, Value>,
        naming: Naming,
        path: &str,
        errors: &mut ValidationErrors,
    ) -> Details {
        Details(parse_record(specs, raw, naming, path, errors, true))
    }

    /// Like [`Details::parse`] for data from other servers: properties that are not fields of the
    /// kind are other vocabularies' business, not errors.
    pub fn parse_lenient(
        specs: &[FieldSpec],
        raw: &Map<String, Value>,
        naming: Naming,
        path: &str,
        errors: &mut ValidationErrors,
    ) -> Details {
        Details(parse_record(specs, raw, naming, path, errors, false))
    }

    /// The JSON form, with names spelled by `naming`.
    pub fn to_json(&self, naming: Naming) -> Map<String, Value> {
        record_to_json(&self.0, naming)
    }

    pub fn get(&self, name: &str) -> Option<&FieldValue> {
        self.0.get(name)
    }

    /// Every multilingual text, for search and language listings.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &LanguageMap)> {
        self.0.iter().filter_map(|(name, value)| match value {
            FieldValue::Text(map) => Some((name.as_str(), map)),
            _ => None,
        })
    }

    /// A date field's value.
    pub fn date(&self, name: &str) -> Option<NaiveDate> {
        match self.0.get(name) {
            Some(FieldValue::Date(date)) => Some(*date),
            _ => None,
        }
    }

    /// The records of a `Records` field (empty when absent).
    pub fn records(&self, name: &str) -> &[Record] {
        match self.0.get(name) {
            Some(FieldValue::Records(records)) => records,
            _ => &[],
        }
    }
}

fn parse_record(
    specs: &[FieldSpec],
    raw: &Map<String, Value>,
    naming: Naming,
    path: &str,
    errors: &mut ValidationErrors,
    strict: bool,
) -> Record {
    let mut record = Record::new();
    if strict {
        for key in raw.keys() {
            if !specs.iter().any(|s| naming.key(s.name) == *key) {
                let known: Vec<String> = specs.iter().map(|s| naming.key(s.name)).collect();
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                errors
                    .add(
                        format!("{path}.{key}"),
                        Problem::UnknownField,
                        format!("unknown field; expected {}", one_of(&known)),
                    )
                    .with("value", key);
            }
        }
    }
    for spec in specs {
        let key = naming.key(spec.name);
        let field = format!("{path}.{key}");
        match raw.get(&key) {
            None | Some(Value::Null) => {
                if spec.required {
                    errors.add(
                        field,
                        Problem::Required,
                        format!("required: {}", spec.description.to_lowercase()),
                    );
                }
            }
            Some(value) => {
                if let Some(parsed) = parse_value(spec, value, naming, &field, errors, strict) {
                    record.insert(spec.name.to_string(), parsed);
                } else if spec.required && !errors.has(&field) {
                    errors.add(field, Problem::Required, "required");
                }
            }
        }
    }
    record
}

fn parse_value(
    spec: &FieldSpec,
    value: &Value,
    naming: Naming,
    field: &str,
    errors: &mut ValidationErrors,
    strict: bool,
) -> Option<FieldValue> {
    let before = errors.0.len();
    let parsed = match spec.ty {
        FieldType::Text => text(value, field, errors).map(FieldValue::Text),
        FieldType::Line => line(value, field, errors).map(FieldValue::Line),
        FieldType::Lines => list(value, field, errors, line).map(FieldValue::Lines),
        FieldType::Code(codes) => code(value, codes, field, errors).map(FieldValue::Code),
        FieldType::Codes(codes) => list(value, field, errors, |v, f, e| code(v, codes, f, e)).map(|mut c| {
            c.sort();
            c.dedup();
            FieldValue::Codes(c)
        }),
        FieldType::Date => date(value, field, errors).map(FieldValue::Date),
        FieldType::Duration => duration(value, field, errors).map(FieldValue::Duration),
        FieldType::Count => match value.as_u64() {
            Some(n) if n <= 1_000_000_000 => Some(FieldValue::Count(n)),
            _ => {
                errors.add(
                    field,
                    Problem::NotANumber,
                    "expected a whole number, zero or more",
                );
                None
            }
        },
        FieldType::Links => list(value, field, errors, link).map(FieldValue::Links),
        FieldType::Records(specs) => list(value, field, errors, |v, f, e| match v {
            Value::Object(map) => Some(parse_record(specs, map, naming, f, e, strict)),
            _ => {
                e.add(f, Problem::NotAnObject, "expected an object");
                None
            }
        })
        .map(FieldValue::Records),
    };
    // An empty list or map is "absent", not a value.
    match parsed {
        Some(FieldValue::Lines(ref v)) | Some(FieldValue::Codes(ref v)) if v.is_empty() => None,
        Some(FieldValue::Links(ref v)) if v.is_empty() => None,
        Some(FieldValue::Records(ref v)) if v.is_empty() => None,
        other if errors.0.len() == before => other,
        _ => None,
    }
}

/// A language map of plain text: `{"bg": "...", "it": "..."}`.
pub fn text(value: &Value, field: &str, errors: &mut ValidationErrors) -> Option<LanguageMap> {
    let Value::Object(map) = value else {
        errors.add(
            field,
            Problem::NotTextsByLanguage,
            "expected texts by language, like {\"it\": \"...\"}",
        );
        return None;
    };
    let mut texts = LanguageMap::new();
    for (language, text) in map {
        let path = format!("{field}.{language}");
        let tag = match LanguageTag::parse(language) {
            Ok(tag) => tag,
            Err(e) => {
                errors
                    .add(path, Problem::NotALanguage, e.to_string())
                    .with("value", language);
                continue;
            }
        };
        match text.as_str().map(str::trim) {
            Some("") => {
                errors.add(
                    path,
                    Problem::Empty,
                    "must not be empty; leave the language out instead",
                );
            }
            Some(t) if t.chars().count() > MAX_TEXT_CHARS => {
                errors
                    .add(
                        path,
                        Problem::TooLong,
                        format!("too long: at most {MAX_TEXT_CHARS} characters"),
                    )
                    .with("max", MAX_TEXT_CHARS);
            }
            Some(t) => texts.insert(tag, t.to_string()),
            None => {
                errors.add(path, Problem::NotText, "expected text");
            }
        }
    }
    Some(texts).filter(|t| !t.is_empty())
}

fn line(value: &Value, field: &str, errors: &mut ValidationErrors) -> Option<String> {
    match value.as_str().map(str::trim) {
        Some("") => {
            errors.add(field, Problem::Empty, "must not be empty");
            None
        }
        Some(t) if t.chars().count() > MAX_LINE_CHARS => {
            errors
                .add(
                    field,
                    Problem::TooLong,
                    format!("too long: at most {MAX_LINE_CHARS} characters"),
                )
                .with("max", MAX_LINE_CHARS);
            None
        }
        Some(t) => Some(t.to_string()),
        None => {
            errors.add(field, Problem::NotText, "expected text");
            None
        }
    }
}

fn list<T>(
    value: &Value,
    field: &str,
    errors: &mut ValidationErrors,
    each: impl Fn(&Value, &str, &mut ValidationErrors) -> Option<T>,
) -> Option<Vec<T>> {
    let Value::Array(values) = value else {
        errors.add(field, Problem::NotAList, "expected a list");
        return None;
    };
    if values.len() > MAX_ENTRIES {
        errors
            .add(
                field,
                Problem::TooMany,
                format!("too many entries: at most {MAX_ENTRIES}"),
            )
            .with("max", MAX_ENTRIES);
        return None;
    }
    Some(
        values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| each(v, &format!("{field}[{i}]"), errors))
            .collect(),
    )
}

/// One code of `codes`.
pub fn code(value: &Value, codes: &[&str], field: &str, errors: &mut ValidationErrors) -> Option<String> {
    match value.as_str() {
        Some(c) if codes.contains(&c) => Some(c.to_string()),
        Some(c) => {
            errors
                .add(
                    field,
                    Problem::UnknownCode,
                    format!("unknown code `{c}`; expected {}", one_of(codes)),
                )
                .with("value", c);
            None
        }
        None => {
            errors.add(field, Problem::UnknownCode, format!("expected {}", one_of(codes)));
            None
        }
    }
}

/// A `YYYY-MM-DD` date.
pub fn date(value: &Value, field: &str, errors: &mut ValidationErrors) -> Option<NaiveDate> {
    match value
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    {
        Some(date) => Some(date),
        None => {
            errors
                .add(
                    field,
                    Problem::NotADate,
                    format!("expected a date like 2026-03-31, got {value}"),
                )
                .with("value", value.as_str().unwrap_or_default());
            None
        }
    }
}

/// An absolute http or https URL.
pub fn link(value: &Value, field: &str, errors: &mut ValidationErrors) -> Option<Url> {
    match value.as_str().map(Url::parse) {
        Some(Ok(url)) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Some(url),
        _ => {
            errors
                .add(
                    field,
                    Problem::NotAUrl,
                    format!("expected an http or https URL, got {value}"),
                )
                .with("value", value.as_str().unwrap_or_default());
            None
        }
    }
}

fn duration(value: &Value, field: &str, errors: &mut ValidationErrors) -> Option<String> {
    match value.as_str() {
        Some(text) if is_iso8601_duration(text) => Some(text.to_string()),
        _ => {
            errors
                .add(
                    field,
                    Problem::NotADuration,
                    format!("expected an ISO 8601 duration like PT2H30M or P3D, got {value}"),
                )
                .with("value", value.as_str().unwrap_or_default());
            None
        }
    }
}

/// `P[nY][nM][nW][nD][T[nH][nM][nS]]` with at least one component.
pub fn is_iso8601_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let components = |part: &str, units: &str| -> Option<usize> {
        let mut count = 0;
        let mut digits = String::new();
        let mut allowed = units;
        for c in part.chars() {
            if c.is_ascii_digit() || (c == '.' && !digits.is_empty()) {
                digits.push(c);
            } else {
                let position = allowed.find(c)?;
                if digits.is_empty() {
                    return None;
                }
                digits.clear();
                allowed = &allowed[position + 1..];
                count += 1;
            }
        }
        digits.is_empty().then_some(count)
    };
    match (components(date, "YMWD"), time.map(|t| components(t, "HMS"))) {
        (Some(d), None) => d > 0,
        (Some(_), Some(Some(t))) => t > 0,
        _ => false,
    }
}

fn record_to_json(record: &Record, naming: Naming) -> Map<String, Value> {
    record
        .iter()
        .map(|(name, value)| (naming.key(name), value_to_json(value, naming)))
        .collect()
}

fn value_to_json(value: &FieldValue, naming: Naming) -> Value {
    match value {
        FieldValue::Text(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.to_string(), Value::from(v))).collect())
        }
        FieldValue::Line(s) | FieldValue::Code(s) | FieldValue::Duration(s) => Value::from(s.as_str()),
        FieldValue::Lines(v) | FieldValue::Codes(v) => Value::from(v.clone()),
        FieldValue::Date(d) => Value::from(d.format("%Y-%m-%d").to_string()),
        FieldValue::Count(n) => Value::from(*n),
        FieldValue::Links(urls) => Value::from(urls.iter().map(Url::to_string).collect::<Vec<_>>()),
        FieldValue::Records(records) => Value::Array(
            records
                .iter()
                .map(|r| Value::Object(record_to_json(r, naming)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations_are_recognised() {
        for ok in ["PT2H", "PT2H30M", "P3D", "P1W", "P1Y2M10DT2H30M", "PT0.5H"] {
            assert!(is_iso8601_duration(ok), "{ok}");
        }
        for bad in ["2 hours", "P", "PT", "P2H", "PT2D", "P1DT", "PH2", "PT30M2H"] {
            assert!(!is_iso8601_duration(bad), "{bad}");
        }
    }
}
