//! The SQL of a search.
//!
//! With words, one statement returns every matching document with its rank and its item's
//! facet values; ranking (with the reader's language), paging and facet counts are done here,
//! which reads each matching item once. Only the full-text clause differs between backends.
//! Without words, the page comes from the index on publication date and facets from GROUP BY.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::{
    QueryableByName, RunQueryDsl,
    sql_types::{BigInt, Date, Double, Nullable, Text, Timestamp},
};

use super::{FacetCount, Facets, Hit, SearchQuery, text::is_prefix_term};
use crate::storage::{Backend, DbConn, StorageError, cities, cities::CityId, dispatch, items::ItemId};

/// Column weights for ranking: title, summary, body, the rest.
const SQLITE_WEIGHTS: &str = "10.0, 4.0, 1.0, 2.0";
/// ts_rank weights are listed D, C, B, A: the rest, body, summary, title.
const POSTGRES_WEIGHTS: &str = "{0.2, 0.1, 0.4, 1.0}";
/// How much a version in the reader's language counts over the others.
const READER_LANGUAGE_BOOST: f64 = 1.5;
/// Document ids are item id × this + the language's place (see `storage::search_index`).
const LANGUAGE_SLOTS: i64 = 32;

#[derive(Debug, Clone)]
enum Param {
    Text(String),
    Date(NaiveDate),
}

/// SQL text with its parameters, bound in the order the placeholders appear.
struct Statement {
    backend: Backend,
    params: Vec<Param>,
}

impl Statement {
    fn new(backend: Backend) -> Statement {
        Statement {
            backend,
            params: Vec::new(),
        }
    }

    /// Adds a parameter and returns its placeholder.
    fn bind(&mut self, param: Param) -> String {
        self.params.push(param);
        match self.backend {
            Backend::Sqlite => "?".to_string(),
            Backend::Postgres => format!("${}", self.params.len()),
        }
    }

    /// `AND`-joined conditions on items `i` for the query's filters.
    fn filters(&mut self, query: &SearchQuery) -> String {
        let f = &query.filters;
        let mut conditions = vec!["i.deleted_at IS NULL".to_string()];
        let mut any_of = |statement: &mut Statement, values: &[String], template: &dyn Fn(&str) -> String| {
            if values.is_empty() {
                return;
            }
            let placeholders: Vec<String> = values
                .iter()
                .map(|v| statement.bind(Param::Text(v.clone())))
                .collect();
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
        conditions.join(" AND ")
    }
}

/// Runs `sql` with the statement's parameters, loading rows of `$row`.
macro_rules! load {
    ($conn:expr, $statement:expr, $sql:expr, $row:ty) => {
        dispatch!($conn, c => {
            let mut query = diesel::sql_query($sql).into_boxed();
            for param in &$statement.params {
                query = match param {
                    Param::Text(text) => query.bind::<Text, _>(text.clone()),
                    Param::Date(date) => query.bind::<Date, _>(*date),
                };
            }
            query.load::<$row>(c)
        })
    };
}

/// A matching document, with what the page and the facets need of its item.
#[derive(QueryableByName)]
struct MatchRow {
    #[diesel(sql_type = BigInt)]
    doc: i64,
    #[diesel(sql_type = Double)]
    rank: f64,
    #[diesel(sql_type = Timestamp)]
    published_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Nullable<Text>)]
    country: Option<String>,
    #[diesel(sql_type = BigInt)]
    origin_city_id: i64,
    #[diesel(sql_type = Text)]
    facet_themes: String,
    #[diesel(sql_type = Text)]
    facet_target_groups: String,
    #[diesel(sql_type = Text)]
    facet_languages: String,
}

