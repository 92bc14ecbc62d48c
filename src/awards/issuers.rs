//! Who issues an award kind, and the order kinds take everywhere: the
//! national awards first, then each organising body's own in the bodies'
//! order; within one issuer by rank (1 the highest), then by name. A rank
//! compares kinds of one issuer only: a province's flag ranks above that
//! province's certificate, not above another province's.

use std::cmp::Ordering;
use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConn;
use crate::domain::collate;
use crate::models::AwardKind;
use crate::schema::{award_kinds, organising_bodies};

/// How the form and the lists name the national issuer (no body).
pub const NATIONAL: &str = "Toàn quốc (Chính phủ, Trung ương)";

/// The organising bodies as issuers: their place in order and their name.
pub struct Issuers {
    /// body id → (place in the bodies' order, short name)
    bodies: HashMap<i32, (usize, String)>,
}

impl Issuers {
    pub fn load(conn: &mut DbConn) -> QueryResult<Self> {
        let mut rows: Vec<(i32, i32, String, String)> = organising_bodies::table
            .order(organising_bodies::id)
            .select((
                organising_bodies::id,
                organising_bodies::sort_order,
                organising_bodies::name,
                organising_bodies::short_name,
            ))
            .load(conn)?;
        rows.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| collate::compare(&a.2, &b.2)));
        let bodies = rows
            .into_iter()
            .enumerate()
            .map(|(place, (id, _, _, short))| (id, (place, short)))
            .collect();
        Ok(Issuers { bodies })
    }

    /// The issuer's name for a heading or a list cell.
    pub fn label(&self, body: Option<i32>) -> String {
        match body.and_then(|b| self.bodies.get(&b)) {
            Some((_, short)) => short.clone(),
            None => NATIONAL.to_string(),
        }
    }

    /// National first (None), then bodies in order.
    fn place(&self, body: Option<i32>) -> Option<usize> {
        body.map(|b| self.bodies.get(&b).map_or(usize::MAX, |p| p.0))
    }

    pub fn compare(&self, a: &AwardKind, b: &AwardKind) -> Ordering {
        self.place(a.organising_body_id)
            .cmp(&self.place(b.organising_body_id))
            .then(a.rank.cmp(&b.rank))
            .then_with(|| collate::compare(&a.name, &b.name))
            .then(a.id.cmp(&b.id))
    }

    /// Issuer and rank only: equal for two proposals of one kind, so a
    /// stable sort keeps their own order.
    pub fn compare_rank(&self, a: &AwardKind, b: &AwardKind) -> Ordering {
        self.place(a.organising_body_id)
            .cmp(&self.place(b.organising_body_id))
            .then(a.rank.cmp(&b.rank))
    }

    pub fn sort(&self, kinds: &mut [AwardKind]) {
        kinds.sort_by(|a, b| self.compare(a, b));
    }
}

/// One issuer's kinds, for an <optgroup> of a select.
#[derive(Debug, Clone)]
pub struct IssuerGroup {
    pub label: String,
    pub kinds: Vec<AwardKind>,
}

/// Groups kinds already in issuer order.
pub fn groups(issuers: &Issuers, kinds: &[AwardKind]) -> Vec<IssuerGroup> {
    let mut out: Vec<(Option<i32>, IssuerGroup)> = Vec::new();
    for k in kinds {
        match out.last_mut() {
            Some((body, g)) if *body == k.organising_body_id => g.kinds.push(k.clone()),
            _ => out.push((
                k.organising_body_id,
                IssuerGroup {
                    label: issuers.label(k.organising_body_id),
                    kinds: vec![k.clone()],
                },
            )),
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// Every kind in the catalogue, in issuer order.
pub fn catalogue(conn: &mut DbConn) -> QueryResult<(Issuers, Vec<AwardKind>)> {
    let issuers = Issuers::load(conn)?;
    let mut kinds: Vec<AwardKind> = award_kinds::table
        .order(award_kinds::id)
        .select(AwardKind::as_select())
        .load(conn)?;
    issuers.sort(&mut kinds);
    Ok((issuers, kinds))
}

/// The kinds a cluster of `body` may propose: the body's own and the
/// national ones, plus `keep` (kinds its record already holds, so that an
/// old proposal still opens and saves unchanged), in issuer order.
pub fn offered(
    conn: &mut DbConn,
    body: i32,
    keep: &[i32],
) -> QueryResult<(Issuers, Vec<AwardKind>)> {
    let (issuers, mut kinds) = catalogue(conn)?;
    kinds.retain(|k| k.organising_body_id.is_none_or(|b| b == body) || keep.contains(&k.id));
    Ok((issuers, kinds))
}
