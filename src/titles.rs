//! Counts of titles: how many individuals or collectives got each title
//! or commendation in a cluster-year ("1.250 cá nhân đạt danh hiệu Lao
//! động tiên tiến"), for the whole cluster or one member, as the boards
//! report them. Entered with the year's form (see `editor`); shown here on
//! the year's page and print, the unit page and the tallies.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::db::DbConn;
use crate::domain::number::count;
use crate::lookups::{Names, UnitLink};
use crate::schema::*;

/// A count typed the Vietnamese way ("1.250"): a whole, non-negative
/// number, or the message that says why not.
pub fn parse_count(text: &str) -> Result<i32, String> {
    crate::domain::typed::number(text)
        .ok()
        .and_then(|d| d.to_plain().parse::<i32>().ok())
        .filter(|n| *n >= 0)
        .ok_or_else(|| {
            format!("“{text}” không phải là số lượng: nhập số nguyên không âm, ví dụ 1.250.")
        })
}

/// "cá nhân" or "tập thể".
pub fn recipient_label(code: &str) -> &'static str {
    match code {
        "collective" => "tập thể",
        _ => "cá nhân",
    }
}

/// One count as the year's page shows it.
#[derive(Debug, Clone)]
pub struct TitleCountView {
    /// None for the whole cluster.
    pub unit: Option<UnitLink>,
    pub title: String,
    pub recipient: &'static str,
    /// Shown the Vietnamese way: "1.250".
    pub count: String,
    pub note: Option<String>,
}

/// The counts of one cluster-year, in the order they were entered. The
/// caller has already checked that the viewer may see the year.
pub fn of_year(conn: &mut DbConn, cluster_year_id: i32) -> QueryResult<Vec<TitleCountView>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(Option<i32>, String, String, i32, Option<String>)> = title_counts::table
        .filter(title_counts::cluster_year_id.eq(cluster_year_id))
        .order((title_counts::sort_order, title_counts::id))
        .select((
            title_counts::unit_id,
            title_counts::title,
            title_counts::recipient,
            title_counts::count,
            title_counts::note,
        ))
        .load(conn)?;
    let names = Names::load(conn, rows.iter().map(|r| r.0), [])?;
    Ok(rows
        .into_iter()
        .map(|(unit, title, recipient, n, note)| TitleCountView {
            unit: unit.and_then(|u| names.unit(u)),
            title,
            recipient: recipient_label(&recipient),
            count: count(i64::from(n)),
            note,
        })
        .collect())
}

/// A unit's own counts in published years.
pub struct UnitTitleCount {
    pub cluster_id: i32,
    pub cluster_name: String,
    pub year: i32,
    pub title: String,
    pub recipient: &'static str,
    pub count: String,
    pub note: Option<String>,
}

pub fn of_unit(conn: &mut DbConn, unit_id: i32) -> QueryResult<Vec<UnitTitleCount>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(i32, String, i32, String, String, i32, Option<String>)> = title_counts::table
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .filter(title_counts::unit_id.eq(unit_id))
        .filter(cluster_years::status.eq("published"))
        .order((
            cluster_years::year.desc(),
            clusters::id,
            title_counts::sort_order,
            title_counts::id,
        ))
        .select((
            clusters::id,
            clusters::name,
            cluster_years::year,
            title_counts::title,
            title_counts::recipient,
            title_counts::count,
            title_counts::note,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(cluster_id, cluster_name, year, title, recipient, n, note)| UnitTitleCount {
                cluster_id,
                cluster_name,
                year,
                title,
                recipient: recipient_label(&recipient),
                count: count(i64::from(n)),
                note,
            },
        )
        .collect())
}

/// The tallies' filters that apply to counts of titles.
#[derive(Debug, Default, Clone)]
pub struct CountFilters {
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub cluster_id: Option<i32>,
    pub body_id: Option<i32>,
}

/// A title's total across units and years.
#[derive(Debug, Clone)]
pub struct TitleTotal {
    pub title: String,
    pub recipient: &'static str,
    /// "1.262".
    pub total: String,
    /// How many reports give it (cluster-years and bodies' own years).
    pub years: usize,
}

/// Totals per title and recipient over the published years the filters
/// select, largest first. Counts given for the whole cluster and for its
/// members are added alike: a report gives one or the other.
pub fn totals(conn: &mut DbConn, f: &CountFilters) -> QueryResult<Vec<TitleTotal>> {
    // Summed by the database, in i64 (many years of large counts stay
    // exact): a country's tens of thousands of counts come back as one
    // row per title. A report is a cluster-year here.
    let mut query = title_counts::table
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .filter(cluster_years::status.eq("published"))
        .group_by((title_counts::title, title_counts::recipient))
        .select((
            title_counts::title,
            title_counts::recipient,
            diesel::dsl::sum(title_counts::count),
            diesel::dsl::count(title_counts::cluster_year_id).aggregate_distinct(),
        ))
        .into_boxed();
    if let Some(from) = f.from_year {
        query = query.filter(cluster_years::year.ge(from));
    }
    if let Some(to) = f.to_year {
        query = query.filter(cluster_years::year.le(to));
    }
    if let Some(cluster) = f.cluster_id {
        query = query.filter(clusters::id.eq(cluster));
    }
    if let Some(body) = f.body_id {
        query = query.filter(clusters::organising_body_id.eq(body));
    }
    let rows: Vec<(String, String, Option<i64>, i64)> = query.load(conn)?;
    // A body's counts for itself belong to no cluster: a cluster filter
    // leaves them out.
    let body_rows: Vec<(String, String, i32, i32, i32)> = if f.cluster_id.is_some() {
        Vec::new()
    } else {
        let mut query = body_title_counts::table
            .select((
                body_title_counts::title,
                body_title_counts::recipient,
                body_title_counts::count,
                body_title_counts::organising_body_id,
                body_title_counts::year,
            ))
            .into_boxed();
        if let Some(from) = f.from_year {
            query = query.filter(body_title_counts::year.ge(from));
        }
        if let Some(to) = f.to_year {
            query = query.filter(body_title_counts::year.le(to));
        }
        if let Some(body) = f.body_id {
            query = query.filter(body_title_counts::organising_body_id.eq(body));
        }
        query.load(conn)?
    };
    // A body's own years are reports of their own, never a cluster-year.
    let mut sums: HashMap<(String, String), (i64, usize)> = rows
        .into_iter()
        .map(|(title, recipient, n, reports)| {
            ((title, recipient), (n.unwrap_or(0), reports as usize))
        })
        .collect();
    let mut body_years: HashMap<(String, String), HashSet<(i32, i32)>> = HashMap::new();
    for (title, recipient, n, body, year) in body_rows {
        let key = (title, recipient);
        sums.entry(key.clone()).or_default().0 += i64::from(n);
        body_years.entry(key).or_default().insert((body, year));
    }
    for (key, years) in body_years {
        sums.entry(key).or_default().1 += years.len();
    }
    let mut totals: Vec<(String, String, i64, usize)> = sums
        .into_iter()
        .map(|((title, recipient), (sum, years))| (title, recipient, sum, years))
        .collect();
    totals.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then_with(|| {
                crate::domain::fold::fold_for_search(&a.0)
                    .cmp(&crate::domain::fold::fold_for_search(&b.0))
            })
            .then_with(|| a.1.cmp(&b.1))
    });
    Ok(totals
        .into_iter()
        .map(|(title, recipient, sum, years)| TitleTotal {
            recipient: recipient_label(&recipient),
            title,
            total: count(sum),
            years,
        })
        .collect())
}
