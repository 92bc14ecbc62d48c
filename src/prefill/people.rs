//! Who presided, who attended as a guest, who reported: personal names
//! with their titles and organisations, and this year's chair and vice
//! chair read from the titles they spoke with.

use super::text::{Sentence, fold};
use super::units::{Members, split_kind};
use super::{Found, Person};

/// Family names in lower case with their diacritics (folded, "Trương"
/// would be "Trưởng" and "Chu" would be "Chủ"): a capitalised run
/// starting with one of these, with a cue around it, is a person.
const SURNAMES: &[&str] = &[
    "nguyễn",
    "trần",
    "lê",
    "phạm",
    "hoàng",
    "huỳnh",
    "phan",
    "vũ",
    "võ",
    "đặng",
    "bùi",
    "đỗ",
    "hồ",
    "ngô",
    "dương",
    "lý",
    "đinh",
    "đoàn",
    "lâm",
    "mai",
    "trịnh",
    "trương",
    "đào",
    "cao",
    "hà",
    "lương",
    "tạ",
    "tô",
    "chu",
    "nông",
    "lò",
    "quách",
    "thái",
    "kiều",
    "la",
    "triệu",
    "lưu",
    "vương",
    "châu",
    "hứa",
    "âu",
    "giáp",
    "lục",
    "hầu",
    "mạc",
    "tăng",
    "thân",
    "khổng",
    "lã",
    "lại",
    "tống",
    "từ",
    "bế",
    "ma",
    "sầm",
    "liêu",
    "ninh",
    "phùng",
    "khúc",
    "ông",
    "tiêu",
    "kim",
    "thạch",
    "danh",
    "lăng",
    "vi",
    "y",
    "ksor",
    "rmah",
    "siu",
    "niê",
    "điểu",
    "lữ",
    "hoa",
    "quan",
    "nghiêm",
    "văn",
    "tôn",
    "uông",
    "đàm",
    "lành",
    "diệp",
    "dư",
    "bạch",
    "an",
    "mẫn",
    "thiều",
    "cù",
    "ứng",
    "lô",
    "hàn",
    "giang",
    "doãn",
    "trình",
    "tào",
    "cung",
    "viên",
    "đường",
    "mã",
    "lạc",
    "thào",
    "sùng",
    "vàng",
    "giàng",
    "hờ",
    "mùa",
    "lầu",
    "đèo",
    "quàng",
    // Cơ Tu and other names of the Central Highlands: "A Lăng Mai".
    "a",
    "alăng",
    "bhling",
    "briu",
    "zơ",
    "coor",
    "pơloong",
];

/// Words right before a name that say a person follows.
const HONORIFICS: &[&str] = &[
    "dong chi",
    "d/c",
    "ong",
    "ba",
    "thuong tuong",
    "trung tuong",
    "thieu tuong",
    "dai tuong",
    "dai ta",
    "thuong ta",
    "trung ta",
    "thieu ta",
    "gs",
    "pgs",
    "ts",
    "ths",
    "pgs.ts",
    "gs.ts",
    "nha giao",
    "bac si",
];

/// Words a title starts with, folded.
const TITLE_WORDS: &[&str] = &[
    "chu tich",
    "pho chu tich",
    "bi thu",
    "pho bi thu",
    "truong",
    "pho truong",
    "giam doc",
    "pho giam doc",
    "thu truong",
    "bo truong",
    "uy vien",
    "tinh uy vien",
    "chanh",
    "pho chanh",
    "tong",
    "cum truong",
    "khoi truong",
    "chu nhiem",
    "pho chu nhiem",
    "dai bieu",
    "uv",
    "thuong truc",
    "can bo",
    "chuyen vien",
    "tong bi thu",
    "ung vien",
    "thanh uy vien",
    "huyen uy vien",
    "truong ban",
    "pho ban",
    "pho truong ban",
    "chi cuc truong",
    "cuc truong",
    "vu truong",
    "vien truong",
];

/// The heads of an organisation's name inside a title, as written.
const ORGANISATION_HEADS: &[&str] = &[
    "ubnd",
    "hdnd",
    "huyen uy",
    "tinh uy",
    "thanh uy",
    "dang uy",
    "bo ",
    "ban ",
    "so ",
    "hoi ",
    "lien doan",
    "uy ban",
    "mat tran",
    "ubmttq",
    "cong an",
    "van phong",
    "benh vien",
    "trung tam",
    "cuc ",
    "chi cuc",
    "vu ",
    "tong cong ty",
    "cong ty",
    "doan ",
    "quan khu",
    "bo chi huy",
    "vien ",
];

