//! What kind of meeting, which year it reviews, where it was held and how
//! many members came.

use std::sync::LazyLock;

use regex::Regex;

use super::Found;
use super::text::{Sentence, pattern};
use super::units::{Members, UnitRef, split_kind};

/// Rule `conference_kind`: the title and lead say what the meeting was; a
/// summary that also signs next year's covenant is a summary.
pub fn kind(sentences: &[Sentence]) -> Option<Found<&'static str>> {
    let classify = |f: &str| -> Option<&'static str> {
        let mid_year = [
            "6 thang",
            "sau thang",
            "giua nam",
            "nua nam",
            "6 thang dau nam",
        ];
        if f.contains("so ket") && mid_year.iter().any(|w| f.contains(w)) {
            Some("mid_year_review")
        } else if f.contains("tong ket") {
            Some("year_end_summary")
        } else if f.contains("ky ket giao uoc")
            || f.contains("le ky ket")
            || f.contains("ky giao uoc")
        {
            Some("covenant_signing")
        } else {
            None
        }
    };
    for (index, s) in sentences.iter().enumerate().take(4) {
        if let Some(k) = classify(&s.folded) {
            let found = Found::new(k, s, "conference_kind");
            return Some(if index < 3 { found } else { found.unsure() });
        }
    }
    sentences
        .iter()
        .find_map(|s| classify(&s.folded).map(|k| Found::new(k, s, "conference_kind").unsure()))
}

static REVIEWED_YEAR: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\b(?:tong ket|so ket)\b[^.;]{0,90}?\bnam (\d{4})"));
static COVENANT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\bky(?: ket)? giao uoc(?: thi dua)?(?: nam)? (\d{4})"));

/// Rule `reviewed_year`: "tổng kết … năm 2022" is the record of 2022; a
/// covenant signing alone is the record of the covenant's year.
pub fn report_year(sentences: &[Sentence]) -> Option<Found<i32>> {
    let read = |re: &Regex| {
        sentences.iter().take(6).find_map(|s| {
            let c = re.captures(&s.folded)?;
            let year: i32 = c.get(1)?.as_str().parse().ok()?;
            Some(Found::new(year, s, "reviewed_year"))
        })
    };
    read(&REVIEWED_YEAR).or_else(|| read(&COVENANT_YEAR))
}

/// "tại huyện An Lão, …", "tại TP. Buôn Ma Thuột (tỉnh Đắk Lắk), …",
/// "tại Hội trường Huyện uỷ Phước Sơn đã …": the phrase after "tại" up to
/// the next comma or the verb.
static AT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"\btai\s+(.+?)(?:,|;|$|\s(?:hoi nghi|da|dien ra|to chuc|cac|de|nham|voi|nam \d{4})\b)")
});

/// A locality inside a venue: a kind word (or a Party committee of one)
/// and the capitalised name after it.
static LOCALITY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:thanh pho|tp\.?|thi xa|tx\.?|thi tran|huyen uy|tinh uy|thanh uy|dang uy|huyen|tinh|xa|phuong|quan|dac khu)\s+",
    )
});

/// The locality, the venue as written and the hosting member.
pub type Where = (
    Option<Found<String>>,
    Option<Found<String>>,
    Option<Found<UnitRef>>,
);