/// Matching, ranking and counting for a query with words.
pub(super) fn search_words(
    conn: &mut DbConn<'_>,
    terms: &[String],
    query: &SearchQuery,
    limit: usize,
    offset: usize,
) -> Result<(i64, Vec<Hit>, Option<Facets>), StorageError> {
    let mut statement = Statement::new(conn.backend());
    let columns = "i.published_at AS published_at, i.kind AS kind, i.country AS country, \
                   i.origin_city_id AS origin_city_id, i.facet_themes AS facet_themes, \
                   i.facet_target_groups AS facet_target_groups, i.facet_languages AS facet_languages";
    let sql = match conn.backend() {
        Backend::Sqlite => {
            // Each word a prefix; quoted, so no word is read as FTS5 syntax. bm25() only works
            // in a query straight against the FTS table, hence its own materialized clause.
            let expression = terms
                .iter()
                .map(|t| {
                    if is_prefix_term(t) {
                        format!("\"{t}\"*")
                    } else {
                        format!("\"{t}\"")
                    }
                })
                .collect::<Vec<_>>()
                .join(" AND ");
            let matched = statement.bind(Param::Text(expression));
            let filters = statement.filters(query);
            format!(
                "WITH ranked AS MATERIALIZED (SELECT rowid AS doc, -bm25(search_fts, {SQLITE_WEIGHTS}) AS rank \
                 FROM search_fts WHERE search_fts MATCH {matched}) \
                 SELECT r.doc AS doc, r.rank AS rank, {columns} \
                 FROM ranked r JOIN items i ON i.id = r.doc / {LANGUAGE_SLOTS} WHERE {filters}"
            )
        }
        Backend::Postgres => {
            let expression = terms
                .iter()
                .map(|t| {
                    if is_prefix_term(t) {
                        format!("{t}:*")
                    } else {
                        t.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" & ");
            let matched = statement.bind(Param::Text(expression));
            let filters = statement.filters(query);
            format!(
                "SELECT d.id AS doc, \
                 CAST(ts_rank('{POSTGRES_WEIGHTS}', d.document, to_tsquery('simple', {matched})) AS DOUBLE PRECISION) AS rank, \
                 {columns} FROM search_documents d JOIN items i ON i.id = d.item_id \
                 WHERE d.document @@ to_tsquery('simple', {matched}) AND {filters}"
            )
        }
    };
    let rows = load!(conn, statement, sql, MatchRow)?;
    let reader = query.reader_language.as_ref().map(|l| l.primary().to_string());

    struct Scored {
        score: f64,
        published: NaiveDateTime,
    }
    let mut scored: HashMap<i64, Scored> = HashMap::new();
    let mut counts = Counts::default();
    for row in &rows {
        let item = row.doc / LANGUAGE_SLOTS;
        let slot = (row.doc % LANGUAGE_SLOTS) as usize;
        let language = row.facet_languages.split(',').nth(slot).unwrap_or_default();
        let in_reader_language = reader
            .as_deref()
            .is_some_and(|r| language == r || language.split('-').next() == Some(r));
        let score = row.rank
            * if in_reader_language {
                READER_LANGUAGE_BOOST
            } else {
                1.0
            };
        match scored.get_mut(&item) {
            Some(best) => best.score = best.score.max(score),
            None => {
                scored.insert(
                    item,
                    Scored {
                        score,
                        published: row.published_at,
                    },
                );
                if query.facets {
                    counts.add(row);
                }
            }
        }
    }
    let total = scored.len() as i64;
    let mut ranked: Vec<(i64, Scored)> = scored.into_iter().collect();
    ranked.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then_with(|| b.1.published.cmp(&a.1.published))
            .then_with(|| b.0.cmp(&a.0))
    });
    let hits = ranked
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(item, s)| Hit {
            item_id: ItemId(item),
            score: s.score,
        })
        .collect();
    let facets = if query.facets {
        Some(counts.into_facets(conn)?)
    } else {
        None
    };
    Ok((total, hits, facets))
}

/// Facet counts gathered item by item.
#[derive(Default)]
struct Counts {
    kind: HashMap<String, i64>,
    theme: HashMap<String, i64>,
    target_group: HashMap<String, i64>,
    city: HashMap<i64, i64>,
    country: HashMap<String, i64>,
    language: HashMap<String, i64>,
}

