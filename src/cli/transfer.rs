//! `praxis import`, `praxis export` and `praxis restore`: items in bulk from CSV or JSON, and the
//! city's own content as one archive.

use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::{
    app::AppData,
    service::{
        archive,
        import::{self, ImportFormat, RowOutcome},
    },
};

/// `praxis import FILE`: checks every row, then publishes them all (or, with `skip_invalid`, the
/// valid ones); a dry run only checks.
pub async fn import(
    data: &AppData,
    file: &Path,
    format: Option<String>,
    dry_run: bool,
    skip_invalid: bool,
) -> anyhow::Result<()> {
    let format = match format.as_deref() {
        Some("csv") => ImportFormat::Csv,
        Some("json") => ImportFormat::Json,
        Some(other) => anyhow::bail!("`{other}` is not an import format: csv or json"),
        None => ImportFormat::of_path(file).with_context(|| {
            format!(
                "cannot tell the format of {} from its name; pass --format csv or json",
                file.display()
            )
        })?,
    };
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let rows = import::read_rows(&text, format)?;
    let mut reports = import::check(&rows);
    let invalid = reports
        .iter()
        .filter(|r| matches!(r.outcome, RowOutcome::Invalid(_)))
        .count();
    let valid = reports.len() - invalid;
    let unit = if format == ImportFormat::Csv {
        "row"
    } else {
        "item"
    };
    for report in &reports {
        if let RowOutcome::Invalid(problems) = &report.outcome {
            println!("{unit} {}: invalid \"{}\"", report.number, report.title);
            for problem in problems {
                println!("    {problem}");
            }
        }
    }
    println!("{} rows: {valid} valid, {invalid} invalid.", reports.len());
    if dry_run {
        import::plan(data, &rows, &mut reports).await?;
        for report in &reports {
            let what = match &report.outcome {
                RowOutcome::WillCreate => "would be published".to_string(),
                RowOutcome::WillUpdate(id) => format!("would update {id}"),
                RowOutcome::Unchanged(id) => format!("unchanged, left alone: {id}"),
                _ => continue,
            };
            println!("{unit} {}: {what} \"{}\"", report.number, report.title);
        }
        let count = |f: fn(&RowOutcome) -> bool| reports.iter().filter(|r| f(&r.outcome)).count();
        println!(
            "Dry run: nothing was published ({} to publish, {} to update, {} unchanged).",
            count(|o| matches!(o, RowOutcome::WillCreate)),
            count(|o| matches!(o, RowOutcome::WillUpdate(_))),
            count(|o| matches!(o, RowOutcome::Unchanged(_))),
        );
        return if invalid > 0 {
            anyhow::bail!("{invalid} row(s) need fixing")
        } else {
            Ok(())
        };
    }
    if invalid > 0 && !skip_invalid {
        anyhow::bail!(
            "nothing was published: fix the {invalid} invalid row(s), or pass --skip-invalid to publish the {valid} valid ones"
        );
    }
    let reported: std::collections::HashSet<u64> = reports
        .iter()
        .filter(|r| matches!(r.outcome, RowOutcome::Invalid(_)))
        .map(|r| r.number)
        .collect();
    let bar = progress_bar(valid as u64, "publishing");
    let changed = import::publish(data, rows, &mut reports, || bar.inc(1)).await?;
    bar.finish_and_clear();
    let (mut published, mut updated, mut unchanged) = (0, 0, 0);
    for report in &reports {
        match &report.outcome {
            RowOutcome::Published(id) => {
                published += 1;
                println!("{unit} {}: published {id}", report.number);
            }
            RowOutcome::Updated(id) => {
                updated += 1;
                println!("{unit} {}: updated {id}", report.number);
            }
            RowOutcome::Unchanged(id) => {
                unchanged += 1;
                println!("{unit} {}: unchanged {id}", report.number);
            }
            RowOutcome::Invalid(problems) if !reported.contains(&report.number) => {
                println!("{unit} {}: not published \"{}\"", report.number, report.title);
                for problem in problems {
                    println!("    {problem}");
                }
            }
            _ => {}
        }
    }
    debug_assert_eq!(changed, published + updated);
    println!(
        "Published {published} item(s), updated {updated}, left {unchanged} unchanged; `praxis serve` delivers them to the followers."
    );
    Ok(())
}

/// `praxis export --output FILE`.
pub async fn export(data: &AppData, output: &Path) -> anyhow::Result<()> {
    let file = std::fs::File::create(output).with_context(|| format!("creating {}", output.display()))?;
    let description = archive::export(data, std::io::BufWriter::new(file)).await?;
    println!(
        "Wrote {}: {} item(s) and {} file(s) of {} ({}).",
        output.display(),
        description.items,
        description.attachments,
        description.city_name,
        description.city
    );
    Ok(())
}

/// `praxis restore FILE`.
pub async fn restore(data: &AppData, input: PathBuf) -> anyhow::Result<()> {
    let file = std::fs::File::open(&input).with_context(|| format!("opening {}", input.display()))?;
    let archive = archive::read(std::io::BufReader::new(file))?;
    let description = &archive.description;
    println!(
        "{} holds {} item(s) and {} file(s) of {} ({}), exported {}.",
        input.display(),
        description.items,
        description.attachments,
        description.city_name,
        description.city,
        description.exported_at.format("%Y-%m-%d %H:%M UTC")
    );
    let bar = progress_bar(archive.items.len() as u64, "restoring");
    let restored = archive::restore(data, archive, || bar.inc(1)).await?;
    bar.finish_and_clear();
    println!(
        "Restored {} item(s) and {} file(s) as {}'s own.",
        restored.items.len(),
        restored.attachments,
        data.city.address()
    );
    Ok(())
}

pub(super) fn progress_bar(length: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(length).with_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}