/// Where in a sentence a personal name was found (written byte range).
struct NameAt {
    start: usize,
    end: usize,
    name: String,
}

fn words_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..at]));
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.trim_start_matches(['(', '"', '\u{201c}'])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

fn is_surname(word: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = bare(word).nfc().collect::<String>().to_lowercase();
    SURNAMES.contains(&lower.as_str())
}

fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
}

/// Personal names in a sentence: a family name and one to three given
/// names, all capitalised, with an honorific before, a title before or a
/// title after.
fn names(s: &Sentence, members: &Members) -> Vec<NameAt> {
    let words = words_with_offsets(&s.text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i].1;
        if !is_capitalised(word) || !is_surname(word) {
            i += 1;
            continue;
        }
        // The capitalised run from here, up to punctuation.
        let mut run = vec![i];
        let mut k = i;
        while !ends_with_punctuation(words[k].1)
            && !words[k].1.contains('-')
            && k + 1 < words.len()
            && is_capitalised(words[k + 1].1)
            && run.len() < 6
        {
            k += 1;
            run.push(k);
        }
        let mut first = 0;
        // "huyện Vũ Quang Bùi Khắc Bằng": a place comes first.
        let before_word = i.checked_sub(1).map(|b| fold(bare(words[b].1)));
        let after_kind = before_word.as_deref().is_some_and(|w| {
            split_kind(&format!("{w} x")).is_some() || ["uy", "ubnd"].contains(&w)
        });
        for take in (1..=3).rev() {
            if run.len() > take {
                let phrase: Vec<&str> = run[..take].iter().map(|&w| bare(words[w].1)).collect();
                let phrase = phrase.join(" ");
                // After a kind word, two capitalised words are a place
                // ("tỉnh Hà Tĩnh"), three a person ("tỉnh Nguyễn Văn
                // Hùng"), more a place and then a person.
                if members.find(&phrase).is_some() || (after_kind && take == 2 && run.len() >= 4) {
                    first = take;
                    break;
                }
            }
        }
        // "Ông Đoàn Văn Thông" opening a sentence: the honorific, not the
        // family name Ông.
        if first == 0
            && run.len() >= 3
            && fold(bare(words[run[0]].1)) == "ong"
            && is_surname(words[run[1]].1)
        {
            first = 1;
        }
        if first == 0 && after_kind && run.len() == 2 {
            i = k + 1;
            continue;
        }
        let run = &run[first..];
        if run.len() < 2 || run.len() > 5 || !is_surname(words[run[0]].1) {
            i = k + 1;
            continue;
        }
        let name_start = words[run[0]].0;
        let last = words[*run.last().unwrap_or(&run[0])];
        // "Vĩnh-Tỉnh ủy viên": a title glued to the name by a hyphen.
        let last_word = last.1.split('-').next().unwrap_or(last.1);
        let name_end = last.0
            + last_word
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len();
        let name = s.text[name_start..name_end].to_string();
        if members.find(&name).is_none() && has_cue(s, name_start, name_end) {
            out.push(NameAt {
                start: name_start,
                end: name_end,
                name,
            });
        }
        i = k + 1;
    }
    out
}

fn ends_with_punctuation(word: &str) -> bool {
    word.ends_with([',', ';', ':', '.', ')', '-', '\u{201d}', '"'])
}

/// An honorific right before, a title before in the same phrase, or a
/// title right after the name.
fn has_cue(s: &Sentence, start: usize, end: usize) -> bool {
    let before = fold(&s.text[..start]);
    let before = before.trim_end();
    if HONORIFICS
        .iter()
        .any(|h| before.ends_with(h) && at_word_start(before, h))
    {
        return true;
    }
    let segment = before
        .rsplit([',', ';', ':', '(', '.'])
        .next()
        .unwrap_or("")
        .trim();
    let segment = segment
        .trim_start_matches("tham du co")
        .trim_start_matches("va ")
        .trim_start_matches("cung ")
        .trim();
    if TITLE_WORDS.iter().any(|t| segment.starts_with(t)) {
        return true;
    }
    let after = fold(&s.text[end..]);
    let after = after
        .trim_start_matches([' ', '-', ',', '(', ':'])
        .trim_start();
    TITLE_WORDS.iter().any(|t| after.starts_with(t))
}

