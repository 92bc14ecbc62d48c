//! Reported figures: a member's "ước đạt 772 tỷ đồng, tăng 11%", "trên
//! 400 tỷ đồng" for the whole cluster, each with its
//! qualifier, growth, same-period and plan percentages, for the member
//! named before it.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{Sentence, clauses, pattern};
use super::units::Members;
use super::{Figure, Found};

/// Qualifier words, a number as written and its measure.
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"((?:\b(?:uoc dat|uoc tinh dat|uoc thuc hien|uoc tinh|uoc|dat duoc|dat|tren|hon|gan|khoang|xap xi|vuot|la|len den|voi)\s+){0,3})\b(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(nghin ty dong|ngan ty dong|ty dong|trieu dong|trieu usd|ty usd|nghin tan|ngan tan|tan|ha)\b",
    )
});

static GROWTH: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b(tang|giam)\s+(\d+(?:,\d+)?)\s*%"));
static SAME_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\b(?:bang|dat)\s+(\d+(?:,\d+)?)\s*%\s*so voi cung ky"));
static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:bang|dat|hoan thanh)\s+(\d+(?:,\d+)?)\s*%\s*(?:so voi\s+)?(?:ke hoach|kh\b|chi tieu|du toan|nghi quyet)",
    )
});

/// Words that make a figure the whole cluster's.
const WHOLE: &[&str] = &[
    "toan cum",
    "ca cum",
    "toan khoi",
    "ca khoi",
    "trong cum",
    "trong khoi",
    "cac don vi trong",
    "cac dia phuong trong",
    "cum thi dua",
];

/// The heads of indicator names, folded.
const INDICATOR_HEADS: &[&str] = &[
    "tong thu ngan sach",
    "thu ngan sach",
    "thu noi dia",
    "gia tri san xuat",
    "san luong",
    "tong von dau tu",
    "von dau tu",
    "kim ngach xuat khau",
    "kim ngach",
    "doanh thu",
    "tong san pham",
    "grdp",
    "thu nhap binh quan",
    "tong muc ban le",
    "tong thu",
    "quy ",
    "van dong",
    "huy dong",
    "ung ho",
    "dien tich",
    "tong gia tri",
    "gia tri",
];

/// Words that end an indicator's name.
const NAME_STOPS: &[&str] = &[
    " dat",
    " uoc",
    " cua",
    " o ",
    " tai",
    " trong",
    " la ",
    " nam 20",
    " cac ",
    " mot so",
    " tang",
    " huyen",
    " tinh",
    " xa ",
    " thi xa",
    " thanh pho",
    " tp",
    ",",
    ":",
    "(",
    " dat ",
    " voi",
    " duoc",
    " toan",
    " ca ",
];

fn qualifier(words: &str) -> &'static str {
    let estimated = words.contains("uoc");
    let over = ["tren", "hon", "vuot"]
        .iter()
        .any(|w| words.split(' ').any(|x| x == *w));
    let nearly = ["gan", "xap"]
        .iter()
        .any(|w| words.split(' ').any(|x| x == *w));
    match (estimated, over, nearly) {
        (true, true, _) => "estimated_over",
        (true, _, true) => "estimated_nearly",
        (true, _, _) => "estimated",
        (_, true, _) => "over",
        (_, _, true) => "nearly",
        _ => "",
    }
}

/// Rule `figure_with_qualifier`.
pub fn figures(sentences: &[Sentence], members: &Members) -> Vec<Found<Figure>> {
    let mut out = Vec::new();
    for s in sentences {
        let f = s.folded.as_str();
        let mentions = members.mentions(s);
        let spans = clauses(f);
        let found: Vec<regex::Captures> = AMOUNT.captures_iter(f).collect();
        let mut previous_end = 0;
        for (n, c) in found.iter().enumerate() {
            let (Some(number), Some(measure)) = (c.get(2), c.get(3)) else {
                continue;
            };
            let qualifier_words = c.get(1).map_or("", |m| m.as_str());
            let clause_start = spans
                .iter()
                .find(|(a, b)| *a <= number.start() && number.start() <= *b)
                .map_or(0, |(a, _)| *a);
            let window_start = clause_start.max(previous_end);
            let unit = mentions
                .iter()
                .rfind(|m| m.start >= window_start && m.end <= number.start())
                .map(|m| m.unit.clone());
            let next_start = found
                .get(n + 1)
                .and_then(|x| x.get(0))
                .map_or(f.len(), |m| m.start());
            let clause_end = spans
                .iter()
                .find(|(a, b)| *a <= number.start() && number.start() <= *b)
                .map_or(f.len(), |(_, b)| *b);
            let tail_end = next_start.min(clause_end);
            // A member named after this figure starts the next one's text.
            let tail_end = mentions
                .iter()
                .find(|m| m.start > measure.end() && m.start < tail_end)
                .map_or(tail_end, |m| m.start);
            let tail = &f[measure.end()..tail_end.max(measure.end())];
            previous_end = measure.end();
            let whole = unit.is_none() && {
                let lead = &f[clause_start..number.start()];
                WHOLE.iter().any(|w| lead.contains(w))
            };
            if unit.is_none() && !whole {
                continue;
            }
            let growth = GROWTH.captures(tail).and_then(|g| {
                let value = g.get(2)?.as_str();
                let sign = if g.get(1)?.as_str() == "giam" {
                    "-"
                } else {
                    ""
                };
                Some(format!("{sign}{value}"))
            });
            let same_period = SAME_PERIOD
                .captures(tail)
                .and_then(|g| Some(g.get(1)?.as_str().to_string()));
            let plan = PLAN
                .captures(tail)
                .and_then(|g| Some(g.get(1)?.as_str().to_string()));
            let growth = growth.filter(|_| {
                // "bằng 107,7% so với cùng kỳ" is not growth.
                same_period.is_none() || GROWTH.is_match(tail)
            });
            let figure = Figure {
                unit,
                indicator: indicator_name(s, number.start()),
                measure: s.original(measure.start(), measure.end()).to_string(),
                value: s.original(number.start(), number.end()).to_string(),
                qualifier: qualifier(qualifier_words),
                growth,
                same_period,
                plan,
            };
            out.push(Found::new(figure, s, "figure_with_qualifier"));
        }
    }
    out
}

