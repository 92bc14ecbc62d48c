//! Charts drawn on the server as SVG: no script, no outside service.
//! Each carries a title and a description for screen readers, prints in
//! black and white as well as in colour (bars also differ by their place
//! and are labelled with their numbers), and comes with the same numbers
//! in a table beside it.

use crate::domain::number::{self, Decimal};

/// Width of every chart, in SVG units (it scales down on narrow screens).
pub const WIDTH: i32 = 520;
/// Room on the left for the axis labels, and below for the categories.
const LEFT: i32 = 48;
const BOTTOM: i32 = 28;
const TOP: i32 = 16;
const PLOT_HEIGHT: i32 = 160;

/// Fills that stay apart in grey print: dark, mid and light.
const FILLS: [&str; 3] = ["#1f4e79", "#6fa8dc", "#c9daf8"];

pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// Bars per category (a year), one bar per series side by side.
pub struct BarChart {
    /// The id its title and description are referred to by.
    pub id: String,
    pub title: String,
    pub description: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// How the numbers are counted ("đề nghị", "tỷ đồng"), for labels.
    pub unit: String,
}

pub struct Bar {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
    pub fill: &'static str,
    /// What a pointer or screen reader is told: "2022 — Đề nghị: 3".
    pub title: String,
    /// The number over the bar.
    pub label: String,
    pub label_x: i32,
    pub label_y: i32,
}

pub struct Tick {
    pub y: i32,
    pub label: String,
}

pub struct Label {
    pub x: i32,
    pub text: String,
}

pub struct LegendItem {
    pub x: i32,
    pub fill: &'static str,
    pub name: String,
}

impl BarChart {
    pub fn height(&self) -> i32 {
        TOP + PLOT_HEIGHT + BOTTOM + 22
    }

    pub fn baseline(&self) -> i32 {
        TOP + PLOT_HEIGHT
    }

    pub fn left(&self) -> i32 {
        LEFT
    }

    pub fn right(&self) -> i32 {
        WIDTH - 8
    }

    fn max(&self) -> f64 {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(0.0, f64::max)
    }

    /// A round top for the axis: 1, 2 or 5 times a power of ten; for
    /// counts, a whole number that four gridlines divide evenly.
    fn scale_top(&self) -> f64 {
        let max = self.max();
        if max <= 0.0 {
            return 4.0;
        }
        let counts = self
            .series
            .iter()
            .flat_map(|s| s.values.iter())
            .all(|v| v.fract() == 0.0);
        let power = 10f64.powf(max.log10().floor());
        let top = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * power)
            .find(|top| *top >= max)
            .unwrap_or(10.0 * power);
        if counts {
            (max / 4.0).ceil() * 4.0
        } else {
            top
        }
    }

    fn slot(&self) -> f64 {
        (self.right() - LEFT) as f64 / self.categories.len().max(1) as f64
    }

    pub fn bars(&self) -> Vec<Bar> {
        let top = self.scale_top();
        let slot = self.slot();
        let n = self.series.len().max(1) as f64;
        let bar = ((slot * 0.7) / n).min(48.0);
        let mut bars = Vec::new();
        for (c, category) in self.categories.iter().enumerate() {
            let group = bar * n;
            let start = LEFT as f64 + slot * c as f64 + (slot - group) / 2.0;
            for (i, s) in self.series.iter().enumerate() {
                let value = s.values.get(c).copied().unwrap_or(0.0);
                let height = (value / top * PLOT_HEIGHT as f64).round() as i32;
                let x = (start + bar * i as f64).round() as i32;
                let label = number_text(value);
                bars.push(Bar {
                    x,
                    y: self.baseline() - height,
                    width: (bar - 2.0).max(2.0).round() as i32,
                    height,
                    fill: FILLS[i % FILLS.len()],
                    title: format!("{category} — {}: {label} {}", s.name, self.unit),
                    label_x: x + ((bar - 2.0) / 2.0).round() as i32,
                    label_y: self.baseline() - height - 3,
                    label,
                });
            }
        }
        bars
    }

    pub fn ticks(&self) -> Vec<Tick> {
        let top = self.scale_top();
        (0..=4)
            .map(|i| {
                let value = top * i as f64 / 4.0;
                Tick {
                    y: self.baseline() - (PLOT_HEIGHT as f64 * i as f64 / 4.0).round() as i32,
                    label: number_text(value),
                }
            })
            .collect()
    }

    pub fn category_labels(&self) -> Vec<Label> {
        let slot = self.slot();
        self.categories
            .iter()
            .enumerate()
            .map(|(i, c)| Label {
                x: (LEFT as f64 + slot * (i as f64 + 0.5)).round() as i32,
                text: c.clone(),
            })
            .collect()
    }

    pub fn legend(&self) -> Vec<LegendItem> {
        let mut x = LEFT;
        self.series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let item = LegendItem {
                    x,
                    fill: FILLS[i % FILLS.len()],
                    name: s.name.clone(),
                };
                x += 24 + 8 * s.name.chars().count() as i32;
                item
            })
            .collect()
    }

    pub fn legend_y(&self) -> i32 {
        self.baseline() + BOTTOM + 6
    }

    /// The table's cell for a series and category.
    pub fn cell(&self, series: &usize, category: &usize) -> String {
        number_text(
            self.series[*series]
                .values
                .get(*category)
                .copied()
                .unwrap_or(0.0),
        )
    }
}

