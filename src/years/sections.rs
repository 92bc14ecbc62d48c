//! The Roman numbers of the printed report's sections, given to the
//! sections actually present and in print order, so that numbers never
//! skip or repeat whatever a year holds.

use crate::domain::labels::roman;

/// Which optional sections a year's report has.
#[derive(Debug, Clone, Copy, Default)]
pub struct Present {
    /// Movements, a written summary or figures: a report drawn from a press
    /// piece often has none, and an empty heading would be filler.
    pub movements: bool,
    pub conferences: usize,
    /// Counts of titles the year reports.
    pub title_counts: bool,
    pub next_officers: bool,
    pub next_covenant: bool,
    pub directions: bool,
}

/// Each section's number ("I", "II", …); None for a section not printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Sections {
    pub situation: String,
    pub movements: Option<String>,
    /// One per conference, in the order they are printed.
    pub conferences: Vec<String>,
    pub awards: String,
    pub title_counts: Option<String>,
    pub next_officers: Option<String>,
    pub next_covenant: Option<String>,
    pub directions: Option<String>,
}

impl Sections {
    pub fn number(present: Present) -> Self {
        let mut count = 0;
        let mut next = || {
            count += 1;
            roman(count)
        };
        let situation = next();
        let movements = present.movements.then(&mut next);
        let conferences = (0..present.conferences).map(|_| next()).collect();
        let awards = next();
        let title_counts = present.title_counts.then(&mut next);
        let next_officers = present.next_officers.then(&mut next);
        let next_covenant = present.next_covenant.then(&mut next);
        let directions = present.directions.then(&mut next);
        Sections {
            situation,
            movements,
            conferences,
            awards,
            title_counts,
            next_officers,
            next_covenant,
            directions,
        }
    }

    /// The conference's number, by its place in the printed order.
    pub fn conference(&self, index: usize) -> &str {
        self.conferences.get(index).map_or("", String::as_str)
    }

    /// Every number given, in print order.
    pub fn in_order(&self) -> Vec<&str> {
        [Some(self.situation.as_str()), self.movements.as_deref()]
            .into_iter()
            .flatten()
            .chain(self.conferences.iter().map(String::as_str))
            .chain([self.awards.as_str()])
            .chain(
                [
                    &self.title_counts,
                    &self.next_officers,
                    &self.next_covenant,
                    &self.directions,
                ]
                .into_iter()
                .filter_map(|n| n.as_deref()),
            )
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_run_on_for_every_combination_of_sections() {
        for conferences in 0..=3 {
            for mask in 0..32u8 {
                let present = Present {
                    movements: mask & 16 != 0,
                    conferences,
                    next_officers: mask & 1 != 0,
                    next_covenant: mask & 2 != 0,
                    directions: mask & 4 != 0,
                    title_counts: mask & 8 != 0,
                };
                let sections = Sections::number(present);
                let expected: Vec<String> = (1..=sections.in_order().len()).map(roman).collect();
                assert_eq!(sections.in_order(), expected, "{present:?}");
                assert_eq!(
                    sections.in_order().len(),
                    2 + conferences + mask.count_ones() as usize
                );
                assert_eq!(sections.next_officers.is_some(), present.next_officers);
                assert_eq!(sections.next_covenant.is_some(), present.next_covenant);
                assert_eq!(sections.directions.is_some(), present.directions);
                assert_eq!(sections.title_counts.is_some(), present.title_counts);
                assert_eq!(sections.movements.is_some(), present.movements);
            }
        }
    }

    #[test]
    fn two_conferences_take_two_numbers() {
        let sections = Sections::number(Present {
            movements: true,
            conferences: 2,
            directions: true,
            ..Present::default()
        });
        assert_eq!(sections.conference(0), "III");
        assert_eq!(sections.conference(1), "IV");
        assert_eq!(sections.awards, "V");
        assert_eq!(sections.directions.as_deref(), Some("VI"));
    }

    #[test]
    fn a_year_without_movements_or_figures_has_no_empty_section() {
        let sections = Sections::number(Present {
            conferences: 1,
            ..Present::default()
        });
        assert_eq!(sections.movements, None);
        assert_eq!(sections.conference(0), "II");
        assert_eq!(sections.awards, "III");
    }

    #[test]
    fn counts_of_titles_follow_the_awards() {
        let sections = Sections::number(Present {
            movements: true,
            conferences: 1,
            title_counts: true,
            next_officers: true,
            ..Present::default()
        });
        assert_eq!(sections.awards, "IV");
        assert_eq!(sections.title_counts.as_deref(), Some("V"));
        assert_eq!(sections.next_officers.as_deref(), Some("VI"));
    }
}
