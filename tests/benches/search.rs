//! Search benchmark: generates realistic multilingual items, stores them, builds the search
//! index from them, then measures searches of one to three words, with and without facets and
//! filters, one client and four at once, and how soon a committed item is found.
//!
//!     cargo bench --bench search -- [--backend sqlite|postgres] [--items 100000] [--queries 300]
//!                                    [--keep DIR [--reuse]] [--record FILE] [--compare FILE]
//!
//! `--keep DIR --reuse` (SQLite) uses the items and the index a previous run kept in DIR when
//! they are there, to measure searches again without generating and rebuilding.
//!
//! The items and queries are the same on every run with the same `--items` and `--queries`, so
//! the backends can be compared: `--record FILE` writes, for every query run, how many items it
//! matched and the facet counts over all of them; `--compare FILE` (on the other backend) checks
//! that every query matches as many items, with the same counts per kind, theme, target group,
//! city, country and language, and fails if any differs. (The index is the same engine on both
//! backends; what could differ is what each database gives it.)
//!
//! PostgreSQL needs PRAXIS_TEST_DATABASE_URL (a server where databases may be created). Results
//! and the machine they were measured on are kept in docs/PERFORMANCE.md.

use std::{collections::HashMap, sync::Arc, time::Instant};

use chrono::{Duration, TimeZone, Utc};
use diesel::{Connection, PgConnection, RunQueryDsl};
use praxis::{
    config::DatabaseLocation,
    domain::{
        city::City,
        item::{ItemDraft, KnowledgeItem},
        language::LanguageTag,
        vocabulary::{TARGET_GROUPS, THEMES},
    },
    search::{Filters, SearchEngine, SearchQuery},
    service::search::{IndexerContext, SearchIndexer, rebuild},
    storage::{Database, StorageError, cities, items},
};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};
use serde_json::Value;

const CORPUS: [(&str, &str); 4] = [
    ("bg", include_str!("../fixtures/corpus/bg.txt")),
    ("it", include_str!("../fixtures/corpus/it.txt")),
    ("mk", include_str!("../fixtures/corpus/mk.txt")),
    ("en", include_str!("../fixtures/corpus/en.txt")),
];

/// Cities the items come from, with their country and main language.
const CITIES: [(&str, &str, &str); 12] = [
    ("sofia", "BG", "bg"),
    ("vidin", "BG", "bg"),
    ("tran", "BG", "bg"),
    ("plovdiv", "BG", "bg"),
    ("campobasso", "IT", "it"),
    ("roma", "IT", "it"),
    ("napoli", "IT", "it"),
    ("bari", "IT", "it"),
    ("skopje", "MK", "mk"),
    ("shutoorizari", "MK", "mk"),
    ("bitola", "MK", "mk"),
    ("ghent", "BE", "en"),
];

struct Options {
    backend: String,
    items: usize,
    queries: usize,
    /// Keep the SQLite database in this directory, or the PostgreSQL database (to look at it
    /// afterwards).
    keep: Option<std::path::PathBuf>,
    /// Use the items and index kept in `keep` by an earlier run, when there are any.
    reuse: bool,
    /// Write what every query matched to this file.
    record: Option<std::path::PathBuf>,
    /// Check that every query matches what this file, recorded on the other backend, says.
    compare: Option<std::path::PathBuf>,
}

fn options() -> Options {
    let mut options = Options {
        backend: "sqlite".into(),
        items: 100_000,
        queries: 300,
        keep: None,
        reuse: false,
        record: None,
        compare: None,
    };
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--backend" => options.backend = value(),
            "--items" => options.items = value().parse().expect("--items N"),
            "--queries" => options.queries = value().parse().expect("--queries N"),
            "--keep" => options.keep = Some(value().into()),
            "--reuse" => options.reuse = true,
            "--record" => options.record = Some(value().into()),
            "--compare" => options.compare = Some(value().into()),
            other => panic!("unknown option {other}"),
        }
    }
    options
}

/// Sentences and a frequency-ordered vocabulary per language.
struct Language {
    sentences: Vec<String>,
    words: Vec<String>,
}

fn languages() -> HashMap<&'static str, Language> {
    CORPUS
        .iter()
        .map(|(code, text)| {
            let sentences: Vec<String> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from)
                .collect();
            let mut counts: HashMap<String, usize> = HashMap::new();
            // Query words are what people search by: the engine drops stopwords anyway.
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 2)
            {
                let word = word.to_lowercase();
                if !praxis::search::stopwords::is_stopword(&praxis::search::text::fold(&word)) {
                    *counts.entry(word).or_default() += 1;
                }
            }
            let mut words: Vec<(String, usize)> = counts.into_iter().collect();
            words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (
                *code,
                Language {
                    sentences,
                    words: words.into_iter().map(|(w, _)| w).collect(),
                },
            )
        })
        .collect()
}

