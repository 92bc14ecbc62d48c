//! The unit page's charts: its place in each cluster over the years, its
//! awards per year, and each indicator it reported in more than one year.

use std::collections::BTreeMap;

use super::queries::UnitOverview;
use crate::charts::{BarChart, RankChart, Series};

/// Indicator charts a unit page draws at most.
pub const INDICATOR_CHARTS: usize = 4;

impl UnitOverview {
    /// One chart per cluster in which the unit was ranked in two years or
    /// more (one point makes no line).
    pub fn rank_charts(&self) -> Vec<RankChart> {
        // (year, rank, members ranked) per cluster.
        type Places = Vec<(i32, i32, i64)>;
        let mut by_cluster: BTreeMap<(i32, &str), Places> = BTreeMap::new();
        for r in &self.ranks {
            if let Some(rank) = r.rank {
                by_cluster
                    .entry((r.cluster.id, r.cluster.name.as_str()))
                    .or_default()
                    .push((r.year, rank, r.out_of.unwrap_or(rank as i64)));
            }
        }
        by_cluster
            .into_iter()
            .filter(|(_, points)| points.len() >= 2)
            .map(|((id, name), mut points)| {
                points.sort();
                let lowest = points
                    .iter()
                    .map(|(_, rank, out_of)| (*out_of).max(*rank as i64))
                    .max()
                    .unwrap_or(1) as i32;
                let words: Vec<String> = points
                    .iter()
                    .map(|(year, rank, out_of)| format!("năm {year} hạng {rank}/{out_of}"))
                    .collect();
                RankChart {
                    id: format!("rank-chart-{id}"),
                    title: format!("Xếp hạng của {} trong {name}", self.full_name),
                    description: format!("{}.", labels_first(&words.join("; "))),
                    points: points.iter().map(|(y, r, _)| (*y, *r)).collect(),
                    lowest: lowest.max(2),
                }
            })
            .collect()
    }

    /// Awards proposed and decided per year.
    pub fn award_chart(&self) -> Option<BarChart> {
        let mut by_year: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
        for a in &self.awards {
            let counts = by_year.entry(a.year).or_default();
            counts.0 += 1;
            counts.1 += usize::from(a.decided);
        }
        if by_year.is_empty() {
            return None;
        }
        let words: Vec<String> = by_year
            .iter()
            .map(|(y, (p, d))| format!("năm {y}: {p} đề nghị, {d} đã quyết định"))
            .collect();
        Some(BarChart {
            id: "unit-award-chart".into(),
            title: format!("Khen thưởng của {} theo năm", self.full_name),
            description: format!("{}.", labels_first(&words.join("; "))),
            categories: by_year.keys().map(|y| y.to_string()).collect(),
            series: vec![
                Series {
                    name: "Đề nghị".into(),
                    values: by_year.values().map(|(p, _)| *p as f64).collect(),
                },
                Series {
                    name: "Đã quyết định".into(),
                    values: by_year.values().map(|(_, d)| *d as f64).collect(),
                },
            ],
            unit: "lượt".into(),
        })
    }

    /// A chart for each indicator reported as a number in two years or more.
    pub fn indicator_charts(&self) -> Vec<BarChart> {
        let mut by_indicator: BTreeMap<(&str, &str), BTreeMap<i32, f64>> = BTreeMap::new();
        for f in &self.figures {
            if let Some(value) = f.value {
                by_indicator
                    .entry((f.indicator.as_str(), f.measure_unit.as_str()))
                    .or_default()
                    .insert(f.year, value.to_f64());
            }
        }
        // The indicators reported in the most years, a handful of them: a
        // unit with decades of figures would otherwise carry dozens of
        // charts; every figure stays in the table beneath.
        let mut repeated: Vec<_> = by_indicator
            .into_iter()
            .filter(|(_, years)| years.len() >= 2)
            .collect();
        repeated.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        repeated.truncate(INDICATOR_CHARTS);
        repeated
            .into_iter()
            .enumerate()
            .map(|(i, ((name, measure), years))| {
                let words: Vec<String> = years
                    .iter()
                    .map(|(y, v)| format!("năm {y}: {} {measure}", crate::charts::number_text(*v)))
                    .collect();
                BarChart {
                    id: format!("indicator-chart-{i}"),
                    title: if measure.is_empty() {
                        format!("{name} qua các năm")
                    } else {
                        format!("{name} qua các năm ({measure})")
                    },
                    description: format!("{}.", labels_first(&words.join("; "))),
                    categories: years.keys().map(|y| y.to_string()).collect(),
                    series: vec![Series {
                        name: name.to_string(),
                        values: years.values().copied().collect(),
                    }],
                    unit: measure.to_string(),
                }
            })
            .collect()
    }
}

fn labels_first(text: &str) -> String {
    crate::domain::labels::capitalise_first(text)
}
