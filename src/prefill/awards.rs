//! The vote and its outcome: ranks ("xếp thứ Nhất", "dẫn đầu Cụm"), a
//! unanimous vote, and the awards proposed for each member, matched to the
//! issuer's catalogue ("suy tôn huyện Na Rì nhận Cờ thi đua", "Bằng khen
//! cho huyện Chợ Mới và huyện Pác Nặm").

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{Sentence, clauses, fold, pattern};
use super::units::{Members, Mention};
use super::{Award, AwardChoice, Found, Named, Rank};

static RANK: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:xep|dat|dung|duoc xep)?\s*(?:hang|thu|giai|vi tri)\s+(nhat|nhi|ba|1|2|3|i|ii|iii)\b|\b(dan dau)\b|\b(xuat sac nhat)\s+(?:cum|khoi|trong cum|trong khoi)",
    )
});

/// Rule `rank_named`: a place in the ranking, for the member named just
/// before it in the clause (or just after, "Giải Nhất thuộc về …").
pub fn ranks(sentences: &[Sentence], members: &Members) -> Vec<Found<Rank>> {
    let mut out: Vec<Found<Rank>> = Vec::new();
    for s in sentences {
        let mentions = members.mentions(s);
        for (a, b) in clauses(&s.folded) {
            let clause = &s.folded[a..b];
            for c in RANK.captures_iter(clause) {
                let rank = match c.get(1).map(|m| m.as_str()) {
                    Some("nhat" | "1" | "i") => 1,
                    Some("nhi" | "2" | "ii") => 2,
                    Some("ba" | "3" | "iii") => 3,
                    Some(_) => continue,
                    None => 1,
                };
                let at = a + c.get(0).map_or(0, |m| m.start());
                let end = a + c.get(0).map_or(0, |m| m.end());
                let after = mentions.iter().find(|m| m.start >= end && m.end <= b);
                let before = mentions.iter().rfind(|m| m.start >= a && m.end <= at);
                // "thứ Ba là thành phố Lạng Sơn": the member after "là".
                let names_after = [" la ", " thuoc ve ", ": ", " gom "]
                    .iter()
                    .any(|w| s.folded[end..].starts_with(w));
                let unit = if names_after {
                    after.or(before)
                } else {
                    before.or(after)
                };
                let Some(unit) = unit else { continue };
                if out.iter().any(|r| r.value.unit.id == unit.unit.id) {
                    continue;
                }
                out.push(Found::new(
                    Rank {
                        unit: unit.unit.clone(),
                        rank,
                    },
                    s,
                    "rank_named",
                ));
            }
        }
    }
    out
}

static UNANIMOUS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:bo phieu|bieu quyet)\b[^.;]{0,40}\b(?:thong nhat|nhat tri|100%)|100\s*%\s*(?:so\s+)?(?:dai bieu|phieu|thanh vien|don vi)|\b(?:thong nhat|nhat tri)\s+(?:cao\s+|100%\s+)?(?:suy ton|binh chon|binh xet|de nghi)",
    )
});

/// Rule `unanimous_vote`: "bỏ phiếu thống nhất suy tôn", "100% đại biểu
/// nhất trí", in a sentence about the vote on awards.
pub fn unanimous(sentences: &[Sentence]) -> Option<Found<bool>> {
    sentences.iter().find_map(|s| {
        let about_awards = [
            "suy ton",
            "binh xet",
            "binh chon",
            "bo phieu",
            "bieu quyet",
            "co thi dua",
            "bang khen",
            "giay khen",
        ]
        .iter()
        .any(|w| s.folded.contains(w));
        (about_awards && UNANIMOUS.is_match(&s.folded))
            .then(|| Found::new(true, s, "unanimous_vote"))
    })
}

/// A catalogue kind split into the words of its form ("cờ thi đua") and
/// its issuer's words.
struct KindWords {
    kind: Named,
    form: String,
    issuer: BTreeSet<String>,
}