fn at_word_start(text: &str, suffix: &str) -> bool {
    let at = text.len() - suffix.len();
    at == 0 || text[..at].ends_with([' ', ',', ';', ':', '('])
}

/// Words that end a title: what the person did.
const VERBS: &[&str] = &[
    " tham du",
    " cung du",
    " den du",
    " ve du",
    " toi du",
    " du va",
    " du chi dao",
    " du hoi nghi",
    " du ",
    " cung chu tri",
    " dong chu tri",
    " chu tri",
    " phat bieu",
    " bao cao",
    " trao",
    " khai mac",
    " chu toa",
    " ghi nhan",
    " de nghi",
    " nhan manh",
    " chuc mung",
    " trinh bay",
    " thong qua",
];

/// The title around a name: after it (", Phó Chủ tịch UBND tỉnh, …") up
/// to the clause's end or the verb; else the title before it.
fn title_of(s: &Sentence, at: &NameAt) -> String {
    let after_text = &s.text[at.end..];
    let after_text = after_text.trim_start_matches([' ', '-', ',', '(', ':']);
    let cut = after_text.find([';', ')', '.']).unwrap_or(after_text.len());
    let mut after = after_text[..cut].trim().to_string();
    let folded = fold(&after);
    if !TITLE_WORDS.iter().any(|t| folded.starts_with(t)) {
        after.clear();
    } else if let Some(v) = VERBS
        .iter()
        .filter_map(|v| format!(" {folded} ").find(v))
        .min()
    {
        after = cut_at_folded(&after, v.saturating_sub(1));
    }
    let before_text = &s.text[..at.start];
    let segment_start = before_text.rfind([',', ';', ':', '(']).map_or(0, |p| p + 1);
    let mut before = before_text[segment_start..].trim().to_string();
    for lead in [
        "Tham dự có",
        "tham dự có",
        "và",
        "cùng",
        "đồng chí",
        "Đồng chí",
        "ông",
        "Ông",
        "bà",
        "Bà",
    ] {
        if let Some(rest) = before.strip_prefix(lead) {
            before = rest.trim().to_string();
        }
    }
    if !TITLE_WORDS.iter().any(|t| fold(&before).starts_with(t)) {
        before.clear();
    }
    let title = match (before.is_empty(), after.is_empty()) {
        (false, false) => format!("{before}, {after}"),
        (false, true) => before,
        _ => after,
    };
    title.trim_end_matches([',', ' ', '-']).to_string()
}

/// The written text up to the folded byte position of the same text.
fn cut_at_folded(text: &str, folded_at: usize) -> String {
    let (_, map) = super::text::fold_with_map(text);
    let at = map.get(folded_at).copied().unwrap_or(text.len());
    text[..at].trim().to_string()
}

/// The organisation in a title: the last part that names one ("Bí thư
/// Huyện ủy An Lão" → "Huyện ủy An Lão").
fn organisation_of(title: &str) -> String {
    for part in title.rsplit(',') {
        let part = part.trim();
        let folded = fold(part);
        if folded.contains("cum") || folded.contains("khoi thi dua") {
            continue;
        }
        let head = ORGANISATION_HEADS
            .iter()
            .filter_map(|h| {
                let h = h.trim_end();
                folded
                    .match_indices(h)
                    .find(|(i, _)| *i == 0 || folded.as_bytes()[i - 1] == b' ')
                    .map(|(i, _)| i)
            })
            .min();
        if let Some(i) = head {
            return cut_from_folded(part, i);
        }
    }
    String::new()
}

fn cut_from_folded(text: &str, folded_at: usize) -> String {
    let (_, map) = super::text::fold_with_map(text);
    let at = map.get(folded_at).copied().unwrap_or(0);
    text[at..].trim().to_string()
}

fn has_any(folded: &str, words: &[&str]) -> bool {
    let padded = format!(" {folded} ");
    words.iter().any(|w| padded.contains(w))
}

const PRESIDING: &[&str] = &[" chu tri", " chu toa"];
const ATTENDING: &[&str] = &[
    " tham du",
    " cung du",
    " den du",
    " ve du",
    " toi du",
    " du va chi dao",
    " du chi dao",
    " du hoi nghi",
    " du le",
    " du buoi",
    " du.",
];

