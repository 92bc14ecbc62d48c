//! How long the documents of a year take to make, beside the printed page
//! of the same year (the reference: an HTML page the portal already
//! serves). Kept out of the product binary.
//!
//!   cargo run --release --example documents [-- --iterations N] [--database DB]
//!
//! Without --database, a fresh demo database in a temporary folder. The
//! year measured is the one with the most content (rows of figures,
//! results, proposals and paragraphs). Prints one line per document:
//! documents per second, median and p99 milliseconds, size in bytes.

use std::time::{Duration, Instant};

use askama::Template;
use thidua::documents::{dossier, report, word, xlsx, year_tables};
use thidua::schema::cluster_years;
use thidua::years::summary::{self, YearSummary};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let iterations: usize = value("--iterations")
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = value("--database")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("demo.db"));
    let pool = thidua::server::prepare_database(&path, true, 2).expect("the database opens");
    let mut conn = pool.get().expect("a connection");

    use diesel::prelude::*;
    let years: Vec<(i32, i32)> = cluster_years::table
        .select((cluster_years::cluster_id, cluster_years::year))
        .load(&mut conn)
        .expect("years");
    let size = |s: &YearSummary| {
        s.indicators.iter().map(|t| t.rows.len()).sum::<usize>()
            + s.cluster_figures.len()
            + s.results.len()
            + s.awards.len() * 3
            + s.summary.len()
            + s.conferences
                .iter()
                .map(|c| c.minutes.len() + c.participants.len())
                .sum::<usize>()
    };
    let largest = years
        .iter()
        .filter_map(|(c, y)| summary::load(&mut conn, *c, *y, true).ok())
        .max_by_key(size)
        .expect("a year on record");
    println!(
        "year: {} {} ({} member figures, {} proposals), {iterations} iterations",
        largest.cluster.name,
        largest.year,
        largest
            .indicators
            .iter()
            .map(|t| t.rows.len())
            .sum::<usize>(),
        largest.awards.len()
    );
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>10}",
        "document", "per second", "median ms", "p99 ms", "bytes"
    );
    let s = std::sync::Arc::new(largest);
    measure("print page (HTML, reference)", iterations, || {
        let page = thidua::years::PrintPage {
            r: report::of_year(&s),
            s: s.clone(),
        };
        page.render().expect("renders").into_bytes()
    });
    measure("report.docx", iterations, || {
        word::write(&[report::of_year(&s)]).expect("writes")
    });
    measure("tables.xlsx", iterations, || {
        xlsx::write("bench", &year_tables::sheets(&s)).expect("writes")
    });
    if !s.awards.is_empty() {
        measure("dossier.docx", iterations, || {
            word::write(&dossier::documents(&s)).expect("writes")
        });
        // LibreOffice starts for each conversion: a few runs tell enough.
        let docx = word::write(&dossier::documents(&s)).expect("writes");
        let runtime = tokio_runtime();
        measure("dossier.pdf (LibreOffice)", 3.min(iterations), || {
            runtime
                .block_on(thidua::documents::office::to_pdf(docx.clone()))
                .unwrap_or_default()
        });
    }
}

fn tokio_runtime() -> actix_web::rt::SystemRunner {
    actix_web::rt::System::new()
}

fn measure(name: &str, iterations: usize, mut make: impl FnMut() -> Vec<u8>) {
    let mut times: Vec<Duration> = Vec::with_capacity(iterations);
    let mut bytes = 0;
    for _ in 0..iterations.max(1) {
        let started = Instant::now();
        bytes = make().len();
        times.push(started.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    let total: Duration = times.iter().sum();
    println!(
        "{name:<28} {:>10.0} {:>10.2} {:>10.2} {bytes:>10}",
        times.len() as f64 / total.as_secs_f64(),
        ms(median),
        ms(p99)
    );
}