/// Rule `meeting_place`: the locality, the venue as written and the member
/// that hosted, from the sentence that gave the date.
pub fn place(s: &Sentence, members: &Members) -> Where {
    // "Tại hội nghị, …" is where something was said, not a venue.
    let Some(m) = AT
        .captures_iter(&s.folded)
        .filter_map(|c| c.get(1))
        .find(|m| {
            !["hoi nghi", "buoi", "day", "le ", "dip"]
                .iter()
                .any(|w| m.as_str().starts_with(w))
        })
    else {
        return (None, None, None);
    };
    let (start, end) = (m.start(), m.end());
    let venue_text = s
        .original(start, end)
        .trim_end_matches(['.', ','])
        .to_string();
    let host = members
        .mentions(s)
        .into_iter()
        .find(|x| x.start >= start && x.end <= end)
        .map(|x| x.unit);
    // The locality: the first kind word in the venue and the capitalised
    // words after it; else a venue that is itself a capitalised name.
    let mut locality = None;
    for k in LOCALITY.find_iter(&s.folded[start..end]) {
        let name = capitalised_run(s, start + k.end(), end);
        if !name.is_empty() {
            locality = Some(name);
            break;
        }
    }
    if locality.is_none() && s.capitalised_at(start) {
        let name = capitalised_run(s, start, end);
        if !name.is_empty() && !name.contains("Hội") && !name.contains("Trung tâm") {
            locality = Some(name);
        }
    }
    // A venue that is a member by its bare name ("tại Vũ Quang").
    let locality = locality.or_else(|| {
        host.as_ref().and_then(|h| {
            let folded = super::text::fold(&h.name);
            split_kind(&folded).map(|_| venue_text.clone())
        })
    });
    let place = locality.map(|l| Found::new(l, s, "meeting_place"));
    let venue = Some(Found::new(venue_text, s, "meeting_place"));
    let host = host.map(|h| Found::new(h, s, "meeting_host"));
    (place, venue, host)
}

/// The capitalised words from a folded position, as written ("Buôn Ma
/// Thuột"), up to punctuation or a word in lower case.
fn capitalised_run(s: &Sentence, from: usize, limit: usize) -> String {
    let written_from = s.written(from);
    let written_limit = s.written(limit.min(s.folded.len()));
    let text = &s.text[written_from..written_limit.max(written_from)];
    let mut words = Vec::new();
    for word in text.split(' ') {
        let clean = word.trim_end_matches([',', ';', '.', ')', ':']);
        let first = clean.chars().next();
        if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || words.len() == 4 {
            break;
        }
        words.push(clean);
        if clean.len() != word.len() || word.starts_with('(') {
            break;
        }
    }
    words.join(" ")
}

static ORGANISED_BY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:do|duoc)\s+(.{0,60}?)\s*(?:,[^,;]{0,40},\s*)?(?:chu tri to chuc|dang cai|to chuc|chu tri)\b|\b(?:dang cai|don vi dang cai)\s*(?:la\s*)?:?\s*(.{0,60})",
    )
});

/// Rule `host_named`: "Hội nghị do UBND quận Kiến An, đơn vị Cụm trưởng,
/// chủ trì tổ chức", "đơn vị đăng cai là huyện X": the member named.
pub fn host_named(sentences: &[Sentence], members: &Members) -> Option<Found<UnitRef>> {
    sentences.iter().take(10).find_map(|s| {
        let c = ORGANISED_BY.captures(&s.folded)?;
        let m = c.get(1).or_else(|| c.get(2))?;
        let mention = members
            .mentions(s)
            .into_iter()
            .find(|x| x.start >= m.start() && x.end <= m.end())?;
        Some(Found::new(mention.unit, s, "host_named"))
    })
}

static PRESENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(\d{1,3}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|muoi mot|muoi hai)\s*(?:/\s*(\d{1,3})\s*)?(?:don vi|huyen|tinh|xa|phuong|thanh vien|dia phuong|co quan|so|nganh)\b",
    )
});

const PRESENCE_WORDS: &[&str] = &["tham du", "co mat", " du ", "dai dien", "lanh dao"];
/// Words that say who attended; a count needs one in its sentence.
const ATTENDANCE: &[&str] = &[
    "tham du",
    "co mat",
    " ve du",
    " den du",
    " cung du",
    " du hoi nghi",
    " du le",
    " du buoi",
];