/// Abbreviations of issuers written out, folded, so that "UBND tỉnh" and
/// "Ủy ban nhân dân tỉnh" share their words.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("ubmttq", "uy ban mat tran to quoc"),
    ("mttq", "mat tran to quoc"),
    ("tw", "trung uong"),
    ("ttg", "thu tuong"),
    ("ldld", "lien doan lao dong"),
    ("tld", "tong lien doan"),
    ("tp", "thanh pho"),
];

/// The words of an issuer, abbreviations written out.
fn issuer_words(folded: &str) -> BTreeSet<String> {
    folded
        .split(' ')
        .flat_map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            match ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
                Some((_, full)) => full.split(' ').map(str::to_string).collect::<Vec<_>>(),
                None => vec![w.to_string()],
            }
        })
        .filter(|w| !w.is_empty() && w != "cua")
        .collect()
}

fn kind_words(kinds: &[AwardChoice]) -> Vec<KindWords> {
    kinds
        .iter()
        .map(|k| {
            let folded = fold(&k.name);
            let (form, issuer) = match folded.split_once(" cua ") {
                Some((form, issuer)) => (form.to_string(), issuer.to_string()),
                None => (folded.clone(), fold(&k.issuer)),
            };
            let mut issuer_words: BTreeSet<String> =
                issuer.split(' ').map(str::to_string).collect();
            issuer_words.extend(fold(&k.issuer).split(' ').map(str::to_string));
            issuer_words.retain(|w| !w.is_empty());
            KindWords {
                kind: Named {
                    id: k.id,
                    name: k.name.clone(),
                },
                form,
                issuer: issuer_words,
            }
        })
        .collect()
}

/// Where an award is named in a clause, and the kind it is when the words
/// fit one kind of the catalogue.
struct AwardAt {
    start: usize,
    end: usize,
    kind: Option<Named>,
    written: String,
}

/// Words that say the clause proposes an award.
const PROPOSING: &[&str] = &[
    "de nghi",
    "suy ton",
    "binh xet",
    "binh chon",
    "de xuat",
    "nhan co",
    "nhan bang",
    "xet tang",
    "nhan giay",
    "nhan danh hieu",
    "trinh",
];
/// Words of an award already given, not proposed.
const GIVEN: &[&str] = &[
    "duoc tang",
    "da duoc",
    "trao tang",
    "trao co",
    "trao bang",
    "vinh du",
];

/// "được UBND thành phố tặng": an award already given, its issuer between.
static GIVEN_BY: LazyLock<Regex> = LazyLock::new(|| pattern(r"\bduoc\s+(?:\S+\s+){1,5}tang\b"));

