//! The fields of each kind of knowledge item, as data.
//!
//! One table per kind drives validation, storage, the ActivityPub mapping and the JSON-LD
//! context, so a field is added in one place. Field lists follow the EU good-practice databases,
//! LRMI and the Eurocities exchange formats.

use super::ItemKind;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Plain text in one or more languages (a language map).
    Text,
    /// One line of plain text.
    Line,
    /// A list of plain-text entries.
    Lines,
    /// One code of a controlled list.
    Code(&'static [&'static str]),
    /// Codes of a controlled list.
    Codes(&'static [&'static str]),
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An ISO 8601 duration such as `PT2H30M` or `P3D`.
    Duration,
    /// A whole number, zero or more.
    Count,
    /// Links (URLs) to other items or pages.
    Links,
    /// A list of records, each with its own fields.
    Records(&'static [FieldSpec]),
}

/// One field of a kind (or of a record within it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// snake_case name used by the API and in storage.
    pub name: &'static str,
    pub ty: FieldType,
    pub required: bool,
    /// What the field means, in English, for documentation.
    pub description: &'static str,
}

impl FieldSpec {
    /// The name of the ActivityPub property: the camelCase form of the name.
    pub fn term(&self) -> String {
        camel_case(self.name)
    }
}

const fn field(name: &'static str, ty: FieldType, description: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        required: false,
        description,
    }
}

const fn required(name: &'static str, ty: FieldType, description: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        required: true,
        description,
    }
}

use FieldType::*;

/// Budget bands in euro.
pub const BUDGET_RANGES: &[&str] = &[
    "under_10k",
    "from_10k_to_50k",
    "from_50k_to_200k",
    "from_200k_to_1m",
    "over_1m",
];
pub const RESOURCE_TYPES: &[&str] = &[
    "slides",
    "handout",
    "video",
    "e_learning_module",
    "case_study",
    "facilitator_guide",
    "quiz",
];
pub const LEVELS: &[&str] = &["introductory", "intermediate", "advanced"];
pub const DELIVERY_MODES: &[&str] = &["self_paced", "webinar", "in_person", "blended"];
pub const FORMATS: &[&str] = &[
    "pdf", "scorm", "h5p", "video", "slides", "document", "web", "other",
];
pub const EXCHANGE_TYPES: &[&str] = &[
    "study_visit",
    "staff_exchange",
    "peer_review",
    "workshop",
    "webinar",
    "mentoring",
];
pub const CONFIDENTIALITY: &[&str] = &["public", "network", "restricted"];
/// The areas of the Italian local action plans, and those the other partners add.
pub const PLAN_AREAS: &[&str] = &[
    "housing",
    "education_and_training",
    "health",
    "employment",
    "active_citizenship",
    "anti_discrimination",
    "social_services",
    "culture",
];
pub const MEASURE_STATUSES: &[&str] = &["planned", "in_progress", "done", "dropped"];

const INDICATOR: &[FieldSpec] = &[
    required("name", Line, "What is measured"),
    required("value", Line, "The value reached, with its unit"),
];

const PARTICIPANT: &[FieldSpec] = &[
    required("name", Line, "Name of the participant"),
    field("role", Line, "Role or position"),
    field("city", Line, "City or organisation"),
];

const FOLLOW_UP: &[FieldSpec] = &[
    required("action", Line, "What is to be done"),
    field("owner", Line, "Who does it"),
    field("deadline", Date, "By when"),
];

const MEASURE: &[FieldSpec] = &[
    required("title", Line, "The measure"),
    field("owner", Line, "Office or partner responsible"),
    field("deadline", Date, "By when"),
    field("status", Code(MEASURE_STATUSES), "Where the measure stands"),
];

const GOOD_PRACTICE: &[FieldSpec] = &[
    field("problem", Text, "Context and the problem addressed"),
    field("objectives", Text, "Objectives"),
    field("approach", Text, "Approach and activities"),
    field("participation", Text, "How the target group took part"),
    field("results", Text, "Results"),
    field("people_reached", Count, "Number of people reached"),
    field("indicators", Records(INDICATOR), "Result indicators"),
    field("evaluation", Text, "Evaluation, difficulties and lessons learned"),
    field("budget_range", Code(BUDGET_RANGES), "Budget band in euro"),
    field("staff", Text, "Staff involved"),
    field("funding_sources", Lines, "Sources of funding"),
    field("sustainability", Text, "How the practice is sustained"),
    field("transferability", Text, "What another city needs to transfer it"),
    field("partners", Lines, "Partner organisations"),
];

const TRAINING_MATERIAL: &[FieldSpec] = &[
    required("resource_type", Code(RESOURCE_TYPES), "Learning resource type"),
    field("level", Code(LEVELS), "Level"),
    field("audience_roles", Lines, "Roles the material is for"),
    field(
        "time_required",
        Duration,
        "Time required, as an ISO 8601 duration",
    ),
    field("delivery_mode", Code(DELIVERY_MODES), "How it is delivered"),
    field("competencies", Text, "Competencies taught"),
    field("prerequisites", Text, "Prerequisites"),
    field("format", Code(FORMATS), "Format or package"),
];

const EXCHANGE_REPORT: &[FieldSpec] = &[
    required("exchange_type", Code(EXCHANGE_TYPES), "Type of exchange"),
    field("host_city", Line, "Host city"),
    field("visiting_cities", Lines, "Visiting cities"),
    field("participants", Records(PARTICIPANT), "Participants"),
    field("participant_count", Count, "Number of participants"),
    field("objectives", Text, "Objectives of the exchange"),
    field("practices_observed", Links, "Practices observed (links to items)"),
    field("findings", Text, "Findings"),
    field("recommendations", Text, "Recommendations"),
    field("follow_up_actions", Records(FOLLOW_UP), "Follow-up actions"),
    field(
        "confidentiality",
        Code(CONFIDENTIALITY),
        "Who may read the report",
    ),
];

const ACTION_PLAN: &[FieldSpec] = &[
    field("areas", Codes(PLAN_AREAS), "Areas the plan covers"),
    field("measures", Records(MEASURE), "Measures"),
    field("adoption_date", Date, "When the plan was adopted"),
];

/// The kind-specific fields of `kind`.
pub fn fields(kind: ItemKind) -> &'static [FieldSpec] {
    match kind {
        ItemKind::GoodPractice => GOOD_PRACTICE,
        ItemKind::TrainingMaterial => TRAINING_MATERIAL,
        ItemKind::ExchangeReport => EXCHANGE_REPORT,
        ItemKind::ActionPlan => ACTION_PLAN,
    }
}

/// `people_reached` → `peopleReached`.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_terms_are_camel_case() {
        for kind in ItemKind::ALL {
            let names: std::collections::BTreeSet<_> = fields(kind).iter().map(|f| f.name).collect();
            assert_eq!(names.len(), fields(kind).len(), "{kind:?}");
        }
        assert_eq!(camel_case("people_reached"), "peopleReached");
        assert_eq!(camel_case("problem"), "problem");
    }
}

#[cfg(test)]
mod documentation {
    use super::*;

    #[test]
    fn every_field_of_every_kind_is_documented_in_the_api_guide() {
        let guide = include_str!("../../../docs/API.md");
        for kind in ItemKind::ALL {
            for spec in fields(kind) {
                assert!(
                    guide.contains(&format!("| `{}`", spec.name)),
                    "docs/API.md does not document {}.{}",
                    kind.code(),
                    spec.name
                );
            }
        }
    }
}
