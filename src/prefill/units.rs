//! Finding the cluster's members in a sentence: by their name as the
//! portal holds it ("huyện Na Rì"), without the kind word ("Na Rì"), with
//! the kind abbreviated ("TP. Bắc Kạn"), or, for an organisation's
//! committee, by the place it serves ("UBMTTQ huyện Tân Phú", "Tân Phú").

use serde::Serialize;

use super::Named;
use super::text::{Sentence, fold};

/// A member unit named in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    pub id: i32,
    pub name: String,
}

/// Where in a sentence (folded byte range) a member is named.
#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub unit: UnitRef,
}

/// Kind words as reports write them, folded, with the ones that mean the
/// same kind grouped: the first of each group is how the portal writes it.
const KIND_WORDS: &[&[&str]] = &[
    &["thanh pho", "tp.", "tp"],
    &["thi xa", "tx.", "tx"],
    &["thi tran", "tt.", "tt"],
    &["huyen"],
    &["tinh"],
    &["xa"],
    &["phuong"],
    &["quan"],
    &["dac khu"],
];

/// Words naming a Fatherland Front committee, folded, all meaning the same.
const FRONT_WORDS: &[&str] = &[
    "uy ban mat tran to quoc viet nam",
    "uy ban mat tran to quoc",
    "uy ban mttq viet nam",
    "uy ban mttqvn",
    "uy ban mttq",
    "ubmttqvn",
    "ubmttq",
    "mttqvn",
    "mttq",
    "mat tran to quoc",
    "mat tran",
];

struct Alias {
    folded: String,
    member: usize,
    /// The bare name must be written with a capital to count ("Tân Phú",
    /// not "tân phú" inside a common phrase).
    needs_capital: bool,
}

/// The members of the year and every way the report may name them.
pub struct Members {
    members: Vec<Named>,
    aliases: Vec<Alias>,
}

impl Members {
    pub fn new(members: &[Named]) -> Self {
        let mut candidates: Vec<Alias> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            for (folded, needs_capital) in aliases_of(&member.name) {
                candidates.push(Alias {
                    folded,
                    member: index,
                    needs_capital,
                });
            }
        }
        // A way of naming that fits two members names neither.
        let mut aliases: Vec<Alias> = Vec::new();
        let mut banned: Vec<String> = Vec::new();
        for alias in candidates {
            if banned.contains(&alias.folded) {
                continue;
            }
            if aliases
                .iter()
                .any(|a| a.folded == alias.folded && a.member != alias.member)
            {
                aliases.retain(|a| a.folded != alias.folded);
                banned.push(alias.folded);
                continue;
            }
            if !aliases
                .iter()
                .any(|a| a.folded == alias.folded && a.member == alias.member)
            {
                aliases.push(alias);
            }
        }
        aliases.sort_by_key(|a| std::cmp::Reverse(a.folded.len()));
        Members {
            members: members.to_vec(),
            aliases,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    fn unit(&self, index: usize) -> UnitRef {
        UnitRef {
            id: self.members[index].id,
            name: self.members[index].name.clone(),
        }
    }

    /// Every member named in the sentence, in order, the longest way of
    /// naming first where two overlap.
    pub fn mentions(&self, s: &Sentence) -> Vec<Mention> {
        let mut found: Vec<Mention> = Vec::new();
        for alias in &self.aliases {
            for (start, _) in s.folded.match_indices(alias.folded.as_str()) {
                let end = start + alias.folded.len();
                if !at_word_bounds(&s.folded, start, end) {
                    continue;
                }
                if alias.needs_capital && !s.capitalised_at(start) {
                    continue;
                }
                if found.iter().any(|m| m.start < end && start < m.end) {
                    continue;
                }
                found.push(Mention {
                    start,
                    end,
                    unit: self.unit(alias.member),
                });
            }
        }
        found.sort_by_key(|m| m.start);
        found
    }

    /// The member a whole phrase names, if exactly one.
    pub fn find(&self, phrase: &str) -> Option<UnitRef> {
        let folded = fold(phrase);
        self.aliases
            .iter()
            .find(|a| a.folded == folded)
            .map(|a| self.unit(a.member))
    }
}

/// The kind group and the rest of a folded name that starts with a kind
/// word ("huyen na ri" → (huyện group, "na ri")).
pub fn split_kind(folded: &str) -> Option<(&'static [&'static str], &str)> {
    for group in KIND_WORDS {
        for word in group.iter() {
            if let Some(rest) = folded.strip_prefix(word) {
                let rest = rest.trim_start();
                if !rest.is_empty()
                    && (word.ends_with('.') || folded.as_bytes()[word.len()] == b' ')
                {
                    return Some((group, rest));
                }
            }
        }
    }
    None
}