/// Whole numbers as counts ("1.544"), others with a decimal comma.
pub fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        number::count(value as i64)
    } else {
        let text = format!("{value:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        Decimal::parse_plain(text).map_or_else(|_| text.to_string(), |d| d.to_vietnamese())
    }
}

/// A unit's place in each year, the first place at the top.
pub struct RankChart {
    pub id: String,
    pub title: String,
    pub description: String,
    /// (year, rank) in year order.
    pub points: Vec<(i32, i32)>,
    /// The lowest place drawn (the most members ranked).
    pub lowest: i32,
}

pub struct Point {
    pub x: i32,
    pub y: i32,
    pub label: String,
    pub year: i32,
}

impl RankChart {
    pub fn height(&self) -> i32 {
        TOP + PLOT_HEIGHT + BOTTOM
    }

    pub fn baseline(&self) -> i32 {
        TOP + PLOT_HEIGHT
    }

    pub fn left(&self) -> i32 {
        LEFT
    }

    pub fn right(&self) -> i32 {
        WIDTH - 8
    }

    pub fn points(&self) -> Vec<Point> {
        let slot = (self.right() - LEFT) as f64 / self.points.len().max(1) as f64;
        let span = (self.lowest - 1).max(1) as f64;
        self.points
            .iter()
            .enumerate()
            .map(|(i, (year, rank))| Point {
                x: (LEFT as f64 + slot * (i as f64 + 0.5)).round() as i32,
                y: TOP + ((rank - 1) as f64 / span * (PLOT_HEIGHT - 10) as f64).round() as i32 + 5,
                label: format!("Hạng {rank}"),
                year: *year,
            })
            .collect()
    }