/// Rule `people_by_role`: names in a sentence that presided ("chủ trì",
/// "đồng chủ trì"), that attended ("dự", "tham dự", "cùng dự", and the
/// list that follows "Tham dự gồm có:"), that reported or spoke.
pub fn people(sentences: &[Sentence], members: &Members) -> Vec<Found<Person>> {
    let mut out: Vec<Found<Person>> = Vec::new();
    let mut attendance_list = false;
    for s in sentences {
        let f = s.folded.as_str();
        let presiding = has_any(f, PRESIDING);
        let attending = has_any(f, ATTENDING);
        let opens_with_person =
            f.starts_with("dong chi") || f.starts_with("ong ") || f.starts_with("ba ");
        let continues_list = attendance_list && opens_with_person && !presiding;
        for at in names(s, members) {
            let title = title_of(s, &at);
            let role = if presiding && role_clause_has(s, &at, PRESIDING, attending) {
                "presiding"
            } else if attending || continues_list {
                "guest"
            } else if has_any(&fold(&s.text[at.end..]), &[" bao cao"]) {
                "reporter"
            } else if has_any(f, &[" phat bieu", " phat bieu chi dao"]) {
                "speaker"
            } else {
                continue;
            };
            let unit = {
                let tsentence = Sentence::new(&title, 0);
                members
                    .mentions(&tsentence)
                    .into_iter()
                    .next()
                    .map(|m| m.unit)
            };
            let person = Person {
                role,
                name: at.name.clone(),
                organisation: organisation_of(&title),
                title,
                unit,
            };
            merge(&mut out, Found::new(person, s, "people_by_role"));
        }
        if attending && f.contains("tham du") {
            attendance_list = true;
        } else if !continues_list {
            attendance_list = false;
        }
    }
    out
}

/// In a sentence naming both who presided and who attended, only the
/// clause (between semicolons) with "chủ trì" presided.
fn role_clause_has(s: &Sentence, at: &NameAt, words: &[&str], mixed: bool) -> bool {
    if !mixed {
        return true;
    }
    let folded_at = s.folded.len().min(fold(&s.text[..at.start]).len());
    let clauses = super::text::clauses(&s.folded);
    clauses
        .iter()
        .find(|(a, b)| *a <= folded_at && folded_at <= *b)
        .is_some_and(|(a, b)| has_any(&s.folded[*a..*b], words))
}

fn rank_of(role: &str) -> u8 {
    match role {
        "presiding" => 0,
        "guest" => 1,
        "reporter" => 2,
        _ => 3,
    }
}

/// One person once, with the strongest role and the longest title seen.
fn merge(out: &mut Vec<Found<Person>>, found: Found<Person>) {
    let key = fold(&found.value.name);
    if let Some(existing) = out.iter_mut().find(|p| fold(&p.value.name) == key) {
        if found.value.title.len() > existing.value.title.len() {
            existing.value.title = found.value.title.clone();
            existing.value.organisation = found.value.organisation.clone();
            if existing.value.unit.is_none() {
                existing.value.unit = found.value.unit.clone();
            }
        }
        if rank_of(found.value.role) < rank_of(existing.value.role) {
            existing.value.role = found.value.role;
            existing.sentence = found.sentence;
        }
        return;
    }
    out.push(found);
}