/// Rule `members_present`: "sự tham dự của 06/6 đơn vị", "lãnh đạo 5
/// huyện", "đại diện mười đơn vị"; not above the cluster's membership.
pub fn members_present(sentences: &[Sentence], members: u32) -> Option<Found<u32>> {
    for s in sentences.iter().take(8) {
        let f = format!(" {} ", s.folded);
        let attended = ATTENDANCE.iter().any(|w| f.contains(w));
        // "cả 10 phường … cùng ký giao ước": every member signed.
        let all_signed = f.contains(" ky ket") || f.contains(" ky giao uoc");
        if !attended && !all_signed {
            continue;
        }
        for c in PRESENT.captures_iter(&s.folded) {
            let Some(n) = c.get(1).and_then(|m| count(m.as_str())) else {
                continue;
            };
            // "năm" is a year as often as it is five.
            if c.get(1).is_some_and(|m| m.as_str() == "nam") {
                continue;
            }
            let before = &s.folded[..c.get(0).map_or(0, |m| m.start())];
            let near = attended
                && PRESENCE_WORDS
                    .iter()
                    .filter_map(|w| before.rfind(w.trim()))
                    .max()
                    .is_some_and(|at| before.len() - at < 60);
            // "cả 10 phường … đều có mặt", "cả 10 phường cùng ký".
            let every = (attended || all_signed)
                && ["ca ", "tat ca ", "toan bo "]
                    .iter()
                    .any(|w| before.ends_with(w));
            let near = near || every;
            if near && n >= 1 && (members == 0 || n <= members) {
                return Some(Found::new(n, s, "members_present"));
            }
        }
    }
    None
}