fn awards_in(s: &Sentence, a: usize, b: usize, kinds: &[KindWords]) -> Vec<AwardAt> {
    let clause = &s.folded[a..b];
    let mut forms: Vec<&str> = kinds.iter().map(|k| k.form.as_str()).collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    let mut out: Vec<AwardAt> = Vec::new();
    for form in forms {
        for (at, _) in clause.match_indices(form) {
            let (start, end) = (a + at, a + at + form.len());
            if out.iter().any(|x| x.start < end && start < x.end) {
                continue;
            }
            if s.folded[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            // The issuer: "… của UBND tỉnh" after, or "đề nghị Chính phủ
            // tặng …" before.
            let after = &s.folded[end..b];
            let issuer_after = after.strip_prefix(" cua ").map(|rest| {
                let stop = [",", ";", " cho ", " va ", " nam ", " de ", "."]
                    .iter()
                    .filter_map(|w| rest.find(w))
                    .min()
                    .unwrap_or(rest.len());
                rest[..stop].to_string()
            });
            let before = &s.folded[a..start];
            let issuer_before =
                before
                    .rfind("de nghi ")
                    .map(|i| &before[i + 8..])
                    .and_then(|rest| {
                        rest.rsplit_once(" tang")
                            .map(|(issuer, _)| issuer.to_string())
                    });
            let issuer = issuer_after.clone().or(issuer_before).unwrap_or_default();
            let written_end = issuer_after.map_or(end, |i| end + 5 + i.len());
            let kind = choose(kinds, form, &issuer);
            out.push(AwardAt {
                start,
                end: written_end,
                kind,
                written: s.original(start, written_end).to_string(),
            });
        }
    }
    out.sort_by_key(|x| x.start);
    out
}

/// The catalogue kind of this form whose issuer the written issuer fits
/// best; None when two fit as well or the written issuer fits none.
fn choose(kinds: &[KindWords], form: &str, issuer: &str) -> Option<Named> {
    let written = issuer_words(issuer);
    let candidates: Vec<&KindWords> = kinds.iter().filter(|k| k.form == form).collect();
    if written.is_empty() {
        return match candidates.as_slice() {
            [only] => Some(only.kind.clone()),
            _ => None,
        };
    }
    let score = |k: &KindWords| -> (usize, i64) {
        let shared = written.iter().filter(|w| k.issuer.contains(*w)).count();
        let missing = k.issuer.len() as i64 - shared as i64;
        (shared, -missing)
    };
    let mut best: Vec<(&KindWords, (usize, i64))> =
        candidates.iter().map(|k| (*k, score(k))).collect();
    best.sort_by_key(|b| std::cmp::Reverse(b.1));
    match best.as_slice() {
        [(k, (shared, _))] if *shared > 0 => Some(k.kind.clone()),
        [(k, s1), (_, s2), ..] if s1.0 > 0 && s1 > s2 => Some(k.kind.clone()),
        _ => None,
    }
}

/// Rule `award_for_units`: in a clause that proposes, each member named
/// goes with the award named after it ("… nhận Cờ thi đua"), or with the
/// award before it when "cho" links them ("tặng Bằng khen cho …").
pub fn awards(
    sentences: &[Sentence],
    members: &Members,
    catalogue: &[AwardChoice],
) -> (Vec<Found<Award>>, Vec<Found<String>>) {
    let kinds = kind_words(catalogue);
    let mut out: Vec<Found<Award>> = Vec::new();
    let mut unmatched = Vec::new();
    for s in sentences {
        let f = s.folded.as_str();
        let proposing = PROPOSING.iter().any(|w| f.contains(w));
        let given = GIVEN.iter().any(|w| f.contains(w)) || GIVEN_BY.is_match(f);
        if !proposing || (given && !["de nghi", "suy ton"].iter().any(|w| f.contains(w))) {
            continue;
        }
        let mentions = members.mentions(s);
        for (a, b) in clauses(f) {
            let found = awards_in(s, a, b, &kinds);
            if found.is_empty() {
                continue;
            }
            let here: Vec<&Mention> = mentions
                .iter()
                .filter(|m| m.start >= a && m.end <= b)
                .collect();
            if here.is_empty() {
                for name in unknown_places(s, a, b, &mentions) {
                    unmatched.push(Found::new(name, s, "award_for_units").unsure());
                }
                continue;
            }
            for m in here {
                let Some(award) = award_of(f, m, &found) else {
                    continue;
                };
                if out
                    .iter()
                    .any(|x| x.value.unit.id == m.unit.id && x.value.written == award.written)
                {
                    continue;
                }
                let mut item = Found::new(
                    Award {
                        unit: m.unit.clone(),
                        kind: award.kind.clone(),
                        written: award.written.clone(),
                    },
                    s,
                    "award_for_units",
                );
                if award.kind.is_none() {
                    item = item.unsure();
                }
                out.push(item);
            }
        }
    }
    (out, unmatched)
}

fn award_of<'a>(f: &str, m: &Mention, found: &'a [AwardAt]) -> Option<&'a AwardAt> {
    if found.len() == 1 {
        return found.first();
    }
    // "tặng Bằng khen cho huyện X": the award before, linked by "cho".
    if let Some(before) = found.iter().rev().find(|x| x.end <= m.start) {
        let between = &f[before.end..m.start];
        if between.contains("cho ")
            && !found
                .iter()
                .any(|x| x.start > before.end && x.end <= m.start)
        {
            return Some(before);
        }
    }
    found.iter().find(|x| x.start >= m.end)
}

static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"\b(?:huyen|thi xa|thanh pho|tp\.?|tinh|xa|phuong|thi tran|quan)\s+")
});

