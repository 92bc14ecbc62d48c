//! Scoring the prefill rules against the hand-written answers of the
//! corpus in tests/prefill/corpus: precision and recall per field kind.
//! Shared by the `prefill_eval` example (the table in the README) and the
//! integration test that keeps the aims.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use thidua::prefill::{self, AwardChoice, Named, Proposal, Roster};

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub kind: Option<String>,
    pub date: Option<String>,
    pub part: Option<String>,
    pub place: Option<String>,
    pub host: Option<String>,
    pub members_present: Option<u32>,
    pub theme: Option<String>,
    #[serde(default)]
    pub movements: Vec<String>,
    #[serde(default)]
    pub presiding: Vec<String>,
    #[serde(default)]
    pub guests: Vec<String>,
    pub vote: Option<String>,
    pub next_chair: Option<String>,
    pub next_vice: Option<String>,
    pub covenant: Option<bool>,
    #[serde(default)]
    pub figures: Vec<ExpectFigure>,
    #[serde(default)]
    pub ranks: Vec<ExpectRank>,
    #[serde(default)]
    pub awards: Vec<ExpectAward>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectFigure {
    #[serde(default)]
    pub unit: String,
    pub value: String,
    #[serde(default)]
    pub qualifier: String,
    pub growth: Option<String>,
    /// Kept for the reader of the corpus; the figure's key is its unit,
    /// value and qualifier.
    #[allow(dead_code)]
    pub measure: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectRank {
    pub unit: String,
    pub rank: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectAward {
    pub unit: String,
    pub kind: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    source: Option<String>,
    seed: Option<String>,
    #[serde(default)]
    held_out: bool,
    year: i32,
    members: Vec<String>,
    #[serde(default)]
    award_kinds: Vec<String>,
    text: Option<String>,
    #[serde(default)]
    expect: Expect,
}

/// One report of the corpus with its answer.
pub struct Report {
    pub name: String,
    pub held_out: bool,
    pub text: String,
    pub roster: Roster,
    pub expect: Expect,
}

/// The corpus; seed reports are read from `seeds` and left out (named in
/// the second list) when that folder is absent.
pub fn load(corpus: &Path, seeds: &Path) -> Result<(Vec<Report>, Vec<String>), String> {
    let mut files: Vec<_> = std::fs::read_dir(corpus)
        .map_err(|e| format!("{}: {e}", corpus.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut reports = Vec::new();
    let mut missing = Vec::new();
    for path in files {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let raw = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let file: File = toml::from_str(&raw).map_err(|e| format!("{name}: {e}"))?;
        let text = match (&file.text, &file.seed) {
            (Some(text), _) => text.clone(),
            (None, Some(seed)) => match std::fs::read_to_string(seeds.join(seed)) {
                Ok(text) => text,
                Err(_) => {
                    missing.push(name);
                    continue;
                }
            },
            (None, None) => return Err(format!("{name}: neither text nor seed")),
        };
        if file.seed.is_none() && file.source.as_deref().is_none_or(str::is_empty) {
            return Err(format!(
                "{name}: a written report names the source it carries the facts of"
            ));
        }
        let roster = Roster {
            year: Some(file.year),
            members: file
                .members
                .iter()
                .enumerate()
                .map(|(i, n)| Named {
                    id: i as i32 + 1,
                    name: n.clone(),
                })
                .collect(),
            award_kinds: file
                .award_kinds
                .iter()
                .enumerate()
                .map(|(i, n)| AwardChoice {
                    id: 100 + i as i32,
                    name: n.clone(),
                    issuer: n
                        .split_once(" của ")
                        .map_or(n.as_str(), |(_, issuer)| issuer)
                        .to_string(),
                })
                .collect(),
        };
        reports.push(Report {
            name,
            held_out: file.held_out,
            text,
            roster,
            expect: file.expect,
        });
    }
    Ok((reports, missing))
}

/// Counts of one field kind: right proposals, wrong ones, facts missed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Count {
    pub right: u32,
    pub wrong: u32,
    pub missed: u32,
}

impl Count {
    pub fn precision(&self) -> Option<f64> {
        let proposed = self.right + self.wrong;
        (proposed > 0).then(|| f64::from(self.right) / f64::from(proposed))
    }
    pub fn recall(&self) -> Option<f64> {
        let expected = self.right + self.missed;
        (expected > 0).then(|| f64::from(self.right) / f64::from(expected))
    }
    fn add(&mut self, other: Count) {
        self.right += other.right;
        self.wrong += other.wrong;
        self.missed += other.missed;
    }
}

/// The field kinds in the order the table shows them.
pub const KINDS: &[&str] = &[
    "kind",
    "date",
    "part",
    "place",
    "host",
    "members_present",
    "theme",
    "movement",
    "presiding",
    "guest",
    "figure",
    "growth",
    "rank",
    "vote",
    "award",
    "next_chair",
    "next_vice",
    "covenant",
];

#[derive(Debug, Default)]
pub struct Tally {
    pub counts: BTreeMap<&'static str, Count>,
    /// Each wrong or missed fact: (report, kind, "+proposed" / "-expected").
    pub mistakes: Vec<(String, &'static str, String)>,
}

impl Tally {
    pub fn total(&self) -> Count {
        let mut all = Count::default();
        for c in self.counts.values() {
            all.add(*c);
        }
        all
    }
}

fn norm(text: &str) -> String {
    let folded = prefill::text::fold(text);
    let kept: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn compare(
    tally: &mut Tally,
    report: &str,
    kind: &'static str,
    proposed: BTreeSet<String>,
    expected: BTreeSet<String>,
) {
    let count = tally.counts.entry(kind).or_default();
    for p in &proposed {
        if expected.contains(p) {
            count.right += 1;
        } else {
            count.wrong += 1;
            tally
                .mistakes
                .push((report.to_string(), kind, format!("+{p}")));
        }
    }
    for e in expected.difference(&proposed) {
        count.missed += 1;
        tally
            .mistakes
            .push((report.to_string(), kind, format!("-{e}")));
    }
}

fn one<T: ToString>(value: Option<T>) -> BTreeSet<String> {
    value.into_iter().map(|v| v.to_string()).collect()
}

/// Scores one report: only sure proposals count (unsure ones are hints the
/// form leaves empty).
pub fn score(tally: &mut Tally, report: &Report, p: &Proposal) {
    let e = &report.expect;
    let name = report.name.as_str();
    let sure =
        |f: &Option<prefill::Found<String>>| f.as_ref().filter(|f| f.sure).map(|f| f.value.clone());
    compare(
        tally,
        name,
        "kind",
        one(p.kind.as_ref().filter(|f| f.sure).map(|f| f.value)),
        one(e.kind.clone()),
    );
    compare(tally, name, "date", one(sure(&p.date)), one(e.date.clone()));
    compare(
        tally,
        name,
        "part",
        one(p.part.as_ref().filter(|f| f.sure).map(|f| f.value)),
        one(e.part.clone()),
    );
    compare(
        tally,
        name,
        "place",
        one(sure(&p.place).map(|x| norm(&x))),
        one(e.place.as_deref().map(norm)),
    );
    compare(
        tally,
        name,
        "host",
        one(p
            .host
            .as_ref()
            .filter(|f| f.sure)
            .map(|f| f.value.name.clone())),
        one(e.host.clone()),
    );
    compare(
        tally,
        name,
        "members_present",
        one(p
            .members_present
            .as_ref()
            .filter(|f| f.sure)
            .map(|f| f.value)),
        one(e.members_present),
    );
    compare(
        tally,
        name,
        "theme",
        one(sure(&p.theme).map(|x| norm(&x))),
        one(e.theme.as_deref().map(norm)),
    );
    compare(
        tally,
        name,
        "movement",
        p.movements
            .iter()
            .filter(|f| f.sure)
            .map(|f| norm(&f.value.name))
            .collect(),
        e.movements.iter().map(|m| norm(m)).collect(),
    );
    let people = |role: &str| -> BTreeSet<String> {
        p.people
            .iter()
            .filter(|f| f.sure && f.value.role == role)
            .map(|f| norm(&f.value.name))
            .collect()
    };
    compare(
        tally,
        name,
        "presiding",
        people("presiding"),
        e.presiding.iter().map(|n| norm(n)).collect(),
    );
    compare(
        tally,
        name,
        "guest",
        people("guest"),
        e.guests.iter().map(|n| norm(n)).collect(),
    );
    let unit_of =
        |u: &Option<prefill::UnitRef>| u.as_ref().map_or(String::new(), |u| u.name.clone());
    compare(
        tally,
        name,
        "figure",
        p.figures
            .iter()
            .filter(|f| f.sure)
            .map(|f| {
                format!(
                    "{}|{}|{}",
                    unit_of(&f.value.unit),
                    f.value.value,
                    f.value.qualifier
                )
            })
            .collect(),
        e.figures
            .iter()
            .map(|f| format!("{}|{}|{}", f.unit, f.value, f.qualifier))
            .collect(),
    );
    compare(
        tally,
        name,
        "growth",
        p.figures
            .iter()
            .filter(|f| f.sure)
            .filter_map(|f| {
                Some(format!(
                    "{}|{}|{}",
                    unit_of(&f.value.unit),
                    f.value.value,
                    f.value.growth.as_ref()?
                ))
            })
            .collect(),
        e.figures
            .iter()
            .filter_map(|f| Some(format!("{}|{}|{}", f.unit, f.value, f.growth.as_ref()?)))
            .collect(),
    );
    compare(
        tally,
        name,
        "rank",
        p.ranks
            .iter()
            .filter(|f| f.sure)
            .map(|f| format!("{}|{}", f.value.unit.name, f.value.rank))
            .collect(),
        e.ranks
            .iter()
            .map(|r| format!("{}|{}", r.unit, r.rank))
            .collect(),
    );
    compare(
        tally,
        name,
        "vote",
        one(p.unanimous.as_ref().filter(|f| f.sure).map(|_| "unanimous")),
        one(e.vote.clone()),
    );
    compare(
        tally,
        name,
        "award",
        p.awards
            .iter()
            .filter(|f| f.sure)
            .map(|f| {
                format!(
                    "{}|{}",
                    f.value.unit.name,
                    f.value.kind.as_ref().map_or("?", |k| k.name.as_str())
                )
            })
            .collect(),
        e.awards
            .iter()
            .map(|a| format!("{}|{}", a.unit, a.kind))
            .collect(),
    );
    compare(
        tally,
        name,
        "next_chair",
        one(p
            .next_chair
            .as_ref()
            .filter(|f| f.sure)
            .map(|f| f.value.unit.name.clone())),
        one(e.next_chair.clone()),
    );
    compare(
        tally,
        name,
        "next_vice",
        one(p
            .next_vice
            .as_ref()
            .filter(|f| f.sure)
            .map(|f| f.value.unit.name.clone())),
        one(e.next_vice.clone()),
    );
    compare(
        tally,
        name,
        "covenant",
        // The next year's covenant: a signing of the record's own year's
        // covenant is the meeting itself, not this field.
        one(p
            .covenant
            .as_ref()
            .filter(|f| f.sure && report.roster.year.is_some_and(|y| f.value.year == y + 1))
            .map(|_| "signed")),
        one(e.covenant.filter(|c| *c).map(|_| "signed")),
    );
}

/// Scores the corpus: (tuning set, held-out set).
pub fn evaluate(reports: &[Report]) -> (Tally, Tally) {
    let mut tuning = Tally::default();
    let mut held_out = Tally::default();
    for r in reports {
        let proposal = prefill::read(&r.text, &r.roster);
        let tally = if r.held_out {
            &mut held_out
        } else {
            &mut tuning
        };
        score(tally, r, &proposal);
    }
    (tuning, held_out)
}
