//! What the decision pages read and write: the pending proposals of an
//! award kind and year across clusters, the counts the picker shows, and
//! the one transaction that records a decision on many proposals.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::domain::dates::Precision;
use diesel::prelude::*;

use crate::audit::{self, Entry};
use crate::db::{self, DbConn};
use crate::domain::{fold, labels};
use crate::models::{AwardKind, AwardProposal, OrganisingBody};
use crate::schema::*;

/// Statuses that end a proposal's way: everything else is still pending.
pub const FINAL: &[&str] = &["decided", "declined"];

/// One line of the picker: a kind, a year and an organising body that
/// have proposals waiting for a decision.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub kind: AwardKind,
    pub year: i32,
    pub body: OrganisingBody,
    pub pending: i64,
    pub decided: i64,
    pub declined: i64,
}

/// The picker's lines grouped by issuing authority, in catalogue order.
pub fn waiting(conn: &mut DbConn) -> QueryResult<Vec<(String, Vec<Waiting>)>> {
    let mut kinds: Vec<AwardKind> = award_kinds::table
        .order(award_kinds::id)
        .select(AwardKind::as_select())
        .load(conn)?;
    crate::awards::issuers::Issuers::load(conn)?.sort(&mut kinds);
    let bodies: Vec<OrganisingBody> = organising_bodies::table
        .order(organising_bodies::sort_order)
        .select(OrganisingBody::as_select())
        .load(conn)?;
    // One aggregate over published years (drafts are their cluster's own),
    // grouped by cluster-year, then folded by year and organising body.
    let counts: Vec<(i32, i32, String, i64)> = award_proposals::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::status.eq("published"))
        .group_by((
            award_proposals::cluster_year_id,
            award_proposals::award_kind_id,
            award_proposals::status,
        ))
        .select((
            award_proposals::cluster_year_id,
            award_proposals::award_kind_id,
            award_proposals::status,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let years = year_and_body(conn, counts.iter().map(|c| c.0))?;
    let mut lines: BTreeMap<(i32, i32, i32), (i64, i64, i64)> = BTreeMap::new();
    for (cluster_year, kind, status, n) in counts {
        let Some(&(year, body)) = years.get(&cluster_year) else {
            continue;
        };
        let line = lines.entry((kind, -year, body)).or_default();
        match status.as_str() {
            "decided" => line.1 += n,
            "declined" => line.2 += n,
            _ => line.0 += n,
        }
    }
    let mut groups: Vec<(String, Vec<Waiting>)> = Vec::new();
    for kind in &kinds {
        for body in &bodies {
            let mine = lines
                .iter()
                .filter(|((k, _, b), _)| *k == kind.id && *b == body.id);
            for ((_, year, _), (pending, decided, declined)) in mine {
                let line = Waiting {
                    kind: kind.clone(),
                    year: -year,
                    body: body.clone(),
                    pending: *pending,
                    decided: *decided,
                    declined: *declined,
                };
                match groups
                    .iter_mut()
                    .find(|(issuer, _)| *issuer == kind.issuing_authority)
                {
                    Some((_, list)) => list.push(line),
                    None => groups.push((kind.issuing_authority.clone(), vec![line])),
                }
            }
        }
    }
    Ok(groups)
}

/// The year and organising body of each cluster-year, in one query.
pub fn year_and_body(
    conn: &mut DbConn,
    ids: impl Iterator<Item = i32>,
) -> QueryResult<HashMap<i32, (i32, i32)>> {
    let mut ids: Vec<i32> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    let rows: Vec<(i32, i32, i32)> = cluster_years::table
        .inner_join(clusters::table)
        .filter(cluster_years::id.eq_any(ids))
        .select((
            cluster_years::id,
            cluster_years::year,
            clusters::organising_body_id,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, y, b)| (id, (y, b))).collect())
}

/// A proposal the decision may settle, with what its row shows.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: i32,
    pub version: i32,
    pub cluster_id: i32,
    pub cluster_name: String,
    pub unit_name: String,
    pub status: String,
    pub vote: String,
}

impl Pending {
    pub fn status_label(&self) -> &'static str {
        labels::award_status_label(&self.status)
    }
}

/// What the decision page is about.
#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: AwardKind,
    pub year: i32,
    pub body: Option<OrganisingBody>,
}

pub fn scope(
    conn: &mut DbConn,
    kind_id: i32,
    year: i32,
    body_id: Option<i32>,
) -> QueryResult<Scope> {
    let kind = award_kinds::table
        .find(kind_id)
        .select(AwardKind::as_select())
        .first(conn)?;
    let body = match body_id {
        Some(id) => Some(
            organising_bodies::table
                .find(id)
                .select(OrganisingBody::as_select())
                .first(conn)?,
        ),
        None => None,
    };
    Ok(Scope { kind, year, body })
}