/// Places named in a clause that are no member: "huyện Ba Chẽ" in a
/// cluster that has no Ba Chẽ is shown to the clerk, not dropped.
pub fn unknown_places(s: &Sentence, a: usize, b: usize, mentions: &[Mention]) -> Vec<String> {
    let mut out = Vec::new();
    for m in PLACE.find_iter(&s.folded[a..b]) {
        let start = a + m.start();
        let name_at = a + m.end();
        if mentions.iter().any(|x| x.start <= start && start < x.end) || !s.capitalised_at(name_at)
        {
            continue;
        }
        let rest = s.original(start, b);
        let words: Vec<&str> = rest.split(' ').collect();
        let mut name = vec![words[0]];
        for w in &words[1..] {
            let clean = w.trim_end_matches([',', ';', '.', ')']);
            if !clean.chars().next().is_some_and(char::is_uppercase) || name.len() > 4 {
                break;
            }
            name.push(clean);
            if clean.len() != w.len() {
                break;
            }
        }
        if name.len() > 1 {
            out.push(name.join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefill::text::sentences;
    use crate::prefill::units::members;

    fn catalogue(names: &[(&str, &str)]) -> Vec<AwardChoice> {
        names
            .iter()
            .enumerate()
            .map(|(i, (n, issuer))| AwardChoice {
                id: i as i32 + 10,
                name: n.to_string(),
                issuer: issuer.to_string(),
            })
            .collect()
    }

    fn pairs(text: &str, m: &Members, c: &[AwardChoice]) -> Vec<(String, Option<String>)> {
        awards(&sentences(text), m, c)
            .0
            .into_iter()
            .map(|a| (a.value.unit.name, a.value.kind.map(|k| k.name)))
            .collect()
    }

    #[test]
    fn one_sentence_names_a_flag_and_two_certificates() {
        let m = members(&["huyện Na Rì", "huyện Chợ Mới", "huyện Pác Nặm"]);
        let c = catalogue(&[
            ("Cờ thi đua của UBND tỉnh", "UBND tỉnh"),
            ("Bằng khen của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh"),
        ]);
        let text = "Kết quả bỏ phiếu thống nhất: đơn vị  huyện Na Rì được suy tôn nhận Cờ thi đua của UBND tỉnh; Bằng khen của UBND tỉnh dành cho huyện Chợ Mới và huyện Pác Nặm.";
        assert_eq!(
            pairs(text, &m, &c),
            [
                (
                    "huyện Na Rì".to_string(),
                    Some("Cờ thi đua của UBND tỉnh".to_string())
                ),
                (
                    "huyện Chợ Mới".to_string(),
                    Some("Bằng khen của Chủ tịch UBND tỉnh".to_string())
                ),
                (
                    "huyện Pác Nặm".to_string(),
                    Some("Bằng khen của Chủ tịch UBND tỉnh".to_string())
                ),
            ]
        );
        assert!(unanimous(&sentences(text)).is_some());
    }

    #[test]
    fn the_issuer_before_the_award_chooses_between_government_and_prime_minister() {
        let m = members(&[
            "tỉnh Bình Định",
            "tỉnh Đắk Nông",
            "tỉnh Quảng Ngãi",
            "tỉnh Đắk Lắk",
        ]);
        let c = catalogue(&[
            ("Cờ thi đua của Chính phủ", "Chính phủ"),
            ("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
            ("Cờ thi đua của UBND tỉnh", "UBND tỉnh"),
        ]);
        let text = "Sau bình xét, hội nghị suy tôn và đề nghị Chính phủ tặng Cờ Thi đua cho tỉnh Bình Định, Đắk Nông; đề nghị Thủ tướng Chính phủ tặng Bằng khen cho hai tỉnh Quảng Ngãi, Đắk Lắk.";
        let got = pairs(text, &m, &c);
        assert_eq!(got.len(), 4);
        assert_eq!(
            got[1],
            (
                "tỉnh Đắk Nông".to_string(),
                Some("Cờ thi đua của Chính phủ".to_string())
            )
        );
        assert_eq!(
            got[3],
            (
                "tỉnh Đắk Lắk".to_string(),
                Some("Bằng khen của Thủ tướng Chính phủ".to_string())
            )
        );
        assert!(unanimous(&sentences(text)).is_none());
    }

    #[test]
    fn cho_links_the_units_after_an_award_and_an_unknown_place_is_kept() {
        let m = members(&["huyện A Lưới", "huyện Phú Vang", "huyện Phú Lộc"]);
        let c = catalogue(&[
            ("Cờ thi đua của UBND tỉnh", "UBND tỉnh"),
            ("Bằng khen của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh"),
        ]);
        let text = "Hội nghị thống nhất đề nghị UBND tỉnh tặng Cờ thi đua cho huyện A Lưới, Bằng khen cho huyện Phú Vang và huyện Phú Lộc.";
        let got = pairs(text, &m, &c);
        assert_eq!(got[0].1.as_deref(), Some("Cờ thi đua của UBND tỉnh"));
        assert_eq!(
            got[2],
            (
                "huyện Phú Lộc".to_string(),
                Some("Bằng khen của Chủ tịch UBND tỉnh".to_string())
            )
        );
        let (_, unknown) = awards(
            &sentences("Hội nghị suy tôn huyện Nam Đông nhận Cờ thi đua của UBND tỉnh."),
            &m,
            &c,
        );
        assert_eq!(unknown[0].value, "huyện Nam Đông");
    }

    #[test]
    fn an_abbreviated_issuer_matches_the_catalogue_written_out() {
        let m = members(&["huyện Na Rì"]);
        let c = catalogue(&[
            ("Cờ thi đua của Chính phủ", "Chính phủ"),
            (
                "Cờ thi đua của Ủy ban nhân dân tỉnh",
                "Ủy ban nhân dân tỉnh",
            ),
        ]);
        let text = "Hội nghị suy tôn huyện Na Rì nhận Cờ thi đua của UBND tỉnh.";
        assert_eq!(
            pairs(text, &m, &c)[0].1.as_deref(),
            Some("Cờ thi đua của Ủy ban nhân dân tỉnh")
        );
    }

    #[test]
    fn an_award_already_given_in_the_year_is_not_a_proposal() {
        let m = members(&["phường Ngọc Sơn"]);
        let c = catalogue(&[("Cờ thi đua của UBND thành phố", "UBND thành phố")]);
        let text = "Trình bày báo cáo, ông Nguyễn Văn Hinh, Chủ tịch UBND phường Ngọc Sơn, cho biết trong năm qua toàn cụm có 1 tập thể được UBND thành phố tặng Cờ thi đua.";
        assert!(pairs(text, &m, &c).is_empty());
    }

    #[test]
    fn a_rank_before_la_goes_to_the_member_after_it() {
        let m = members(&["huyện Bắc Sơn", "huyện Hữu Lũng", "thành phố Lạng Sơn"]);
        let text = "Các đại biểu thống nhất suy tôn huyện Bắc Sơn đứng thứ Nhất Cụm; xếp thứ Nhì là Hữu Lũng, thứ Ba là thành phố Lạng Sơn.";
        let r: Vec<(String, u32)> = ranks(&sentences(text), &m)
            .into_iter()
            .map(|r| (r.value.unit.name, r.value.rank))
            .collect();
        assert_eq!(
            r,
            [
                ("huyện Bắc Sơn".to_string(), 1),
                ("huyện Hữu Lũng".to_string(), 2),
                ("thành phố Lạng Sơn".to_string(), 3)
            ]
        );
    }

    #[test]
    fn the_best_of_the_cluster_ranks_first() {
        let m = members(&["huyện An Lão", "huyện Hoài Ân"]);
        let text = "Qua bình chọn, huyện An Lão là đơn vị xuất sắc nhất Cụm năm 2022, được đề nghị UBND tỉnh tặng cờ thi đua.";
        let r = ranks(&sentences(text), &m);
        assert_eq!(
            (r[0].value.unit.name.as_str(), r[0].value.rank),
            ("huyện An Lão", 1)
        );
        let c = catalogue(&[("Cờ thi đua của UBND tỉnh", "UBND tỉnh")]);
        assert_eq!(
            pairs(text, &m, &c),
            [(
                "huyện An Lão".to_string(),
                Some("Cờ thi đua của UBND tỉnh".to_string())
            )]
        );
    }
}
