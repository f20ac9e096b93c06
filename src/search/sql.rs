//! The SQL of a search. `hits` (the full-text match and its score) is written per backend; the
//! filters, the page and the facets are the same SQL on both.

use chrono::NaiveDate;
use diesel::{
    QueryableByName, RunQueryDsl,
    sql_types::{BigInt, Date, Double, Text},
};

use super::{FacetCount, Facets, Hit, SearchQuery};
use crate::storage::{Backend, DbConn, StorageError, dispatch, items::ItemId};

/// Column weights for ranking: title, summary, body, the rest.
const SQLITE_WEIGHTS: &str = "10.0, 4.0, 1.0, 2.0";
/// ts_rank weights are listed D, C, B, A: the rest, body, summary, title.
const POSTGRES_WEIGHTS: &str = "{0.2, 0.1, 0.4, 1.0}";
/// How much a version in the reader's language counts over the others.
const READER_LANGUAGE_BOOST: f64 = 1.5;

#[derive(Debug, Clone)]
enum Param {
    Text(String),
    Date(NaiveDate),
}

/// The `WITH` clauses of a search and their parameters.
pub(super) struct Plan {
    backend: Backend,
    with: String,
    params: Vec<Param>,
}

impl Plan {
    pub(super) fn new(backend: Backend, terms: &[String], query: &SearchQuery) -> Plan {
        let mut plan = Plan {
            backend,
            with: String::new(),
            params: Vec::new(),
        };
        let hits = plan.hits(terms, query);
        let filtered = plan.filtered(query);
        plan.with = format!("WITH {hits}, filtered AS MATERIALIZED ({filtered}) ");
        plan
    }

    /// Adds a parameter and returns its placeholder.
    fn bind(&mut self, param: Param) -> String {
        self.params.push(param);
        match self.backend {
            Backend::Sqlite => "?".to_string(),
            Backend::Postgres => format!("${}", self.params.len()),
        }
    }

    /// The `hits` clause (and, on SQLite, the `ranked` clause before it): matching items and
    /// their scores. Placeholders are bound in the order they appear in the text.
    fn hits(&mut self, terms: &[String], query: &SearchQuery) -> String {
        if terms.is_empty() {
            let real = if self.backend == Backend::Sqlite {
                "REAL"
            } else {
                "DOUBLE PRECISION"
            };
            return format!(
                "hits AS MATERIALIZED (SELECT i.id AS item_id, CAST(0 AS {real}) AS score FROM items i WHERE i.deleted_at IS NULL)"
            );
        }
        let language = query
            .reader_language
            .as_ref()
            .map(|l| l.primary().to_string())
            .unwrap_or_default();
        match self.backend {
            Backend::Sqlite => {
                // Each word a prefix; quoted, so no word is read as FTS5 syntax. bm25() only
                // works in a query straight against the FTS table, hence a materialized clause
                // of its own.
                let expression = terms
                    .iter()
                    .map(|t| format!("\"{t}\"*"))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                let matched = self.bind(Param::Text(expression));
                let boost = self.boost(&language);
                format!(
                    "ranked AS MATERIALIZED (SELECT rowid AS id, -bm25(search_fts, {SQLITE_WEIGHTS}) AS rank \
                     FROM search_fts WHERE search_fts MATCH {matched}), \
                     hits AS MATERIALIZED (SELECT d.item_id AS item_id, MAX(ranked.rank * {boost}) AS score \
                     FROM ranked JOIN search_documents d ON d.id = ranked.id GROUP BY d.item_id)"
                )
            }
            Backend::Postgres => {
                let expression = terms
                    .iter()
                    .map(|t| format!("{t}:*"))
                    .collect::<Vec<_>>()
                    .join(" & ");
                let matched = self.bind(Param::Text(expression));
                let boost = self.boost(&language);
                format!(
                    "hits AS MATERIALIZED (SELECT d.item_id AS item_id, \
                     MAX(ts_rank('{POSTGRES_WEIGHTS}', d.document, to_tsquery('simple', {matched})) * {boost}) AS score \
                     FROM search_documents d WHERE d.document @@ to_tsquery('simple', {matched}) GROUP BY d.item_id)"
                )
            }
        }
    }

    /// How much a document in the reader's language counts.
    fn boost(&mut self, language: &str) -> String {
        let exact = self.bind(Param::Text(language.to_string()));
        let regional = self.bind(Param::Text(format!("{language}-%")));
        format!(
            "(CASE WHEN d.language = {exact} OR d.language LIKE {regional} THEN {READER_LANGUAGE_BOOST} ELSE 1.0 END)"
        )
    }

