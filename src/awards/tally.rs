use std::cmp::Reverse;
use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConn;
use crate::lookups::{Names, UnitLink};
use crate::models::{AwardKind, Cluster, OrganisingBody};
use crate::schema::*;
use crate::web::paging::Paging;

#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub cluster_id: Option<i32>,
    pub body_id: Option<i32>,
    pub kind_id: Option<i32>,
    /// The issuing authority as the catalogue names it.
    pub issuer: Option<String>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Count {
    pub proposed: usize,
    pub decided: usize,
}

pub struct TallyRow {
    pub place: usize,
    pub unit: UnitLink,
    /// One count per column, in the order of `Tally::kinds`.
    pub counts: Vec<Count>,
    pub total: Count,
}

pub struct Tally {
    /// Every kind in the catalogue, for the filter.
    pub catalogue: Vec<AwardKind>,
    /// The columns of the table.
    pub kinds: Vec<AwardKind>,
    pub rows: Vec<TallyRow>,
    pub totals: Vec<Count>,
    pub grand_total: Count,
    pub clusters: Vec<Cluster>,
    pub bodies: Vec<OrganisingBody>,
    /// The issuing authorities of the catalogue, for the filter.
    pub issuers: Vec<String>,
    pub funnel: super::funnel::Funnel,
    /// The units' pages; the totals count every page.
    pub paging: Paging,
    /// Whether the cluster filter waits for a body to be chosen.
    pub clusters_by_body: bool,
}

/// Units on one page of the table.
pub const ROWS_PER_PAGE: usize = 50;
/// Beyond this many clusters, the filter lists one body's.
pub const CLUSTER_OPTIONS: usize = 100;

/// Which page of the table, and its address without `page`.
pub struct PageRequest<'a> {
    pub requested: Option<&'a str>,
    pub base: String,
    /// Units on a page: `ROWS_PER_PAGE`, or all of them for an export.
    pub per_page: usize,
}

/// The tallies page's filters on a boxed query over award proposals
/// joined to their cluster-year, cluster and award kind: the medal table
/// and the funnel count the same proposals.
macro_rules! filtered {
    ($query:expr, $f:expr) => {{
        let f = $f;
        let mut query = $query;
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
        if let Some(kind) = f.kind_id {
            query = query.filter(award_proposals::award_kind_id.eq(kind));
        }
        if let Some(issuer) = &f.issuer {
            query = query.filter(award_kinds::issuing_authority.eq(issuer));
        }
        query
    }};
}

