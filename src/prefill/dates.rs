//! When the conference was held: "Chiều 7/2/2023", "ngày 30-3", "sáng
//! ngày 24/12/2021", "ngày 15 tháng 01 năm 2024", "Sáng nay (12/1)",
//! "vào ngày 10.3"; a missing year is inferred from the report's year.

use std::sync::LazyLock;

use regex::Regex;

use super::Found;
use super::text::{Sentence, pattern};

/// A day and month in figures, with the year when given, after a word that
/// says a date follows (or at the start of a sentence).
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:^|\b(sang|chieu|toi|trua)\b|\b(?:ngay|vao|nay|hom nay|dip)\b|\()\s*(?:nay\s*)?(?:\(\s*)?(?:ngay\s+)?(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\b",
    )
});

/// "ngày 15 tháng 01 năm 2024", with the part of day before it.
static LONG: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?:\b(sang|chieu|toi|trua)\s+)?\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:nam|,)\s*(\d{4}))?",
    )
});

/// "tháng 12/2022", "tháng 12 năm 2022": the month alone.
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\bthang\s+(\d{1,2})\s*(?:/|nam)\s*(\d{4})"));

/// A publication line ("Thứ hai - 13/02/2023 07:33", "Ngày đăng:
/// 30/03/2023") is not the meeting's date.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\d{1,2}:\d{2}|^thu (hai|ba|tu|nam|sau|bay|\d)\b|ngay dang|cap nhat|dang luc|^chu nhat",
    )
});

/// Words that put a sentence's date on the meeting.
const EVENT_WORDS: &[&str] = &[
    "hoi nghi", "tong ket", "so ket", "ky ket", "to chuc", "dien ra", "tai ", "giao uoc",
];

fn part_of_day(word: Option<&str>) -> Option<&'static str> {
    match word? {
        "sang" => Some("morning"),
        "chieu" | "trua" => Some("afternoon"),
        "toi" => Some("evening"),
        _ => None,
    }
}

/// The year a meeting without one was held in: a year-end summary of Y
/// meets from about October of Y to the spring of Y+1; a covenant for Y is
/// signed in December of Y-1 or early in Y; a review meets in Y.
pub fn infer_year(record_year: i32, kind: &str, month: u32) -> i32 {
    match kind {
        "year_end_summary" if month >= 10 => record_year,
        "year_end_summary" => record_year + 1,
        "covenant_signing" if month >= 11 => record_year - 1,
        _ => record_year,
    }
}

struct Candidate {
    day: Option<u32>,
    month: u32,
    year: Option<i32>,
    part: Option<&'static str>,
}

fn candidates(s: &Sentence) -> Vec<Candidate> {
    let f = s.folded.as_str();
    let mut out = Vec::new();
    for c in LONG.captures_iter(f) {
        let (Some(day), Some(month)) = (num(c.get(2)), num(c.get(3))) else {
            continue;
        };
        out.push((
            c.get(0).map_or(0, |m| m.start()),
            Candidate {
                day: Some(day),
                month,
                year: c.get(4).and_then(|m| m.as_str().parse().ok()),
                part: part_of_day(c.get(1).map(|m| m.as_str())),
            },
        ));
    }
    for c in NUMERIC.captures_iter(f) {
        let (Some(day), Some(month)) = (num(c.get(2)), num(c.get(4))) else {
            continue;
        };
        // "12/12 xã", "06/6 đơn vị": a count out of a whole, not a date.
        let end = c.get(0).map_or(0, |m| m.end());
        let after = f[end..].trim_start();
        if c.get(5).is_none() && starts_with_noun(after) {
            continue;
        }
        out.push((
            c.get(0).map_or(0, |m| m.start()),
            Candidate {
                day: Some(day),
                month,
                year: c.get(5).and_then(|m| m.as_str().parse().ok()),
                part: part_of_day(c.get(1).map(|m| m.as_str())),
            },
        ));
    }
    for c in MONTH.captures_iter(f) {
        let Some(month) = num(c.get(1)) else { continue };
        out.push((
            c.get(0).map_or(0, |m| m.start()),
            Candidate {
                day: None,
                month,
                year: c.get(2).and_then(|m| m.as_str().parse().ok()),
                part: None,
            },
        ));
    }
    out.retain(|(_, c)| (1..=12).contains(&c.month) && c.day.is_none_or(|d| (1..=31).contains(&d)));
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, c)| c).collect()
}