    fn filtered(&mut self, query: &SearchQuery) -> String {
        let f = &query.filters;
        let mut conditions = vec!["i.deleted_at IS NULL".to_string()];
        let mut any_of = |plan: &mut Plan, values: &[String], template: &dyn Fn(&str) -> String| {
            if values.is_empty() {
                return;
            }
            let placeholders: Vec<String> =
                values.iter().map(|v| plan.bind(Param::Text(v.clone()))).collect();
            conditions.push(template(&placeholders.join(", ")));
        };
        any_of(self, &f.kinds, &|p| format!("i.kind IN ({p})"));
        any_of(self, &f.countries, &|p| format!("i.country IN ({p})"));
        let cities: Vec<String> = f.cities.iter().map(ToString::to_string).collect();
        any_of(self, &cities, &|p| {
            format!("i.origin_city_id IN (SELECT id FROM cities WHERE ap_id IN ({p}))")
        });
        any_of(self, &f.themes, &|p| {
            format!("EXISTS (SELECT 1 FROM item_themes t WHERE t.item_id = i.id AND t.code IN ({p}))")
        });
        any_of(self, &f.target_groups, &|p| {
            format!("EXISTS (SELECT 1 FROM item_target_groups g WHERE g.item_id = i.id AND g.code IN ({p}))")
        });
        any_of(self, &f.languages, &|p| {
            format!(
                "EXISTS (SELECT 1 FROM item_translations l WHERE l.item_id = i.id AND l.language IN ({p}))"
            )
        });
        if f.from.is_some() || f.to.is_some() {
            conditions.push("(i.period_start IS NOT NULL OR i.period_end IS NOT NULL)".into());
        }
        if let Some(from) = f.from {
            let p = self.bind(Param::Date(from));
            conditions.push(format!("(i.period_end IS NULL OR i.period_end >= {p})"));
        }
        if let Some(to) = f.to {
            let p = self.bind(Param::Date(to));
            conditions.push(format!("(i.period_start IS NULL OR i.period_start <= {p})"));
        }
        format!(
            "SELECT h.item_id AS item_id, h.score AS score, i.published_at AS published_at \
             FROM hits h JOIN items i ON i.id = h.item_id WHERE {}",
            conditions.join(" AND ")
        )
    }
}

#[derive(QueryableByName)]
struct HitRow {
    #[diesel(sql_type = BigInt)]
    item_id: i64,
    #[diesel(sql_type = Double)]
    score: f64,
}

#[derive(QueryableByName)]
struct FacetRow {
    #[diesel(sql_type = Text)]
    facet: String,
    #[diesel(sql_type = Text)]
    value: String,
    #[diesel(sql_type = BigInt)]
    count: i64,
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

/// Runs `sql` with the plan's parameters, loading rows of `$row`.
macro_rules! load {
    ($conn:expr, $plan:expr, $sql:expr, $row:ty) => {
        dispatch!($conn, c => {
            let mut query = diesel::sql_query($sql).into_boxed();
            for param in &$plan.params {
                query = match param {
                    Param::Text(text) => query.bind::<Text, _>(text.clone()),
                    Param::Date(date) => query.bind::<Date, _>(*date),
                };
            }
            query.load::<$row>(c)
        })
    };
}

pub(super) fn page(
    conn: &mut DbConn<'_>,
    plan: &Plan,
    limit: i64,
    offset: i64,
) -> Result<Vec<Hit>, StorageError> {
    let sql = format!(
        "{}SELECT item_id, score FROM filtered ORDER BY score DESC, published_at DESC, item_id DESC LIMIT {limit} OFFSET {offset}",
        plan.with
    );
    let rows = load!(conn, plan, sql, HitRow)?;
    Ok(rows
        .into_iter()
        .map(|r| Hit {
            item_id: ItemId(r.item_id),
            score: r.score,
        })
        .collect())
}

pub(super) fn count(conn: &mut DbConn<'_>, plan: &Plan) -> Result<i64, StorageError> {
    let sql = format!("{}SELECT COUNT(*) AS count FROM filtered", plan.with);
    Ok(load!(conn, plan, sql, CountRow)?.first().map_or(0, |r| r.count))
}

/// The total and every facet, in one statement.
pub(super) fn facets(conn: &mut DbConn<'_>, plan: &Plan) -> Result<(i64, Facets), StorageError> {
    let sql = format!(
        "{}SELECT 'total' AS facet, '' AS value, COUNT(*) AS count FROM filtered \
         UNION ALL SELECT 'kind', i.kind, COUNT(*) FROM filtered f JOIN items i ON i.id = f.item_id GROUP BY i.kind \
         UNION ALL SELECT 'theme', t.code, COUNT(*) FROM filtered f JOIN item_themes t ON t.item_id = f.item_id GROUP BY t.code \
         UNION ALL SELECT 'target_group', g.code, COUNT(*) FROM filtered f JOIN item_target_groups g ON g.item_id = f.item_id GROUP BY g.code \
         UNION ALL SELECT 'city', c.ap_id, COUNT(*) FROM filtered f JOIN items i ON i.id = f.item_id JOIN cities c ON c.id = i.origin_city_id GROUP BY c.ap_id \
         UNION ALL SELECT 'country', i.country, COUNT(*) FROM filtered f JOIN items i ON i.id = f.item_id WHERE i.country IS NOT NULL GROUP BY i.country \
         UNION ALL SELECT 'language', l.language, COUNT(*) FROM filtered f JOIN item_translations l ON l.item_id = f.item_id GROUP BY l.language",
        plan.with
    );
    let rows = load!(conn, plan, sql, FacetRow)?;
    let mut total = 0;
    let mut facets = Facets::default();
    for row in rows {
        let count = FacetCount {
            value: row.value,
            count: row.count,
        };
        match row.facet.as_str() {
            "total" => total = count.count,
            "kind" => facets.kind.push(count),
            "theme" => facets.theme.push(count),
            "target_group" => facets.target_group.push(count),
            "city" => facets.city.push(count),
            "country" => facets.country.push(count),
            "language" => facets.language.push(count),
            _ => {}
        }
    }
    for list in [
        &mut facets.kind,
        &mut facets.theme,
        &mut facets.target_group,
        &mut facets.city,
        &mut facets.country,
        &mut facets.language,
    ] {
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    Ok((total, facets))
}
