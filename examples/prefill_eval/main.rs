//! `scripts/prefill-eval`: precision and recall of the prefill rules per
//! field kind over the evaluation corpus, the tuning set and the held-out
//! set apart. `--mistakes` lists every wrong or missed fact of the tuning
//! set (the held-out set's stay unseen while rules are tuned);
//! `--mistakes-all` lists the held-out set's too; `--show NAME` prints
//! what the rules propose for one report.

mod score;

use std::path::PathBuf;

fn cell(value: Option<f64>) -> String {
    value.map_or("—".to_string(), |v| format!("{v:.2}"))
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("tests/prefill/corpus");
    let seeds = std::env::var_os("THIDUA_SEEDS")
        .map_or_else(|| root.join("../shared/seeds"), PathBuf::from);
    let show_mistakes = std::env::args().any(|a| a == "--mistakes");
    let show_all = std::env::args().any(|a| a == "--mistakes-all");
    let (reports, missing) = match score::load(&corpus, &seeds) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("prefill-eval: {e}");
            std::process::exit(2);
        }
    };
    for name in &missing {
        eprintln!(
            "prefill-eval: {name} left out: its seed is not in {}",
            seeds.display()
        );
    }
    // `--show NAME`: every field the rules propose for one report, as JSON.
    let args: Vec<String> = std::env::args().collect();
    if let Some(name) = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
    {
        for r in reports.iter().filter(|r| &r.name == name) {
            let proposal = thidua::prefill::read(&r.text, &r.roster);
            let json = serde_json::to_string_pretty(&proposal.entries()).unwrap_or_default();
            println!("{json}");
        }
        return;
    }
    let (tuning, held_out) = score::evaluate(&reports);
    let tuning_n = reports.iter().filter(|r| !r.held_out).count();
    let held_n = reports.len() - tuning_n;
    println!(
        "Prefill over {} reports: {tuning_n} for tuning, {held_n} held out.\n",
        reports.len()
    );
    println!(
        "| field | tuning P | tuning R | held-out P | held-out R | right / wrong / missed (all) |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for kind in score::KINDS {
        let t = tuning.counts.get(kind).copied().unwrap_or_default();
        let h = held_out.counts.get(kind).copied().unwrap_or_default();
        println!(
            "| {kind} | {} | {} | {} | {} | {} / {} / {} |",
            cell(t.precision()),
            cell(t.recall()),
            cell(h.precision()),
            cell(h.recall()),
            t.right + h.right,
            t.wrong + h.wrong,
            t.missed + h.missed
        );
    }
    let (t, h) = (tuning.total(), held_out.total());
    println!(
        "| **all** | {} | {} | {} | {} | {} / {} / {} |",
        cell(t.precision()),
        cell(t.recall()),
        cell(h.precision()),
        cell(h.recall()),
        t.right + h.right,
        t.wrong + h.wrong,
        t.missed + h.missed
    );
    if show_mistakes || show_all {
        println!();
        let held: &[(String, &str, String)] = if show_all { &held_out.mistakes } else { &[] };
        for (report, kind, fact) in tuning.mistakes.iter().chain(held) {
            println!("{report}\t{kind}\t{fact}");
        }
    }
}