/// Rule `chair_by_title`: the person whose title says "Cụm trưởng" (or
/// "Trưởng khối") speaks for this year's chair; "Phó Trưởng cụm", "Cụm
/// phó" for the vice chair. Only a member named in the title counts.
pub fn chairs_of_the_year(
    people: &[Found<Person>],
) -> (Option<Found<Person>>, Option<Found<Person>>) {
    let mut chair = None;
    let mut vice = None;
    for p in people {
        if p.value.unit.is_none() {
            continue;
        }
        let t = format!(" {} ", fold(&p.value.title));
        let is_vice = [
            " pho truong cum",
            " cum pho",
            " pho cum truong",
            " khoi pho",
            " pho truong khoi",
            " pho khoi truong",
        ]
        .iter()
        .any(|w| t.contains(w));
        let is_chair = !is_vice
            && [" cum truong", " truong cum", " khoi truong", " truong khoi"]
                .iter()
                .any(|w| t.contains(w));
        let mut found = p.clone();
        found.rule = "chair_by_title";
        if is_vice && vice.is_none() {
            vice = Some(found);
        } else if is_chair && chair.is_none() {
            chair = Some(found);
        }
    }
    (chair, vice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefill::text::sentences;
    use crate::prefill::units::members;

    fn roles(text: &str, m: &Members) -> Vec<(String, &'static str, String)> {
        people(&sentences(text), m)
            .into_iter()
            .map(|p| (p.value.name, p.value.role, p.value.title))
            .collect()
    }

    #[test]
    fn two_who_co_presided_are_both_presiding_with_their_titles() {
        let m = members(&["thành phố Bắc Kạn", "huyện Na Rì"]);
        let text = "Chiều 7/2, Cụm họp tổng kết tại thành phố Bắc Kạn. Đồng chí Dương Hữu Bường, Chủ tịch UBND Thành phố Bắc Kạn, Cụm trưởng; Đồng chí Nông Văn Nguyên – Chủ tịch UBND huyện Na Rì, Phó Bí thư Huyện uỷ, Phó Trưởng cụm thi đua cùng chủ trì.";
        let found = people(&sentences(text), &m);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].value.name, "Dương Hữu Bường");
        assert_eq!(found[0].value.role, "presiding");
        assert_eq!(
            found[1].value.title,
            "Chủ tịch UBND huyện Na Rì, Phó Bí thư Huyện uỷ, Phó Trưởng cụm thi đua"
        );
        let (chair, vice) = chairs_of_the_year(&found);
        assert_eq!(chair.unwrap().value.unit.unwrap().name, "thành phố Bắc Kạn");
        assert_eq!(vice.unwrap().value.unit.unwrap().name, "huyện Na Rì");
    }

    #[test]
    fn a_guest_named_after_a_title_and_a_chair_after_a_place() {
        let m = members(&["huyện Vũ Quang", "huyện Hương Sơn"]);
        let text = "Về phía tỉnh, Trưởng ban Thi đua - khen thưởng tỉnh Nguyễn Văn Hùng về dự hội nghị. Trong phần báo cáo, Chủ tịch UBND huyện Vũ Quang Trần Minh Đức - Trưởng Cụm thi đua số 2 báo cáo những việc cụm làm được.";
        assert_eq!(
            roles(text, &m),
            [
                (
                    "Nguyễn Văn Hùng".to_string(),
                    "guest",
                    "Trưởng ban Thi đua - khen thưởng tỉnh".to_string()
                ),
                (
                    "Trần Minh Đức".to_string(),
                    "reporter",
                    "Chủ tịch UBND huyện Vũ Quang, Trưởng Cụm thi đua số 2".to_string()
                ),
            ]
        );
    }

    #[test]
    fn the_list_after_tham_du_gom_co_continues_into_the_next_sentence() {
        let m = members(&["xã Phước Kim"]);
        let text = "Tham dự gồm có: Chủ tịch UBND huyện Lê Quang Trung, người chủ trì hội nghị. Ông Đoàn Văn Thông – Bí thư Huyện ủy, Chủ tịch HĐND huyện; cùng lãnh đạo các ban, ngành của huyện.";
        let r = roles(text, &m);
        assert_eq!(r[0].0, "Lê Quang Trung");
        assert_eq!(r[0].1, "presiding");
        assert_eq!(r[1].0, "Đoàn Văn Thông");
        assert_eq!(r[1].1, "guest");
        assert_eq!(r[1].2, "Bí thư Huyện ủy, Chủ tịch HĐND huyện");
    }

    #[test]
    fn a_province_is_not_a_person_and_a_byline_is_nobody() {
        let m = members(&["tỉnh Lâm Đồng", "tỉnh Bình Định"]);
        assert!(
            roles(
                "Hội nghị nhất trí đề xuất tỉnh Bình Định giữ vai trò Cụm trưởng, còn tỉnh Lâm Đồng làm Cụm phó.",
                &m
            )
            .is_empty()
        );
        assert!(roles("Hoàng Thạc", &m).is_empty());
        let text = "Về dự và chỉ đạo có Thượng tướng Trần Quốc Tỏ - Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an.";
        let found = people(&sentences(text), &m);
        assert_eq!(
            found[0].value.title,
            "Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an"
        );
        assert_eq!(found[0].value.organisation, "Bộ Công an");
        assert_eq!(found[0].value.role, "guest");
    }
}