fn starts_with_noun(after: &str) -> bool {
    [
        "xa",
        "don vi",
        "huyen",
        "tinh",
        "phuong",
        "thi tran",
        "co so",
        "thanh vien",
        "chi tieu",
        "tieu chi",
        "thon",
        "ho",
        "nguoi",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

fn num(m: Option<regex::Match>) -> Option<u32> {
    m?.as_str().parse().ok()
}

/// The date, the part of day and the index of the sentence they are in.
pub type MeetingDate = (Found<String>, Option<Found<&'static str>>, usize);

/// The meeting's date, its part of day and the index of the sentence it
/// was read from. Rule `meeting_date`: the first date in a sentence about
/// the meeting (a date-only sentence early in the report counts too).
pub fn conference_date(
    sentences: &[Sentence],
    record_year: Option<i32>,
    kind: &str,
) -> Option<MeetingDate> {
    let mut first_any: Option<(usize, Candidate)> = None;
    for (index, s) in sentences.iter().enumerate() {
        if DATELINE.is_match(&s.folded) {
            continue;
        }
        let Some(c) = candidates(s)
            .into_iter()
            .find(|c| c.day.is_some() || c.year.is_some())
        else {
            continue;
        };
        let about_meeting = EVENT_WORDS.iter().any(|w| s.folded.contains(w));
        if about_meeting {
            return Some(build(sentences, index, c, record_year, kind, true));
        }
        if first_any.is_none() && index < 4 {
            first_any = Some((index, c));
        }
    }
    let (index, c) = first_any?;
    Some(build(sentences, index, c, record_year, kind, false))
}

fn build(
    sentences: &[Sentence],
    index: usize,
    c: Candidate,
    record_year: Option<i32>,
    kind: &str,
    about_meeting: bool,
) -> MeetingDate {
    let s = &sentences[index];
    let year = c
        .year
        .or_else(|| record_year.map(|y| infer_year(y, kind, c.month)));
    let written = match (c.day, year) {
        (Some(d), Some(y)) => format!("{d:02}/{:02}/{y}", c.month),
        (None, Some(y)) => format!("{:02}/{y}", c.month),
        (Some(d), None) => format!("{d:02}/{:02}", c.month),
        (None, None) => format!("{:02}", c.month),
    };
    let mut date = Found::new(written, s, "meeting_date");
    if year.is_none() || !about_meeting {
        date = date.unsure();
    }
    let part = c.part.map(|p| Found::new(p, s, "part_of_day"));
    (date, part, index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefill::text::sentences;

    fn date_of(text: &str, year: i32, kind: &str) -> (String, Option<&'static str>, bool) {
        let s = sentences(text);
        let (d, p, _) = conference_date(&s, Some(year), kind).expect("a date");
        (d.value, p.map(|p| p.value), d.sure)
    }

    #[test]
    fn an_afternoon_without_a_year_takes_the_year_after_the_one_reviewed() {
        let text = "Chiều 7/2, các huyện và thành phố trong Cụm họp tại thành phố Bắc Kạn để tổng kết năm 2022.";
        assert_eq!(
            date_of(text, 2022, "year_end_summary"),
            ("07/02/2023".into(), Some("afternoon"), true)
        );
    }

    #[test]
    fn a_publication_line_is_not_the_meeting_date() {
        let text = "Thứ hai - 13/02/2023 07:33\nNgày 7/2/2023, Cụm thi đua họp tại huyện An Lão để đánh giá công tác thi đua - khen thưởng năm 2022.";
        assert_eq!(date_of(text, 2022, "year_end_summary").0, "07/02/2023");
    }

    #[test]
    fn the_long_form_and_the_dash_form_are_read() {
        assert_eq!(
            date_of(
                "Sáng ngày 15 tháng 01 năm 2024, Khối thi đua tổ chức hội nghị.",
                2023,
                "year_end_summary"
            )
            .0,
            "15/01/2024"
        );
        assert_eq!(
            date_of(
                "Ngày 30-3, tại Buôn Ma Thuột, Cụm tổ chức hội nghị tổng kết.",
                2022,
                "year_end_summary"
            )
            .0,
            "30/03/2023"
        );
        assert_eq!(
            date_of(
                "Sáng nay (12/1), Cụm thi đua số 3 tổ chức hội nghị.",
                2023,
                "year_end_summary"
            ),
            ("12/01/2024".into(), Some("morning"), true)
        );
    }

    #[test]
    fn a_count_out_of_a_whole_is_not_a_date() {
        let s = sentences(
            "Hội nghị ghi nhận 12/12 xã đạt vững mạnh. Sáng ngày 10/3/2023, hội nghị được tổ chức tại Hội trường Huyện ủy.",
        );
        let (d, _, _) = conference_date(&s, Some(2022), "year_end_summary").unwrap();
        assert_eq!(d.value, "10/03/2023");
    }

    #[test]
    fn a_mid_year_review_stays_in_its_year() {
        assert_eq!(
            date_of(
                "Vào ngày 10.7, Cụm thi đua tổ chức hội nghị sơ kết 6 tháng đầu năm.",
                2024,
                "mid_year_review"
            )
            .0,
            "10/07/2024"
        );
    }
}
