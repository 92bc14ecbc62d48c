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
) -> Funnel {
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
    let rows: Vec<(String, [i64; 3])> = tallies
        .into_iter()
        .map(|((at, year), counts)| {
            let kind = &kinds[at];
            let label = if by_year {
                format!("{} — năm {year}", kind.short_name)
            } else {
                kind.short_name.clone()
            };
            (label, counts)
        })
        .collect();
    // The chart: the kinds proposed most, in catalogue order. The rest are
    // named in the text and listed in the table; a bar adding them up
    // would dwarf every kind charted.
    let mut largest: Vec<usize> = (0..rows.len()).collect();
    largest.sort_by_key(|&i| std::cmp::Reverse(rows[i].1.iter().sum::<i64>()));
    let mut charted: Vec<usize> = largest.iter().copied().take(CHART_BARS).collect();
    charted.sort_unstable();
    let bars: Vec<(String, [i64; 3])> = charted.iter().map(|&i| rows[i].clone()).collect();
    let others = rows.len() - charted.len();
    let others_proposed = largest[charted.len()..]
        .iter()
        .map(|&i| rows[i].1.iter().sum::<i64>())
        .sum();
    Funnel {
        chart: with_bars(bars),
        rows: rows
            .into_iter()
            .map(|(label, counts)| row(label, counts, Vec::new(), 0))
            .collect(),
        others,
        others_proposed,
    }
}

/// Bars of the chart: a country's catalogue has a hundred kinds, and the
/// chart shows those proposed most.
pub const CHART_BARS: usize = 12;

/// The funnel's table and chart.
pub struct Funnel {
    /// Every kind (and year), for the table.
    pub rows: Vec<FunnelRow>,
    /// The bars of the chart, with their geometry.
    pub chart: Vec<FunnelRow>,
    /// Kinds (or kinds and years) the chart leaves out, and how many
    /// proposals they have.
    pub others: usize,
    pub others_proposed: i64,
}

fn row(
    label: String,
    [decided, declined, pending]: [i64; 3],
    segments: Vec<Segment>,
    at: usize,
) -> FunnelRow {
    FunnelRow {
        label,
        proposed: decided + declined + pending,
        decided,
        declined,
        pending,
        segments,
        y: at as i32 * ROW_HEIGHT,
    }
}

/// The chart's rows: each bar's segments, scaled to the widest bar.
fn with_bars(bars: Vec<(String, [i64; 3])>) -> Vec<FunnelRow> {
    let widest = bars
        .iter()
        .map(|(_, t)| t.iter().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    bars.into_iter()
        .enumerate()
        .map(|(i, (label, counts))| {
            let [decided, declined, pending] = counts;
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
            row(label, counts, segments, i)
        })
        .collect()
}

// Tests only: an unwrap that fails is the test failing, never a request.
#[cfg(test)]
mod tests {
    use super::*;

    fn kind(id: i32) -> AwardKind {
        AwardKind {
            id,
            name: format!("Hình thức {id}"),
            short_name: format!("Hình thức {id}"),
            issuing_authority: "Thủ tướng Chính phủ".into(),
            category: "certificate".into(),
            rank: id,
            organising_body_id: None,
        }
    }

    #[test]
    fn a_long_catalogue_charts_the_kinds_proposed_most() {
        let kinds: Vec<AwardKind> = (1..=20).map(kind).collect();
        // Kind k is proposed k times; one of each is decided.
        let proposals: Vec<(i32, bool, bool, i32)> = (1..=20)
            .flat_map(|k| (0..k).map(move |i| (k, i == 0, false, 2024)))
            .collect();
        let f = funnel(proposals.into_iter(), &Filters::default(), &kinds);
        assert_eq!(f.rows.len(), 20, "the table lists every kind");
        assert_eq!(f.others, 8);
        assert_eq!(f.chart.len(), CHART_BARS);
        let charted: Vec<&str> = f.chart.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            charted[0], "Hình thức 9",
            "the most proposed, in catalogue order"
        );
        assert_eq!(charted[CHART_BARS - 1], "Hình thức 20");
        assert_eq!(f.others_proposed, (1..=8).sum::<i64>());
        let widest = f.chart.iter().find(|r| r.proposed == 20).unwrap();
        let width: f64 = widest
            .segments
            .iter()
            .map(|s| s.width.parse::<f64>().unwrap())
            .sum();
        assert!(
            (width - BAR_WIDTH).abs() < 0.5,
            "the most proposed kind spans the chart"
        );
    }

    #[test]
    fn a_short_catalogue_charts_every_kind() {
        let kinds: Vec<AwardKind> = (1..=3).map(kind).collect();
        let f = funnel(
            [(1, true, false, 2024), (3, false, true, 2024)].into_iter(),
            &Filters::default(),
            &kinds,
        );
        assert_eq!(f.others, 0);
        assert_eq!(f.chart.len(), 2);
        assert_eq!(f.rows[1].declined, 1);
    }
}
