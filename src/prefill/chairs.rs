//! Next year's chair and vice chair ("bầu … làm Cụm trưởng, … làm Cụm phó
//! năm 2023", "bàn giao cho huyện Lộc Hà làm Trưởng Cụm", "giao cho …
//! đảm nhận Khối trưởng", "thống nhất giới thiệu … để đề nghị Hội đồng …
//! quyết định") and the covenant signed at the meeting.

use std::sync::LazyLock;

use regex::Regex;

use super::awards::unknown_places;
use super::text::{Sentence, clauses, pattern};
use super::units::{Members, Mention};
use super::{Chair, Covenant, Found};

const VICE_WORDS: &[&str] = &[
    "pho truong cum",
    "pho cum truong",
    "cum pho",
    "pho truong khoi",
    "pho khoi truong",
    "khoi pho",
    // Short forms last, so that the longer ones are found first.
    "pho cum",
    "pho khoi",
];
const CHAIR_WORDS: &[&str] = &["cum truong", "truong cum", "khoi truong", "truong khoi"];
const SELECTING: &[&str] = &[
    "bau",
    "ban giao",
    "gioi thieu",
    "giao cho",
    "dam nhan",
    "dam nhiem",
    "chon",
    "suy ton",
    "tiep nhan",
    "nhan nhiem vu",
    "luan phien",
    "phan cong",
];
/// Words after a member that make it the one handing over, not taking.
const GIVING: &[&str] = &["ban giao", "trao", "chuyen giao"];

pub struct Chairs {
    pub chair: Option<Found<Chair>>,
    pub vice: Option<Found<Chair>>,
    pub unmatched: Vec<Found<String>>,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| pattern(r"\bnam (\d{4})\b"));

fn selection(f: &str) -> &'static str {
    if f.contains("ban giao") || f.contains("tiep nhan") {
        "handed_over"
    } else if f.contains("gioi thieu") || (f.contains("de nghi") && f.contains("quyet dinh")) {
        "proposed"
    } else {
        "elected"
    }
}

/// Role words in a folded clause: (start, end, is_vice), vice first so
/// that "Phó Trưởng cụm" is not also read as "Trưởng cụm".
fn roles(clause: &str, offset: usize) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    for (words, vice) in [(VICE_WORDS, true), (CHAIR_WORDS, false)] {
        for w in words {
            for (at, _) in clause.match_indices(w) {
                let (s, e) = (offset + at, offset + at + w.len());
                if !out.iter().any(|(a, b, _)| *a < e && s < *b) {
                    out.push((s, e, vice));
                }
            }
        }
    }
    out.sort_by_key(|r| r.0);
    out
}

/// Rule `next_chair`: the member before each role word, after the verb
/// or the previous role ("bầu A làm Cụm trưởng, B làm Cụm phó"), or the
/// one "cho" names after it ("bàn giao nhiệm vụ Cụm trưởng cho B"); the
/// member handing over is never the one taking.
pub fn next_chairs(
    sentences: &[Sentence],
    members: &Members,
    record_year: Option<i32>,
    kind: &str,
) -> Chairs {
    let mut chairs = Chairs {
        chair: None,
        vice: None,
        unmatched: Vec::new(),
    };
    for s in sentences {
        let f = s.folded.as_str();
        if !SELECTING.iter().any(|w| f.contains(w)) {
            continue;
        }
        let mentions = members.mentions(s);
        for (a, b) in clauses(f) {
            let found = roles(&f[a..b], a);
            let mut window = a;
            for (start, end, vice) in found {
                let unit = taker_after(f, &mentions, end, b)
                    .or_else(|| taker_before(f, &mentions, window, start));
                window = end;
                let year = YEAR
                    .captures(&f[end..b])
                    .or_else(|| YEAR.captures(&f[a..b]))
                    .and_then(|c| c.get(1)?.as_str().parse().ok());
                // A chair of the year reviewed is this year's, not the next.
                if kind != "covenant_signing" && year.is_some() && year == record_year {
                    continue;
                }
                let verb_before = SELECTING.iter().any(|w| f[a..start].contains(w));
                if !verb_before {
                    continue;
                }
                let Some(unit) = unit else {
                    for name in unknown_places(s, a, b, &mentions) {
                        chairs
                            .unmatched
                            .push(Found::new(name, s, "next_chair").unsure());
                    }
                    continue;
                };
                let found = Found::new(
                    Chair {
                        unit: unit.unit.clone(),
                        year,
                        selection: selection(f),
                    },
                    s,
                    "next_chair",
                );
                let slot = if vice {
                    &mut chairs.vice
                } else {
                    &mut chairs.chair
                };
                if slot.is_none() {
                    *slot = Some(found);
                }
            }
        }
    }
    // One member cannot hold both offices.
    if let (Some(c), Some(v)) = (&chairs.chair, &chairs.vice)
        && c.value.unit.id == v.value.unit.id
    {
        chairs.vice = None;
    }
    chairs
}

fn taker_after<'a>(
    f: &str,
    mentions: &'a [Mention],
    role_end: usize,
    clause_end: usize,
) -> Option<&'a Mention> {
    let m = mentions
        .iter()
        .find(|m| m.start >= role_end && m.end <= clause_end)?;
    let between = &f[role_end..m.start];
    (between.contains("cho") || between.contains("sang") || between.trim().starts_with("la "))
        .then_some(m)
        .filter(|_| between.len() < 60)
}