/// The pending proposals of the scope in published years, sorted by
/// cluster then unit, and how many of the scope are already settled.
pub fn pending(conn: &mut DbConn, s: &Scope) -> QueryResult<(Vec<Pending>, i64)> {
    let mut query = award_proposals::table
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .inner_join(units::table)
        .filter(award_proposals::award_kind_id.eq(s.kind.id))
        .filter(cluster_years::year.eq(s.year))
        .filter(cluster_years::status.eq("published"))
        .select((
            AwardProposal::as_select(),
            award_proposals::version,
            clusters::id,
            clusters::name,
            units::name,
            units::kind,
        ))
        .into_boxed();
    if let Some(body) = &s.body {
        query = query.filter(clusters::organising_body_id.eq(body.id));
    }
    #[allow(clippy::type_complexity)]
    let rows: Vec<(AwardProposal, i32, i32, String, String, String)> = query.load(conn)?;
    let settled = rows
        .iter()
        .filter(|r| FINAL.contains(&r.0.status.as_str()))
        .count() as i64;
    let mut list: Vec<Pending> = rows
        .into_iter()
        .filter(|r| !FINAL.contains(&r.0.status.as_str()))
        .map(
            |(p, version, cluster_id, cluster_name, unit, kind)| Pending {
                id: p.id,
                version,
                cluster_id,
                cluster_name,
                unit_name: labels::unit_full_name(&kind, &unit),
                vote: p.vote_text(),
                status: p.status,
            },
        )
        .collect();
    list.sort_by_cached_key(|p| {
        (
            fold::fold_for_search(&p.cluster_name),
            fold::fold_for_search(&p.unit_name),
            p.id,
        )
    });
    Ok((list, settled))
}

/// The decision as entered once for all its proposals.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Decision {
    pub number: Option<String>,
    /// The first day of what is known, and how much is.
    #[serde(skip)]
    pub date: Option<(NaiveDate, Precision)>,
    pub by: String,
}

/// One proposal's change: its id, the version the page showed, and the
/// new status ("decided" or "declined").
#[derive(Debug, Clone)]
pub struct Change {
    pub id: i32,
    pub version: i32,
    pub status: &'static str,
}

pub struct Author<'a> {
    pub user_id: i32,
    pub user_name: &'a str,
    pub address: &'a str,
}

#[derive(Debug)]
pub enum SaveError {
    /// A proposal changed since the page was shown: nothing was written.
    Stale(Vec<i32>),
    Database(diesel::result::Error),
}

/// Records the decision on every change in one transaction: each update
/// names the version it started from, and one stale proposal undoes all.
pub fn save(
    conn: &mut DbConn,
    decision: &Decision,
    changes: &[Change],
    author: &Author,
) -> Result<usize, SaveError> {
    let mut stale = Vec::new();
    let outcome = db::write(conn, |conn| {
        for c in changes {
            let before: Option<AwardProposal> = award_proposals::table
                .find(c.id)
                .filter(award_proposals::version.eq(c.version))
                .filter(award_proposals::status.ne_all(FINAL))
                .select(AwardProposal::as_select())
                .first(conn)
                .optional()?;
            let Some(before) = before else {
                stale.push(c.id);
                continue;
            };
            // A proposal not awarded keeps no number or date: the decision
            // named awards others; who decided is still worth keeping.
            let (number, date) = if c.status == "decided" {
                (decision.number.clone(), decision.date)
            } else {
                (None, None)
            };
            diesel::update(award_proposals::table.find(c.id))
                .set((
                    award_proposals::status.eq(c.status),
                    award_proposals::decision_number.eq(&number),
                    award_proposals::decision_date.eq(date.map(|d| d.0)),
                    award_proposals::decision_date_precision.eq(date.map_or("day", |d| d.1.code())),
                    award_proposals::decided_by.eq(&decision.by),
                    award_proposals::version.eq(c.version + 1),
                ))
                .execute(conn)?;
            let note = match (&decision.number, c.status) {
                (Some(n), "decided") => {
                    format!("Ghi quyết định khen thưởng số {n} (nhiều đề nghị)")
                }
                (_, "decided") => "Ghi quyết định khen thưởng (nhiều đề nghị)".to_string(),
                _ => "Ghi không được khen thưởng (quyết định nhiều đề nghị)".to_string(),
            };
            audit::record(
                conn,
                Entry {
                    user_id: Some(author.user_id),
                    user_name: Some(author.user_name),
                    address: Some(author.address),
                    action: "update",
                    entity: Some("award_proposal"),
                    entity_id: Some(c.id),
                    before: Some(snapshot(&before)),
                    after: Some(serde_json::json!({
                        "status": c.status,
                        "decision_number": number,
                        "decision_date": date.map(|(d, p)| crate::domain::dates::partial(d, p)),
                        "decided_by": decision.by,
                        "note": before.note,
                    })),
                    note: Some(&note),
                },
            )?;
        }
        if stale.is_empty() {
            Ok(changes.len())
        } else {
            Err(diesel::result::Error::RollbackTransaction)
        }
    });
    match outcome {
        Ok(n) => Ok(n),
        Err(diesel::result::Error::RollbackTransaction) if !stale.is_empty() => {
            Err(SaveError::Stale(stale))
        }
        Err(e) => Err(SaveError::Database(e)),
    }
}

fn snapshot(p: &AwardProposal) -> serde_json::Value {
    serde_json::json!({
        "status": p.status,
        "decision_number": p.decision_number,
        "decision_date": p.decision_date.map(crate::domain::dates::short),
        "decided_by": p.decided_by,
        "note": p.note,
    })
}
