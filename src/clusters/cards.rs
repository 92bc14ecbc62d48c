//! The card of a cluster on the home page and an organising body's page:
//! its size, this year's chair (or the one elected for next year) and its
//! latest published year. Built for a list of clusters with one query per
//! table, grouped in maps.

use std::collections::{BTreeMap, HashMap, HashSet};

use diesel::prelude::*;

use crate::db::DbConn;
use crate::lookups::{Names, UnitLink};
use crate::models::Cluster;
use crate::rotation::terms::{self, ChairTerm, Scope};
use crate::schema::memberships;

pub struct ClusterItem {
    pub cluster: Cluster,
    pub members: usize,
    /// The chair of the latest year on record up to this year.
    pub chair: Option<(i32, UnitLink)>,
    /// The chair elected for the year after `chair`'s (or for next year)
    /// at a published conference, while that year is still a draft.
    pub elected: Option<(i32, UnitLink)>,
    pub latest_year: Option<i32>,
}

/// The cards of `clusters`, in their order. `scope` selects the chair
/// terms to read: all of them, or one body's.
pub fn cards(
    conn: &mut DbConn,
    clusters: Vec<Cluster>,
    scope: Scope,
    this_year: i32,
) -> QueryResult<Vec<ClusterItem>> {
    let ids: Vec<i32> = clusters.iter().map(|c| c.id).collect();
    let chairs = terms::public_terms(conn, scope)?;
    let member_rows: Vec<(i32, i32)> = memberships::table
        .filter(memberships::cluster_id.eq_any(&ids))
        .select((memberships::cluster_id, memberships::unit_id))
        .load(conn)?;
    let names = Names::load(conn, chairs.iter().map(|c| c.chair_unit_id), [])?;

    let mut members: HashMap<i32, HashSet<i32>> = HashMap::new();
    for (cluster, unit) in member_rows {
        members.entry(cluster).or_default().insert(unit);
    }
    // Terms come ordered by cluster and year.
    let mut by_cluster: BTreeMap<i32, Vec<&ChairTerm>> = BTreeMap::new();
    for term in &chairs {
        by_cluster.entry(term.cluster_id).or_default().push(term);
    }
    Ok(clusters
        .into_iter()
        .map(|cluster| {
            let years = by_cluster
                .get(&cluster.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let chair = years
                .iter()
                .rev()
                .filter(|c| c.year <= this_year && !c.elected_for_next_year)
                .find_map(|c| Some((c.year, names.unit(c.chair_unit_id?)?)));
            let after = chair.as_ref().map_or(i32::MIN, |c| c.0);
            let elected = years
                .iter()
                .filter(|c| c.elected_for_next_year && c.year > after)
                .find_map(|c| Some((c.year, names.unit(c.chair_unit_id?)?)));
            ClusterItem {
                members: members.get(&cluster.id).map_or(0, HashSet::len),
                latest_year: years
                    .iter()
                    .rev()
                    .find(|c| !c.elected_for_next_year)
                    .map(|c| c.year),
                chair,
                elected,
                cluster,
            }
        })
        .collect())
}