fn taker_before<'a>(
    f: &str,
    mentions: &'a [Mention],
    from: usize,
    role_start: usize,
) -> Option<&'a Mention> {
    mentions
        .iter()
        .filter(|m| m.start >= from && m.end <= role_start)
        .rfind(|m| {
            let after = &f[m.end..role_start];
            !GIVING.iter().any(|g| after.trim_start().starts_with(g))
        })
}

static COVENANT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"\bky(?: ket)?(?: ban)? giao uoc(?: thi dua)?(?:\s+(?:nam|giai doan)\s+(\d{4}))?")
});

/// Rule `covenant_signed`: "ký kết giao ước thi đua năm 2023" at the
/// meeting; the year is the next one unless the report says.
pub fn covenant(sentences: &[Sentence], next_year: Option<i32>) -> Option<Found<Covenant>> {
    sentences.iter().find_map(|s| {
        let c = COVENANT.captures(&s.folded)?;
        let year = c
            .get(1)
            .and_then(|m| m.as_str().parse().ok())
            .or(next_year)?;
        Some(Found::new(Covenant { year }, s, "covenant_signed"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefill::text::sentences;
    use crate::prefill::units::members;

    fn next(text: &str, m: &Members, year: i32) -> (Option<String>, Option<String>) {
        let c = next_chairs(&sentences(text), m, Some(year), "year_end_summary");
        (
            c.chair.map(|c| c.value.unit.name),
            c.vice.map(|c| c.value.unit.name),
        )
    }

    #[test]
    fn bau_names_the_chair_and_the_vice_chair() {
        let m = members(&["huyện Na Rì", "huyện Pác Nặm", "thành phố Bắc Kạn"]);
        assert_eq!(
            next(
                "Hội nghị bầu huyện Na Rì làm Cụm Trưởng năm 2023, Huyện Pác Nặm làm Cụm phó./.",
                &m,
                2022
            ),
            (Some("huyện Na Rì".into()), Some("huyện Pác Nặm".into()))
        );
    }

    #[test]
    fn ban_giao_names_the_taker_not_the_giver() {
        let m = members(&["huyện Lộc Hà", "huyện Vũ Quang"]);
        assert_eq!(
            next("Sau khi ký giao ước thi đua năm 2022, các thành viên bàn giao cho huyện Lộc Hà làm Trưởng Cụm năm 2022.", &m, 2021).0.as_deref(),
            Some("huyện Lộc Hà")
        );
        assert_eq!(
            next(
                "Huyện Vũ Quang bàn giao nhiệm vụ Cụm trưởng cho huyện Lộc Hà.",
                &m,
                2021
            )
            .0
            .as_deref(),
            Some("huyện Lộc Hà")
        );
    }

    #[test]
    fn pho_cum_and_a_passive_election_are_read() {
        let m = members(&[
            "huyện Hữu Lũng",
            "huyện Bắc Sơn",
            "Hội Nông dân tỉnh Thanh Hóa",
            "Hội Cựu chiến binh tỉnh Thanh Hóa",
        ]);
        assert_eq!(
            next(
                "Hội nghị cũng bầu huyện Hữu Lũng làm Trưởng cụm, huyện Bắc Sơn làm Phó cụm thi đua năm 2013.",
                &m,
                2012
            ),
            (Some("huyện Hữu Lũng".into()), Some("huyện Bắc Sơn".into()))
        );
        assert_eq!(
            next("Tại hội nghị, Hội Nông dân tỉnh được các đơn vị bầu làm Cụm trưởng Cụm thi đua số 7 năm 2026.", &m, 2025).0.as_deref(),
            Some("Hội Nông dân tỉnh Thanh Hóa")
        );
    }

    #[test]
    fn a_proposal_to_the_council_is_read_as_proposed() {
        let m = members(&["tỉnh Bình Định", "tỉnh Lâm Đồng"]);
        let text = "Các tỉnh nhất trí giới thiệu tỉnh Bình Định làm Cụm trưởng và tỉnh Lâm Đồng làm Cụm phó năm 2023, trình Hội đồng Thi đua - Khen thưởng Trung ương xem xét, quyết định.";
        let c = next_chairs(&sentences(text), &m, Some(2022), "year_end_summary");
        let chair = c.chair.unwrap();
        assert_eq!(chair.value.unit.name, "tỉnh Bình Định");
        assert_eq!(chair.value.selection, "proposed");
        assert_eq!(c.vice.unwrap().value.unit.name, "tỉnh Lâm Đồng");
    }

    #[test]
    fn this_years_chair_named_by_title_is_not_next_years() {
        let m = members(&["thành phố Bắc Kạn", "huyện Na Rì"]);
        assert_eq!(
            next(
                "Mở đầu chương trình, đồng chí Dương Hữu Bường, Chủ tịch UBND Thành phố Bắc Kạn, Cụm trưởng cụm thi đua, có lời khai mạc.",
                &m,
                2022
            ),
            (None, None)
        );
    }

    #[test]
    fn the_covenant_signed_for_next_year_and_not_the_one_reviewed() {
        let s = sentences(
            "Năm nay các thành viên vừa tổng kết giao ước thi đua năm 2022, vừa ký kết giao ước thi đua năm 2023.",
        );
        assert_eq!(covenant(&s, Some(2023)).unwrap().value.year, 2023);
        let s = sentences("Các thành viên tổng kết giao ước thi đua năm 2022.");
        assert!(covenant(&s, Some(2023)).is_none());
    }
}
