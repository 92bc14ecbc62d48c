//! The funnel of each award kind: how many were proposed, and of those how
//! many an authority decided, did not award, or has yet to decide; with
//! the geometry of its bar in the chart beside the table.

use std::collections::{BTreeMap, HashMap};

use super::tally::Filters;
use crate::domain::number;
use crate::models::AwardKind;

/// Width of the chart's bars at the largest total, in SVG units.
pub const BAR_WIDTH: f64 = 600.0;
/// Height of one row of the chart: its label above, its bar beneath.
pub const ROW_HEIGHT: i32 = 44;

pub struct Segment {
    pub x: String,
    pub width: String,
    pub fill: &'static str,
    pub title: String,
}

pub struct FunnelRow {
    pub label: String,
    pub proposed: i64,
    pub decided: i64,
    pub declined: i64,
    pub pending: i64,
    pub segments: Vec<Segment>,
    /// Top of this row in the chart.
    pub y: i32,
}

impl FunnelRow {
    pub fn n(n: &i64) -> String {
        number::count(*n)
    }

    pub fn label_y(&self) -> i32 {
        self.y + 14
    }

    pub fn bar_y(&self) -> i32 {
        self.y + 20
    }
}

/// Height of the whole chart.
pub fn chart_height(rows: &[FunnelRow]) -> i32 {
    rows.len() as i32 * ROW_HEIGHT + 4
}

/// The funnel of the filtered proposals, given as (award kind, decided,
/// declined, year): per kind, and per kind and year when the filter names a year
/// range. The tallies read the proposals once for both the medal table and
/// this.
pub fn funnel(
    proposals: impl Iterator<Item = (i32, bool, bool, i32)>,
    f: &Filters,
    kinds: &[AwardKind],
) -> Vec<FunnelRow> {
    let by_year = f.from_year.is_some() || f.to_year.is_some();
    // Keyed by the kind's place in the catalogue, then the year.
    let place: HashMap<i32, usize> = kinds.iter().enumerate().map(|(i, k)| (k.id, i)).collect();
    let mut tallies: BTreeMap<(usize, i32), [i64; 3]> = BTreeMap::new();
    for (kind, decided, declined, year) in proposals {
        let Some(&at) = place.get(&kind) else {
            continue;
        };
        let t = tallies
            .entry((at, if by_year { year } else { 0 }))
            .or_default();
        t[if decided {
            0
        } else if declined {
            1
        } else {
            2
        }] += 1;
    }
    let widest = tallies
        .values()
        .map(|t| t.iter().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    tallies
        .into_iter()
        .enumerate()
        .map(|(i, ((at, year), [decided, declined, pending]))| {
            let kind = &kinds[at];
            let label = if by_year {
                format!("{} — năm {year}", kind.short_name)
            } else {
                kind.short_name.clone()
            };
            let mut x = 0.0;
            let segments = [
                (decided, "#2e7d32", "đã quyết định khen thưởng"),
                (declined, "#9e9e9e", "không được khen thưởng"),
                (pending, "#f9a825", "chờ quyết định"),
            ]
            .into_iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, fill, what)| {
                let width = n as f64 / widest * BAR_WIDTH;
                let s = Segment {
                    x: format!("{x:.1}"),
                    width: format!("{width:.1}"),
                    fill,
                    title: format!("{label}: {} {what}", number::count(n)),
                };
                x += width;
                s
            })
            .collect();
            FunnelRow {
                label,
                proposed: decided + declined + pending,
                decided,
                declined,
                pending,
                segments,
                y: i as i32 * ROW_HEIGHT,
            }
        })
        .collect()
}