/// A word, frequent ones more often (roughly Zipf).
fn zipf<'a>(rng: &mut StdRng, words: &'a [String]) -> &'a str {
    let rank = ((words.len() as f64).powf(rng.r#gen::<f64>()) as usize).saturating_sub(1);
    &words[rank.min(words.len() - 1)]
}

/// A corpus sentence with some of its words swapped for others of the language.
fn sentence(rng: &mut StdRng, language: &Language) -> String {
    let base = language.sentences.choose(rng).unwrap();
    base.split(' ')
        .map(|w| {
            if rng.gen_bool(0.3) {
                zipf(rng, &language.words).to_string()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn words_of(rng: &mut StdRng, language: &Language, n: usize) -> String {
    let text = sentence(rng, language);
    let mut first: String = text.split(' ').take(n).collect::<Vec<_>>().join(" ");
    if let Some(c) = first.get(..1) {
        first = c.to_uppercase() + &first[1..];
    }
    first
}

/// One realistic item: one to three language versions (the city's own first), a title of
/// 5-11 words, a summary of one or two sentences, a body of 3-8 paragraphs, 1-4 themes skewed
/// towards the common ones, 1-3 target groups.
fn generate(
    rng: &mut StdRng,
    langs: &HashMap<&str, Language>,
    n: usize,
    city: &City,
    main: &str,
    country: &str,
) -> KnowledgeItem {
    let mut versions = vec![main.to_string()];
    for other in ["en", "it", "bg", "mk"] {
        if other != main && versions.len() < 3 && rng.gen_bool(0.25) {
            versions.push(other.to_string());
        }
    }
    let mut title = serde_json::Map::new();
    let mut summary = serde_json::Map::new();
    let mut body = serde_json::Map::new();
    for code in &versions {
        let language = &langs[code.as_str()];
        title.insert(code.clone(), {
            let length = rng.gen_range(5..12);
            format!("{} ({n})", words_of(rng, language, length)).into()
        });
        let sentences = rng.gen_range(1..3);
        summary.insert(
            code.clone(),
            (0..sentences)
                .map(|_| sentence(rng, language))
                .collect::<Vec<_>>()
                .join(" ")
                .into(),
        );
        let paragraphs: String = (0..rng.gen_range(3..9))
            .map(|_| {
                format!(
                    "<p>{}</p>",
                    (0..rng.gen_range(2..5))
                        .map(|_| sentence(rng, language))
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            })
            .collect();
        body.insert(code.clone(), paragraphs.into());
    }
    let themes: Vec<&str> = (0..rng.gen_range(1..5))
        .map(|_| THEMES[zipf_index(rng, THEMES.len())])
        .collect();
    let groups: Vec<&str> = (0..rng.gen_range(1..4))
        .map(|_| TARGET_GROUPS[zipf_index(rng, TARGET_GROUPS.len())])
        .collect();
    let kind = [
        "good_practice",
        "good_practice",
        "good_practice",
        "training_material",
        "exchange_report",
        "action_plan",
    ]
    .choose(rng)
    .unwrap();
    let start = Utc.with_ymd_and_hms(2015, 1, 1, 0, 0, 0).unwrap() + Duration::days(rng.gen_range(0..4000));
    let details = match *kind {
        "training_material" => serde_json::json!({"resource_type": "handout", "time_required": "PT2H"}),
        "exchange_report" => serde_json::json!({"exchange_type": "study_visit"}),
        _ => serde_json::json!({}),
    };
    let draft: ItemDraft = serde_json::from_value(serde_json::json!({
        "kind": kind,
        "original_language": main,
        "title": title, "summary": summary, "body": body,
        "themes": themes, "target_groups": groups, "country": country,
        "period": {"start": start.format("%Y-%m-%d").to_string()},
        "details": details
    }))
    .unwrap();
    let published = start + Duration::days(rng.gen_range(0..365));
    KnowledgeItem {
        ap_id: city.ap_id.join(&format!("/items/{n}")).unwrap(),
        origin: city.ap_id.clone(),
        content: draft.validate().unwrap(),
        published,
        updated: published,
        former_ap_id: None,
    }
}

fn zipf_index(rng: &mut StdRng, len: usize) -> usize {
    (((len as f64 + 1.0).powf(rng.r#gen::<f64>()) as usize).saturating_sub(1)).min(len - 1)
}

fn city(handle: &str, country: &str, language: &str) -> City {
    let base: url::Url = format!("https://praxis.{handle}.example").parse().unwrap();
    City {
        ap_id: base.join("/city").unwrap(),
        handle: handle.into(),
        name: handle.into(),
        names: Default::default(),
        summary: String::new(),
        languages: vec![LanguageTag::parse(language).unwrap()],
        country: Some(country.into()),
        location: None,
        inbox: base.join("/city/inbox").unwrap(),
        shared_inbox: None,
        outbox: None,
        followers: None,
        following: None,
        profile_url: None,
        public_key_pem: String::new(),
        private_key_pem: None,
        public_key_id: None,
        ed25519_key: None,
        is_local: false,
        kind: praxis::domain::city::ActorKind::City,
        last_refreshed_at: Utc::now(),
        joined: None,
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn main() {
    let options = options();
    let dir = tempfile::tempdir().unwrap();
    let work = options.keep.clone().unwrap_or_else(|| dir.path().to_path_buf());
    let (location, pg) = match options.backend.as_str() {
        "postgres" => {
            let admin = std::env::var("PRAXIS_TEST_DATABASE_URL")
                .expect("PRAXIS_TEST_DATABASE_URL for --backend postgres");
            let name = format!("praxis_bench_{}", uuid::Uuid::new_v4().simple());
            let mut conn = PgConnection::establish(&admin).unwrap();
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .unwrap();
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            (
                DatabaseLocation::Postgres(url.to_string().into()),
                Some((admin, name)),
            )
        }
        _ => (DatabaseLocation::Sqlite(work.join("praxis.db")), None),
    };
    let db = Database::connect(&location, 4).unwrap();
    db.migrate().unwrap();
    let langs = languages();
    let mut rng = StdRng::seed_from_u64(2026);
    let origins: Vec<(cities::CityId, City, &str, &str)> = CITIES
        .iter()
        .map(|(handle, country, language)| {
            let c = city(handle, country, language);
            let id = db.write_blocking(|conn| cities::upsert(conn, &c)).unwrap();
            (id, c, *language, *country)
        })
        .collect();

    println!(
        "# Praxis search benchmark ({} backend, {} items)",
        options.backend, options.items
    );
    println!();
    let already = db
        .read_blocking(|conn| {
            items::count(
                conn,
                items::Scope::All,
                praxis::domain::audience::Visibility::Everything,
            )
        })
        .unwrap() as usize;
    let reusing = options.reuse && already >= options.items;
    let started = Instant::now();
    let batch = 500;
    let mut generated = if reusing { options.items } else { 0 };
    if reusing {
        println!("reusing the {already} items kept in the database");
    }
    while generated < options.items {
        let items: Vec<(cities::CityId, KnowledgeItem)> = (generated..(generated + batch).min(options.items))
            .map(|n| {
                let (id, city, language, country) = origins.choose(&mut rng).unwrap();
                (*id, generate(&mut rng, &langs, n, city, language, country))
            })
            .collect();
        generated += items.len();
        db.write_blocking(|conn| -> Result<(), StorageError> {
            for (origin, item) in &items {
                items::upsert(conn, item, *origin)?;
            }
            Ok(())
        })
        .unwrap();
    }
    let stored = started.elapsed().as_secs_f64();
    if !reusing {
        println!(
            "storing {} items in the database: {stored:.1} s, {:.0} items/s (items, translations, codes, change log)",
            options.items,
            options.items as f64 / stored
        );
    }

    let index_dir = work.join("search-index");
    let (engine, current) = SearchEngine::open(&index_dir).unwrap();
    let context = IndexerContext {
        db: db.clone(),
        engine: Arc::new(engine),
        labels: Arc::new(praxis::web::i18n::InterfaceLabels),
    };
    let position = match current.filter(|_| reusing) {
        Some(position) => {
            println!("reusing the search index kept with them");
            position
        }
        None => {
            let started = Instant::now();
            let position = rebuild(&context, |_, _| {}).unwrap();
            let rebuilt = started.elapsed().as_secs_f64();
            println!(
                "building the search index from the database (a full rebuild): {rebuilt:.1} s, {:.0} items/s",
                options.items as f64 / rebuilt
            );
            position
        }
    };
    let engine = context.engine.clone();
    println!(
        "index size: {:.0} MiB ({:.1} KiB per item); database size: {:.0} MiB",
        directory_size(&index_dir) as f64 / 1048576.0,
        directory_size(&index_dir) as f64 / 1024.0 / options.items as f64,
        database_size(&location) as f64 / 1048576.0
    );
    println!();

    let mut query_rng = StdRng::seed_from_u64(7);
    // What each query matched: its text, its reader's language, the number of items, and the
    // facet counts over all of them.
    let mut matched: Vec<Value> = Vec::new();
    let mut all_queries: Vec<SearchQuery> = Vec::new();
    println!("| query | p50 | p95 | p99 | max | matching items (median, p95) |");
    println!("|---|---|---|---|---|---|");
    for words in 1..=3 {
        let queries: Vec<(String, &str)> = (0..options.queries)
            .map(|_| {
                let (code, language) = CORPUS
                    .choose(&mut query_rng)
                    .map(|(c, _)| (*c, &langs[c]))
                    .unwrap();
                let pool = &language.words[..language.words.len().min(1500)];
                let text = (0..words)
                    .map(|_| pool.choose(&mut query_rng).unwrap().clone())
                    .collect::<Vec<_>>()
                    .join(" ");
                (text, code)
            })
            .collect();
        for (facets, filtered) in [(false, false), (true, false), (true, true)] {
            let mut latencies = Vec::new();
            let mut hits = Vec::new();
            for (n, (text, language)) in queries.iter().enumerate() {
                let query = SearchQuery {
                    text: text.clone(),
                    reader_language: LanguageTag::parse(language).ok(),
                    page: 1,
                    per_page: 20,
                    facets,
                    public_only: false,
                    order: Default::default(),
                    filters: if filtered { filter(n) } else { Filters::default() },
                };
                let started = Instant::now();
                let results = engine.search(&query).unwrap();
                latencies.push(started.elapsed().as_secs_f64() * 1000.0);
                hits.push(results.total as f64);
                if facets && !filtered {
                    matched.push(serde_json::json!({
                        "query": text, "language": language,
                        "total": results.total, "facets": results.facets,
                    }));
                }
                all_queries.push(query);
            }
            latencies.sort_by(f64::total_cmp);
            hits.sort_by(f64::total_cmp);
            println!(
                "| {words} word{}{}{} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.0}, {:.0} |",
                if words > 1 { "s" } else { "" },
                if facets { ", facets" } else { "" },
                if filtered { ", 2 filters" } else { "" },
                percentile(&latencies, 50.0),
                percentile(&latencies, 95.0),
                percentile(&latencies, 99.0),
                latencies.last().unwrap(),
                percentile(&hits, 50.0),
                percentile(&hits, 95.0),
            );
        }
    }
    println!();

    // The page a reader sees also loads its items from the database.
    let mut page_latencies = Vec::new();
    for query in all_queries.iter().filter(|q| q.facets).take(options.queries) {
        let started = Instant::now();
        let results = engine.search(query).unwrap();
        let ids: Vec<_> = results.hits.iter().map(|h| h.item_id).collect();
        db.read_blocking(|conn| items::get_many(conn, &ids)).unwrap();
        page_latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    page_latencies.sort_by(f64::total_cmp);
    println!(
        "search with facets plus loading the page's 20 items from the database: p50 {:.2} ms, p95 {:.2} ms",
        percentile(&page_latencies, 50.0),
        percentile(&page_latencies, 95.0)
    );

    // Four clients at once, each running the queries above for a few seconds.
    let deadline = Instant::now() + std::time::Duration::from_secs(5);
    let queries = Arc::new(all_queries);
    let done: usize = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..4)
            .map(|client| {
                let (engine, queries) = (engine.clone(), queries.clone());
                scope.spawn(move || {
                    let mut n = 0;
                    while Instant::now() < deadline {
                        engine
                            .search(&queries[(client * 97 + n) % queries.len()])
                            .unwrap();
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).sum()
    });
    println!(
        "4 concurrent clients (mixed queries above): {:.0} searches/s",
        done as f64 / 5.0
    );
    println!(
        "resident memory of the benchmark process (database pool, index, all of the above): {:.0} MiB",
        rss_mib()
    );

    // From commit to searchable: items published one by one while the indexer runs.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let visible = runtime.block_on(async {
        let wake = Arc::new(tokio::sync::Notify::new());
        let indexer = SearchIndexer::spawn(context.clone(), Some(position), wake.clone());
        let (id, city, language, country) = &origins[0];
        let run: u32 = rand::random();
        let mut delays = Vec::new();
        for n in 0..100 {
            let mut item = generate(&mut rng, &langs, options.items + n, city, language, country);
            // Unique to this run: a kept database holds the markers of earlier ones.
            let marker = format!("zzmarker{run}x{n}");
            item.content.tags.push(marker.clone());
            item.ap_id = city.ap_id.join(&format!("/items/{marker}")).unwrap();
            let origin = *id;
            db.write(move |conn| items::upsert(conn, &item, origin).map(|_| ()))
                .await
                .unwrap();
            let committed = Instant::now();
            let query = SearchQuery {
                text: marker,
                page: 1,
                per_page: 1,
                ..SearchQuery::default()
            };
            loop {
                if engine.search(&query).unwrap().total == 1 {
                    break;
                }
                assert!(
                    committed.elapsed() < std::time::Duration::from_secs(30),
                    "item {n} is not searchable 30 s after its commit"
                );
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
            }
            delays.push(committed.elapsed().as_secs_f64() * 1000.0);
        }
        indexer.shutdown(std::time::Duration::from_secs(5)).await;
        delays.sort_by(f64::total_cmp);
        delays
    });
    println!(
        "from commit to searchable (100 items, each committed alone, indexer polling every 100 ms): p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        percentile(&visible, 50.0),
        percentile(&visible, 99.0),
        visible.last().unwrap()
    );

    let recorded = serde_json::json!({
        "backend": options.backend, "items": options.items, "queries": matched,
    });
    if let Some(path) = &options.record {
        std::fs::write(path, serde_json::to_string(&recorded).unwrap()).unwrap();
        println!(
            "recorded what {} queries matched in {}",
            matched.len(),
            path.display()
        );
    }
    if let Some(path) = &options.compare {
        compare(&recorded, path);
    }
    drop(context);
    drop(db);
    if let (Some((_, name)), Some(_)) = (&pg, &options.keep) {
        println!("kept the PostgreSQL database {name}");
        return;
    }
    if let Some((admin, name)) = pg {
        let mut conn = PgConnection::establish(&admin).unwrap();
        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn)
            .unwrap();
    }
}

/// Two filters a reader might set: a country and a theme, varied by query.
fn filter(n: usize) -> Filters {
    let countries = ["BG", "IT", "MK", "BE"];
    Filters {
        countries: vec![countries[n % countries.len()].to_string()],
        themes: vec![THEMES[n % THEMES.len()].to_string()],
        ..Filters::default()
    }
}

fn directory_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => directory_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn database_size(location: &DatabaseLocation) -> u64 {
    match location {
        DatabaseLocation::Postgres(url) => {
            #[derive(diesel::QueryableByName)]
            struct Size {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                size: i64,
            }
            let mut conn = PgConnection::establish(url.expose()).unwrap();
            diesel::sql_query("SELECT pg_database_size(current_database()) AS size")
                .get_result::<Size>(&mut conn)
                .unwrap()
                .size as u64
        }
        DatabaseLocation::Sqlite(path) => ["", "-wal", "-shm"]
            .iter()
            .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", path.display())).ok())
            .map(|m| m.len())
            .sum(),
    }
}

/// Resident memory of this process.
fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Checks that every query of this run matched what the run recorded in `path` says: as many
/// items, with the same facet counts. Prints the outcome; fails when any query differs.
fn compare(this: &Value, path: &std::path::Path) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let other: Value = serde_json::from_str(&text).expect("a file written by --record");
    assert_eq!(
        other["items"],
        this["items"],
        "{} was recorded with another --items",
        path.display()
    );
    let (theirs, ours) = (
        other["queries"].as_array().unwrap(),
        this["queries"].as_array().unwrap(),
    );
    assert_eq!(
        theirs.len(),
        ours.len(),
        "{} was recorded with another --queries",
        path.display()
    );
    let mut differing = Vec::new();
    for (a, b) in ours.iter().zip(theirs) {
        assert_eq!(
            (&a["query"], &a["language"]),
            (&b["query"], &b["language"]),
            "the queries differ"
        );
        if a["total"] != b["total"] || a["facets"] != b["facets"] {
            differing.push(format!(
                "`{}` ({}): {} items here, {} there",
                a["query"].as_str().unwrap(),
                a["language"].as_str().unwrap(),
                a["total"],
                b["total"]
            ));
        }
    }
    println!(
        "compared with {} ({} backend): {} of {} queries match the same number of items with the same facet counts",
        path.display(),
        other["backend"].as_str().unwrap_or("?"),
        ours.len() - differing.len(),
        ours.len()
    );
    assert!(
        differing.is_empty(),
        "{} queries differ between the backends, like:\n{}",
        differing.len(),
        differing.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
}