impl Counts {
    fn add(&mut self, row: &MatchRow) {
        *self.kind.entry(row.kind.clone()).or_default() += 1;
        *self.city.entry(row.origin_city_id).or_default() += 1;
        if let Some(country) = &row.country {
            *self.country.entry(country.clone()).or_default() += 1;
        }
        for (map, joined) in [
            (&mut self.theme, &row.facet_themes),
            (&mut self.target_group, &row.facet_target_groups),
            (&mut self.language, &row.facet_languages),
        ] {
            for value in joined.split(',').filter(|v| !v.is_empty()) {
                *map.entry(value.to_string()).or_default() += 1;
            }
        }
    }

    fn into_facets(self, conn: &mut DbConn<'_>) -> Result<Facets, StorageError> {
        let mut city = HashMap::new();
        for (id, count) in self.city {
            city.insert(cities::get(conn, CityId(id))?.ap_id.to_string(), count);
        }
        Ok(Facets {
            kind: sorted(self.kind),
            theme: sorted(self.theme),
            target_group: sorted(self.target_group),
            city: sorted(city),
            country: sorted(self.country),
            language: sorted(self.language),
        })
    }
}

/// Most frequent first, then by value.
fn sorted(counts: HashMap<String, i64>) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    list
}

#[derive(QueryableByName)]
struct ItemRow {
    #[diesel(sql_type = BigInt)]
    item_id: i64,
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

/// Listing without words: newest first, with facets from GROUP BY over the filtered items.
pub(super) fn browse(
    conn: &mut DbConn<'_>,
    query: &SearchQuery,
    limit: i64,
    offset: i64,
) -> Result<(i64, Vec<Hit>, Option<Facets>), StorageError> {
    let mut statement = Statement::new(conn.backend());
    let filters = statement.filters(query);
    let page_sql = format!(
        "SELECT i.id AS item_id FROM items i WHERE {filters} ORDER BY i.published_at DESC, i.id DESC LIMIT {limit} OFFSET {offset}"
    );
    let hits = load!(conn, statement, page_sql, ItemRow)?
        .into_iter()
        .map(|r| Hit {
            item_id: ItemId(r.item_id),
            score: 0.0,
        })
        .collect();
    let with =
        format!("WITH filtered AS MATERIALIZED (SELECT i.id AS item_id FROM items i WHERE {filters}) ");
    let mut sql = format!("{with}SELECT 'total' AS facet, '' AS value, COUNT(*) AS count FROM filtered");
    if query.facets {
        sql.push_str(
            " UNION ALL SELECT 'kind', i.kind, COUNT(*) FROM filtered f JOIN items i ON i.id = f.item_id GROUP BY i.kind \
             UNION ALL SELECT 'theme', t.code, COUNT(*) FROM filtered f JOIN item_themes t ON t.item_id = f.item_id GROUP BY t.code \
             UNION ALL SELECT 'target_group', g.code, COUNT(*) FROM filtered f JOIN item_target_groups g ON g.item_id = f.item_id GROUP BY g.code \
             UNION ALL SELECT 'city', c.ap_id, COUNT(*) FROM filtered f JOIN items i ON i.id = f.item_id JOIN cities c ON c.id = i.origin_city_id GROUP BY c.ap_id \
             UNION ALL SELECT 'country', i.country, COUNT(*) FROM filtered f JOIN items i ON i.id = f.item_id WHERE i.country IS NOT NULL GROUP BY i.country \
             UNION ALL SELECT 'language', l.language, COUNT(*) FROM filtered f JOIN item_translations l ON l.item_id = f.item_id GROUP BY l.language",
        );
    }
    let rows = load!(conn, statement, sql, FacetRow)?;
    let mut total = 0;
    let mut by_facet: HashMap<String, HashMap<String, i64>> = HashMap::new();
    for row in rows {
        if row.facet == "total" {
            total = row.count;
        } else {
            by_facet
                .entry(row.facet)
                .or_default()
                .insert(row.value, row.count);
        }
    }
    let facets = query.facets.then(|| {
        let mut take = |name: &str| sorted(by_facet.remove(name).unwrap_or_default());
        Facets {
            kind: take("kind"),
            theme: take("theme"),
            target_group: take("target_group"),
            city: take("city"),
            country: take("country"),
            language: take("language"),
        }
    });
    Ok((total, hits, facets))
}