pub fn tally(conn: &mut DbConn, f: &Filters, page: PageRequest<'_>) -> QueryResult<Tally> {
    // Columns by issuer (national first), then rank within the issuer.
    let (_, all_kinds) = super::issuers::catalogue(conn)?;
    let mut clusters: Vec<Cluster> = clusters::table
        .order(clusters::id)
        .select(Cluster::as_select())
        .load(conn)?;
    crate::domain::collate::sort_by_name(&mut clusters, |c| &c.name);
    let bodies: Vec<OrganisingBody> = organising_bodies::table
        .order(organising_bodies::sort_order)
        .select(OrganisingBody::as_select())
        .load(conn)?;

    let query = award_proposals::table
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .inner_join(award_kinds::table)
        .filter(cluster_years::status.eq("published"))
        .select((
            award_proposals::unit_id,
            award_proposals::award_kind_id,
            // Two flags rather than the status text: a country's tens of
            // thousands of proposals then cost no allocation each.
            award_proposals::status.eq("decided"),
            award_proposals::status.eq("declined"),
            cluster_years::year,
        ))
        .into_boxed();
    let query = filtered!(query, f);
    let proposals: Vec<(i32, i32, bool, bool, i32)> = query.load(conn)?;
    let names = Names::load(conn, proposals.iter().map(|p| Some(p.0)), [])?;

    // Columns: the kinds that occur (or the one asked for), so the table
    // stays narrow enough for a phone.
    let catalogue = all_kinds.clone();
    let mut issuers: Vec<String> = Vec::new();
    for k in &catalogue {
        if !issuers.contains(&k.issuing_authority) {
            issuers.push(k.issuing_authority.clone());
        }
    }
    let funnel = super::funnel::funnel(
        proposals.iter().map(|p| (p.1, p.2, p.3, p.4)),
        f,
        &catalogue,
    );
    let kinds: Vec<AwardKind> = all_kinds
        .into_iter()
        .filter(|k| match f.kind_id {
            Some(id) => id == k.id && f.issuer.as_ref().is_none_or(|i| *i == k.issuing_authority),
            None => proposals.iter().any(|p| p.1 == k.id),
        })
        .collect();
    let column: HashMap<i32, usize> = kinds.iter().enumerate().map(|(i, k)| (k.id, i)).collect();
    let mut by_unit: HashMap<i32, Vec<Count>> = HashMap::new();
    for (unit, kind, decided, _, _) in &proposals {
        let Some(&col) = column.get(kind) else {
            continue;
        };
        let counts = by_unit
            .entry(*unit)
            .or_insert_with(|| vec![Count::default(); kinds.len()]);
        counts[col].proposed += 1;
        if *decided {
            counts[col].decided += 1;
        }
    }
    let mut rows: Vec<TallyRow> = by_unit
        .into_iter()
        .filter_map(|(unit, counts)| {
            let total = sum(&counts);
            Some(TallyRow {
                place: 0,
                unit: names.unit(unit)?,
                counts,
                total,
            })
        })
        .collect();
    // Like a medal table: decided awards of the highest kind first, then the
    // next kind; proposals break ties the same way, then the name.
    rows.sort_by_cached_key(|r| {
        (
            Reverse(r.counts.iter().map(|c| c.decided).collect::<Vec<_>>()),
            Reverse(r.counts.iter().map(|c| c.proposed).collect::<Vec<_>>()),
            crate::domain::fold::fold_for_search(&r.unit.name),
        )
    });
    // Equal counts share a place.
    let mut place = 0;
    for i in 0..rows.len() {
        let same_as_previous = i > 0 && {
            let (a, b) = (&rows[i - 1].counts, &rows[i].counts);
            a.iter()
                .zip(b)
                .all(|(x, y)| x.decided == y.decided && x.proposed == y.proposed)
        };
        if !same_as_previous {
            place = i + 1;
        }
        rows[i].place = place;
    }
    let all_totals: Vec<Count> = (0..kinds.len())
        .map(|col| sum(&rows.iter().map(|r| r.counts[col]).collect::<Vec<_>>()))
        .collect();
    let grand_total = sum(&all_totals);
    // One page of units; its columns are the kinds those units have (or
    // the one asked for), so a country's catalogue does not make every
    // row a hundred cells wide.
    let paging = Paging::new(rows.len(), page.per_page, page.requested, page.base);
    let range = paging.range();
    rows.truncate(range.end);
    let mut rows: Vec<TallyRow> = rows.drain(range.start..).collect();
    let shown: Vec<usize> = (0..kinds.len())
        .filter(|&col| f.kind_id.is_some() || rows.iter().any(|r| r.counts[col].proposed > 0))
        .collect();
    for row in &mut rows {
        row.counts = shown.iter().map(|&col| row.counts[col]).collect();
    }
    let totals: Vec<Count> = shown.iter().map(|&col| all_totals[col]).collect();
    let kinds: Vec<AwardKind> = shown.iter().map(|&col| kinds[col].clone()).collect();
    // The cluster filter lists a country's clusters only once a body is
    // chosen; a cluster chosen already stays listed.
    let clusters_by_body = f.body_id.is_none() && clusters.len() > CLUSTER_OPTIONS;
    let clusters: Vec<Cluster> = match f.body_id {
        Some(body) => clusters
            .into_iter()
            .filter(|c| c.organising_body_id == body || Some(c.id) == f.cluster_id)
            .collect(),
        None if clusters.len() > CLUSTER_OPTIONS => clusters
            .into_iter()
            .filter(|c| Some(c.id) == f.cluster_id)
            .collect(),
        None => clusters,
    };
    Ok(Tally {
        catalogue,
        kinds,
        rows,
        totals,
        grand_total,
        paging,
        clusters_by_body,
        clusters,
        bodies,
        issuers,
        funnel,
    })
}

fn sum(counts: &[Count]) -> Count {
    counts.iter().fold(Count::default(), |acc, c| Count {
        proposed: acc.proposed + c.proposed,
        decided: acc.decided + c.decided,
    })
}