/// A count in figures ("06") or words ("sáu"), folded.
pub fn count(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    let words = [
        "khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi",
    ];
    if let Some(n) = words.iter().position(|w| *w == word) {
        return u32::try_from(n).ok();
    }
    match word {
        "muoi mot" => Some(11),
        "muoi hai" => Some(12),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefill::text::sentences;
    use crate::prefill::units::members;

    #[test]
    fn a_summary_that_signs_the_covenant_is_a_summary() {
        let s = sentences(
            "Cụm thi đua các tỉnh Tây Nguyên họp tổng kết giao ước thi đua năm 2022, đồng thời ký kết giao ước cho năm 2023",
        );
        assert_eq!(kind(&s).unwrap().value, "year_end_summary");
        assert_eq!(report_year(&s).unwrap().value, 2022);
        let s =
            sentences("Khối thi đua các sở tổ chức sơ kết công tác thi đua 6 tháng đầu năm 2024");
        assert_eq!(kind(&s).unwrap().value, "mid_year_review");
    }

    #[test]
    fn the_place_names_the_city_and_the_province_hosts() {
        let m = members(&["tỉnh Đắk Lắk", "tỉnh Gia Lai"]);
        let s = sentences(
            "Sáng 30/3, Cụm thi đua họp tổng kết tại TP. Buôn Ma Thuột (tỉnh Đắk Lắk), nơi tỉnh chủ nhà đón các đoàn.",
        );
        let (place, venue, host) = place(&s[0], &m);
        assert_eq!(place.unwrap().value, "Buôn Ma Thuột");
        assert_eq!(venue.unwrap().value, "TP. Buôn Ma Thuột (tỉnh Đắk Lắk)");
        assert_eq!(host.unwrap().value.name, "tỉnh Đắk Lắk");
    }

    #[test]
    fn a_hall_of_the_district_party_committee_gives_the_district() {
        let m = members(&["xã Phước Kim"]);
        let s = sentences(
            "Hội nghị khai mạc sáng 10/3/2023 tại Hội trường Huyện uỷ Phước Sơn với đại biểu các xã.",
        );
        let (place, venue, host) = place(&s[0], &m);
        assert_eq!(place.unwrap().value, "Phước Sơn");
        assert_eq!(venue.unwrap().value, "Hội trường Huyện uỷ Phước Sơn");
        assert!(host.is_none());
    }

    #[test]
    fn a_bare_member_name_is_the_place_and_the_host() {
        let m = members(&["huyện Vũ Quang", "huyện Lộc Hà"]);
        let s =
            sentences("Ngày 7/1, tại Vũ Quang, các huyện thuộc Cụm thi đua số 2 họp tổng kết năm.");
        let (place, _, host) = place(&s[0], &m);
        assert_eq!(place.unwrap().value, "Vũ Quang");
        assert_eq!(host.unwrap().value.name, "huyện Vũ Quang");
    }

    #[test]
    fn a_hall_named_with_a_dash_is_one_venue() {
        let m = members(&[
            "Liên đoàn Lao động huyện Hàm Thuận Nam",
            "Liên đoàn Lao động huyện Hàm Tân",
        ]);
        let s = sentences(
            "Chiều 13/12/2019, tại hội trường Khối Mặt trận - Đoàn thể huyện Hàm Thuận Nam, Cụm thi đua số 2 đã tổ chức hội nghị tổng kết.",
        );
        let (place, _, host) = place(&s[0], &m);
        assert_eq!(place.unwrap().value, "Hàm Thuận Nam");
        assert_eq!(
            host.unwrap().value.name,
            "Liên đoàn Lao động huyện Hàm Thuận Nam"
        );
    }

    #[test]
    fn the_member_that_organised_hosts() {
        let m = members(&["quận Kiến An", "quận Lê Chân"]);
        let s = sentences("Hội nghị do UBND quận Kiến An, đơn vị Cụm trưởng, chủ trì tổ chức.");
        assert_eq!(host_named(&s, &m).unwrap().value.name, "quận Kiến An");
    }

    #[test]
    fn a_venue_in_a_committee_hall_names_its_commune() {
        let m = members(&["xã Cai Kinh", "xã Hòa Lạc"]);
        let s = sentences(
            "Ngày 24/12, Cụm thi đua số VII đã họp tại hội trường UBND xã Cai Kinh để tổng kết công tác thi đua.",
        );
        let (place, _, host) = place(&s[0], &m);
        assert_eq!(place.unwrap().value, "Cai Kinh");
        assert_eq!(host.unwrap().value.name, "xã Cai Kinh");
    }

    #[test]
    fn members_present_reads_a_count_with_leading_zeros_or_in_words() {
        let s = sentences("Hội nghị có sự tham dự của 06/6 đơn vị thành viên.");
        assert_eq!(members_present(&s, 6).unwrap().value, 6);
        let s = sentences("Lãnh đạo 5 huyện Trung du- Miền núi đều về tham dự.");
        assert_eq!(members_present(&s, 5).unwrap().value, 5);
        let s = sentences("Đến dự có đại diện lãnh đạo sáu đơn vị trong Khối.");
        assert_eq!(members_present(&s, 8).unwrap().value, 6);
        let s =
            sentences("Theo đó, cả 10 phường thuộc quận cùng ký giao ước thi đua với 6 chỉ tiêu.");
        assert_eq!(members_present(&s, 10).unwrap().value, 10);
        let s = sentences("Chủ tịch Hội CCB cả 10 phường, đồng thời là đảng ủy viên, đều có mặt.");
        assert_eq!(members_present(&s, 10).unwrap().value, 10);
        // "cả 04 đơn vị … vượt kế hoạch, tăng so với cùng kỳ" says nothing of attendance.
        let s = sentences(
            "Tổng giá trị sản xuất của cả 04 đơn vị trong Cụm đều vượt kế hoạch, tăng so với cùng kỳ.",
        );
        assert!(members_present(&s, 4).is_none());
        // Leaders who discussed are not a count of who attended.
        let s =
            sentences("Tại buổi lễ, lãnh đạo bốn địa phương đã thảo luận và đi đến thống nhất.");
        assert!(members_present(&s, 4).is_none());
    }
}