    /// The line through the points, as an SVG `points` list.
    pub fn line(&self) -> String {
        self.points()
            .iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn ticks(&self) -> Vec<Tick> {
        let span = (self.lowest - 1).max(1) as f64;
        let step = ((self.lowest as f64) / 5.0).ceil().max(1.0) as i32;
        (1..=self.lowest)
            .filter(|r| (r - 1) % step == 0 || *r == self.lowest)
            .map(|r| Tick {
                y: TOP + ((r - 1) as f64 / span * (PLOT_HEIGHT - 10) as f64).round() as i32 + 5,
                label: r.to_string(),
            })
            .collect()
    }
}

/// Who chaired each year: a row per year, a band per chair unit (the same
/// colour each time the unit chairs again), the names written out.
pub struct Timeline {
    pub id: String,
    pub title: String,
    pub description: String,
    pub rows: Vec<TimelineRow>,
}

pub struct TimelineRow {
    pub year: i32,
    pub chair: String,
    pub vice_chair: String,
    pub fill: &'static str,
    pub y: i32,
}

/// Distinct fills for chair units, light enough for dark text on top.
const BANDS: [&str; 8] = [
    "#dbe9f6", "#fde2c8", "#d9f0d3", "#f3d6e4", "#e6dcf5", "#fff2b3", "#d3eef0", "#ecdcc7",
];
const ROW: i32 = 28;

impl Timeline {
    pub fn new(
        id: String,
        title: String,
        description: String,
        terms: &[(i32, String, String)],
    ) -> Self {
        let mut seen: Vec<&str> = Vec::new();
        let rows = terms
            .iter()
            .enumerate()
            .map(|(i, (year, chair, vice_chair))| {
                let at = match seen.iter().position(|c| c == chair) {
                    Some(at) => at,
                    None => {
                        seen.push(chair);
                        seen.len() - 1
                    }
                };
                TimelineRow {
                    year: *year,
                    chair: chair.clone(),
                    vice_chair: vice_chair.clone(),
                    fill: BANDS[at % BANDS.len()],
                    y: 4 + ROW * i as i32,
                }
            })
            .collect();
        Timeline {
            id,
            title,
            description,
            rows,
        }
    }

    pub fn height(&self) -> i32 {
        8 + ROW * self.rows.len() as i32
    }

    pub fn width(&self) -> i32 {
        WIDTH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(values: &[f64]) -> BarChart {
        BarChart {
            id: "t".into(),
            title: "t".into(),
            description: "d".into(),
            categories: (0..values.len()).map(|i| format!("{}", 2020 + i)).collect(),
            series: vec![Series {
                name: "Đề nghị".into(),
                values: values.to_vec(),
            }],
            unit: "đề nghị".into(),
        }
    }

    #[test]
    fn bars_are_as_tall_as_their_share_of_a_round_top() {
        let c = chart(&[3.0, 6.0, 0.0]);
        let bars = c.bars();
        // Counts: the axis tops at 8, four gridlines of 2.
        assert_eq!(bars[1].height, 120);
        assert_eq!(bars[0].height, 60);
        assert_eq!(bars[2].height, 0);
        assert_eq!(bars[1].y + bars[1].height, c.baseline());
        let ticks: Vec<String> = c.ticks().into_iter().map(|t| t.label).collect();
        assert_eq!(ticks, ["0", "2", "4", "6", "8"]);
        // Figures: a round top.
        let c = chart(&[525.2, 772.5]);
        assert_eq!(c.ticks().last().unwrap().label, "1.000");
        assert!(bars.iter().all(|b| b.x >= LEFT && b.x + b.width <= WIDTH));
        assert_eq!(bars[1].title, "2021 — Đề nghị: 6 đề nghị");
    }

    #[test]
    fn the_first_place_is_at_the_top() {
        let c = RankChart {
            id: "r".into(),
            title: "t".into(),
            description: "d".into(),
            points: vec![(2021, 3), (2022, 1)],
            lowest: 6,
        };
        let p = c.points();
        assert!(p[1].y < p[0].y);
        assert_eq!(p[1].label, "Hạng 1");
    }

    #[test]
    fn a_unit_that_chairs_again_keeps_its_colour() {
        let t = Timeline::new(
            "c".into(),
            "t".into(),
            "d".into(),
            &[
                (2021, "A".into(), String::new()),
                (2022, "B".into(), String::new()),
                (2023, "A".into(), String::new()),
            ],
        );
        assert_eq!(t.rows[0].fill, t.rows[2].fill);
        assert_ne!(t.rows[0].fill, t.rows[1].fill);
    }

    #[test]
    fn numbers_read_the_vietnamese_way() {
        assert_eq!(number_text(1544.0), "1.544");
        assert_eq!(number_text(525.2), "525,2");
    }
}