/// The indicator a figure reports: the nearest indicator name before it in
/// the sentence ("sản lượng lương thực có hạt"), up to the verb.
fn indicator_name(s: &Sentence, before: usize) -> String {
    let lead = &s.folded[..before];
    let Some((at, head)) = INDICATOR_HEADS
        .iter()
        .filter_map(|h| lead.rfind(h).map(|at| (at, *h)))
        .max_by_key(|(at, h)| (*at, h.len()))
    else {
        return String::new();
    };
    let rest = &lead[at + head.len()..];
    let stop = NAME_STOPS
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let name = s.original(at, at + head.len() + stop);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefill::text::sentences;
    use crate::prefill::units::members;

    type Row = (Option<String>, String, &'static str, Option<String>);

    fn rows(text: &str, m: &Members) -> Vec<Row> {
        figures(&sentences(text), m)
            .into_iter()
            .map(|f| {
                (
                    f.value.unit.map(|u| u.name),
                    f.value.value,
                    f.value.qualifier,
                    f.value.growth,
                )
            })
            .collect()
    }

    #[test]
    fn each_member_gets_its_figure_qualifier_and_growth() {
        let m = members(&[
            "huyện An Lão",
            "huyện Tây Sơn",
            "huyện Hoài Ân",
            "huyện Vân Canh",
            "huyện Vĩnh Thạnh",
        ]);
        let text = "Năm 2022, giá trị sản xuất nông lâm thủy sản ở từng huyện như sau: An Lão ước đạt 772 tỷ đồng và tăng 11%; Tây Sơn ước đạt 1.854 tỷ đồng, mức tăng 3,5%; Hoài Ân ước đạt trên 2.636 tỷ đồng, mức tăng 8,1%; Vân Canh ước đạt 699 tỷ đồng, bằng 100% kế hoạch; riêng Vĩnh Thạnh là 525,2 tỷ đồng, tăng 3,28%.";
        let r = rows(text, &m);
        assert_eq!(r.len(), 5);
        assert_eq!(
            r[0],
            (
                Some("huyện An Lão".into()),
                "772".into(),
                "estimated",
                Some("11".into())
            )
        );
        assert_eq!(
            r[2],
            (
                Some("huyện Hoài Ân".into()),
                "2.636".into(),
                "estimated_over",
                Some("8,1".into())
            )
        );
        assert_eq!(
            r[3],
            (
                Some("huyện Vân Canh".into()),
                "699".into(),
                "estimated",
                None
            )
        );
        assert_eq!(
            r[4],
            (
                Some("huyện Vĩnh Thạnh".into()),
                "525,2".into(),
                "",
                Some("3,28".into())
            )
        );
        let all = figures(&sentences(text), &m);
        assert_eq!(all[3].value.plan.as_deref(), Some("100"));
        assert_eq!(all[0].value.indicator, "Giá trị sản xuất nông lâm thủy sản");
    }

    #[test]
    fn a_total_for_the_whole_cluster_has_no_member() {
        let m = members(&["huyện Na Rì"]);
        let r = rows("Cả Cụm có tổng thu ngân sách trên 400 tỷ đồng.", &m);
        assert_eq!(r, [(None, "400".into(), "over", None)]);
    }

    #[test]
    fn a_same_period_ratio_is_not_growth() {
        let m = members(&["huyện Lộc Hà"]);
        let text = "Sản lượng lương thực có hạt ở Lộc Hà đạt trên 19 nghìn tấn, tức bằng 108,1% kế hoạch năm và bằng 107,7% so với cùng kỳ.";
        let f = figures(&sentences(text), &m);
        assert_eq!(f[0].value.value, "19");
        assert_eq!(f[0].value.measure, "nghìn tấn");
        assert_eq!(f[0].value.growth, None);
        assert_eq!(f[0].value.same_period.as_deref(), Some("107,7"));
        assert_eq!(f[0].value.plan.as_deref(), Some("108,1"));
        assert_eq!(f[0].value.indicator, "Sản lượng lương thực có hạt");
    }

    #[test]
    fn a_figure_with_no_member_and_no_whole_is_left_out() {
        let m = members(&["huyện Na Rì"]);
        assert!(
            rows(
                "Dân số trên 12 triệu người, thu hút 500 tỷ đồng vốn đầu tư.",
                &m
            )
            .is_empty()
        );
    }
}