/// The folded ways of naming one member, each with whether its bare form
/// must be capitalised.
fn aliases_of(name: &str) -> Vec<(String, bool)> {
    let folded = fold(name);
    let mut out = vec![(folded.clone(), false)];
    let add_place = |place: &str, out: &mut Vec<(String, bool)>| {
        if let Some((group, core)) = split_kind(place) {
            for word in group.iter() {
                out.push((format!("{word} {core}"), false));
            }
            // A bare name of digits ("3" of "phường 3") is too common.
            if core.chars().any(|c| c.is_alphabetic()) {
                out.push((core.to_string(), true));
            }
        }
    };
    // "Huyện ủy Ea Kar": the Party committee of a place, named by it.
    for (committee, kind) in [
        ("huyen uy ", "huyen "),
        ("tinh uy ", "tinh "),
        ("thanh uy ", "thanh pho "),
        ("thi uy ", "thi xa "),
    ] {
        if let Some(core) = folded.strip_prefix(committee) {
            add_place(&format!("{kind}{core}"), &mut out);
            return out;
        }
    }
    if split_kind(&folded).is_some() {
        add_place(&folded, &mut out);
        return out;
    }
    // An organisation serving a place: the place it names last.
    let words: Vec<&str> = folded.split(' ').collect();
    let written: Vec<&str> = name.split_whitespace().collect();
    for k in (1..words.len()).rev() {
        let tail = words[k..].join(" ");
        // A place's name is capitalised: "Sở Lao động - Thương binh và Xã
        // hội" serves no "xã Hội".
        let place_named = split_kind(&tail).is_some_and(|(_, core)| {
            let kind_words = words.len() - k - core.split(' ').count();
            written
                .get(k + kind_words)
                .and_then(|w| w.chars().next())
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
        if place_named {
            add_place(&tail, &mut out);
            let head = words[..k].join(" ");
            // "Hội Nông dân tỉnh" and "Hội Nông dân" for "Hội Nông dân tỉnh
            // Thanh Hóa", where no other member shares the head.
            if let Some((kind_word, _)) = split_kind(&tail) {
                out.push((format!("{head} {}", kind_word[0]), false));
            }
            if k >= 2 {
                out.push((head.clone(), true));
            }
            if FRONT_WORDS.contains(&head.as_str()) {
                for variant in FRONT_WORDS {
                    out.push((format!("{variant} {tail}"), false));
                }
            }
            break;
        }
    }
    out
}

fn at_word_bounds(folded: &str, start: usize, end: usize) -> bool {
    let before = folded[..start].chars().next_back();
    let after = folded[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The members of a test, numbered from 1 in the order given.
#[cfg(test)]
pub(crate) fn members(names: &[&str]) -> Members {
    let named: Vec<Named> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Named {
            id: i as i32 + 1,
            name: n.to_string(),
        })
        .collect();
    Members::new(&named)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named_in(m: &Members, text: &str) -> Vec<String> {
        m.mentions(&Sentence::new(text, 0))
            .into_iter()
            .map(|m| m.unit.name)
            .collect()
    }

    #[test]
    fn a_member_is_found_with_and_without_its_kind_word() {
        let m = members(&["huyện Na Rì", "huyện Chợ Mới", "thành phố Bắc Kạn"]);
        assert_eq!(
            named_in(
                &m,
                "suy tôn đơn vị huyện Na Rì nhận Cờ; Chợ Mới và TP. Bắc Kạn nhận Bằng khen"
            ),
            ["huyện Na Rì", "huyện Chợ Mới", "thành phố Bắc Kạn"]
        );
    }

    #[test]
    fn a_list_after_the_kind_word_names_each_member() {
        let m = members(&["huyện Thống Nhất", "huyện Tân Phú", "huyện Định Quán"]);
        assert_eq!(
            named_in(&m, "gồm các huyện: Thống Nhất, Tân Phú, Định Quán"),
            ["huyện Thống Nhất", "huyện Tân Phú", "huyện Định Quán"]
        );
    }

    #[test]
    fn a_front_committee_is_found_by_the_place_it_serves() {
        let m = members(&["Ủy ban MTTQ huyện Tân Phú", "Ủy ban MTTQ huyện Định Quán"]);
        assert_eq!(
            named_in(&m, "UBMTTQ huyện Tân Phú và Mặt trận huyện Định Quán"),
            ["Ủy ban MTTQ huyện Tân Phú", "Ủy ban MTTQ huyện Định Quán"]
        );
    }

    #[test]
    fn party_committees_and_organisations_by_their_head() {
        let m = members(&[
            "Huyện ủy Ea Kar",
            "Huyện ủy Lắk",
            "Hội Nông dân tỉnh Thanh Hóa",
            "Hội Cựu chiến binh tỉnh Thanh Hóa",
        ]);
        assert_eq!(
            named_in(
                &m,
                "huyện Ea Kar đạt 153,9 tỷ đồng; Hội Nông dân tỉnh được bầu"
            ),
            ["Huyện ủy Ea Kar", "Hội Nông dân tỉnh Thanh Hóa"]
        );
    }

    #[test]
    fn a_department_named_for_social_affairs_serves_no_commune() {
        let m = members(&["Sở Lao động - Thương binh và Xã hội", "Sở Y tế"]);
        assert!(named_in(&m, "Hội nghị cũng tiến hành bàn giao nhiệm vụ Trưởng khối.").is_empty());
    }

    #[test]
    fn a_bare_name_in_lower_case_is_a_common_word_not_a_member() {
        let m = members(&["xã Tân Tiến"]);
        assert!(named_in(&m, "đạt nhiều tiến bộ, tân tiến").is_empty());
    }

    #[test]
    fn a_name_two_members_share_names_neither() {
        // The district and the town of Kỳ Anh are both "Kỳ Anh".
        let m = members(&["huyện Kỳ Anh", "thị xã Kỳ Anh"]);
        assert_eq!(named_in(&m, "Kỳ Anh đạt"), Vec::<String>::new());
        assert_eq!(named_in(&m, "thị xã Kỳ Anh đạt"), ["thị xã Kỳ Anh"]);
    }
}
