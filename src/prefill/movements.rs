//! The year's emulation theme and the movements the report names: titles
//! in quotes after "chủ đề" and "phong trào", however the quotes are
//! typed or left unbalanced.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{Sentence, fold, pattern};
use super::{Found, Movement};

/// A quoted title in a sentence: its byte range in the written text.
fn quoted(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut last_separator = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\u{201c}' => open = Some(at + c.len_utf8()),
            '"' if open.is_none() => open = Some(at + 1),
            '\u{201d}' | '"' => {
                match open.take() {
                    Some(start) => out.push((start, at)),
                    // A closing quote without its opening one: the title
                    // began after the last comma or colon.
                    None => out.push((last_separator, at)),
                }
                last_separator = at + c.len_utf8();
            }
            ';' | ':' | ',' if open.is_none() => last_separator = at + 1,
            // An opening quote never closed: the title ends at the clause.
            ';' => {
                if let Some(start) = open.take() {
                    out.push((start, at));
                }
                last_separator = at + 1;
            }
            _ => {}
        }
        if chars.peek().is_none()
            && let Some(start) = open.take()
        {
            out.push((start, text.len()));
        }
    }
    out
}

/// The nearest word before a title that says what the title is.
fn introduced_by(before: &str) -> Option<&'static str> {
    // Only the clause the title is in: a "phong trào" before a semicolon
    // introduces nothing after it.
    let clause = before.rsplit(';').next().unwrap_or(before);
    let folded = fold(clause);
    [
        ("phong trao", "movement"),
        ("chu de", "theme"),
        ("cuoc van dong", "campaign"),
        ("muc tieu", "other"),
        ("khau hieu", "theme"),
        ("chuong trinh", "other"),
        ("de an", "other"),
        ("mo hinh", "other"),
        ("nghi quyet", "other"),
    ]
    .into_iter()
    .filter_map(|(w, what)| folded.rfind(w).map(|at| (at, what)))
    .max_by_key(|(at, _)| *at)
    .map(|(_, what)| what)
}

fn clean(title: &str) -> String {
    title
        .trim()
        .trim_end_matches(['.', '…', ',', ';'])
        .trim()
        .to_string()
}

/// Rule `theme_quoted`: "với chủ đề “Đoàn kết - Đổi mới - …”".
pub fn theme(sentences: &[Sentence]) -> Option<Found<String>> {
    for s in sentences {
        if !s.folded.contains("chu de") && !s.folded.contains("khau hieu") {
            continue;
        }
        for (start, end) in quoted(&s.text) {
            if introduced_by(&s.text[..start]) == Some("theme") {
                let title = clean(&s.text[start..end]);
                if title.split(' ').count() >= 2 {
                    return Some(Found::new(title, s, "theme_quoted"));
                }
            }
        }
    }
    None
}

static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\W*(?:giai doan|thoi ky|nhiem ky)?\s*(\d{4})\s*-\s*(\d{4})"));

/// Rule `movement_quoted`: every quoted title a "phong trào" introduces,
/// with its period ("giai đoạn 2021-2025") when one follows.
pub fn movements(sentences: &[Sentence]) -> Vec<Found<Movement>> {
    let mut out: Vec<Found<Movement>> = Vec::new();
    for s in sentences {
        if !s.folded.contains("phong trao") {
            continue;
        }
        for (start, end) in quoted(&s.text) {
            if introduced_by(&s.text[..start]) != Some("movement") {
                continue;
            }
            let name = clean(&s.text[start..end]);
            if name.split(' ').count() < 3 {
                continue;
            }
            let after = fold(s.text[end..].trim_start_matches(['\u{201d}', '"']));
            let (from, to) = match PERIOD.captures(&after) {
                Some(c) => (
                    c.get(1).and_then(|m| m.as_str().parse().ok()),
                    c.get(2).and_then(|m| m.as_str().parse().ok()),
                ),
                None => (None, None),
            };
            if out.iter().any(|m| fold(&m.value.name) == fold(&name)) {
                continue;
            }
            out.push(Found::new(
                Movement { name, from, to },
                s,
                "movement_quoted",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prefill::text::sentences;

    fn names(text: &str) -> Vec<String> {
        movements(&sentences(text))
            .into_iter()
            .map(|m| m.value.name)
            .collect()
    }

    #[test]
    fn a_list_with_a_missing_opening_quote_still_gives_each_title() {
        let text = "Nhiều phong trào được đẩy mạnh, nổi bật là: “Cả nước chung sức xây dựng nông thôn mới”, “Cả nước chung tay vì người nghèo- không để ai bị bỏ lại phía sau”, Doanh nghiệp Việt Nam hội nhập và phát triển”, “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”…Từ đó có thêm nhiều cách làm hay.";
        assert_eq!(
            names(text),
            [
                "Cả nước chung sức xây dựng nông thôn mới",
                "Cả nước chung tay vì người nghèo- không để ai bị bỏ lại phía sau",
                "Doanh nghiệp Việt Nam hội nhập và phát triển",
                "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
            ]
        );
    }

    #[test]
    fn a_title_never_closed_ends_at_the_semicolon() {
        let text = "Nổi bật có phong trào “Cả nước chung tay vì người nghèo-Không để ai bị bỏ lại phía sau”; tiếp đến phong trào “Chung tay xây dựng nông thôn mới; rồi phong trào “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”... đều lan tỏa rộng.";
        assert_eq!(
            names(text),
            [
                "Cả nước chung tay vì người nghèo-Không để ai bị bỏ lại phía sau",
                "Chung tay xây dựng nông thôn mới",
                "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
            ]
        );
    }

    #[test]
    fn a_period_after_the_title_is_kept_and_a_goal_is_not_a_movement() {
        let s = sentences(
            "Các đơn vị bàn cách đẩy mạnh phong trào “ Phước Sơn chung tay vì người nghèo không để ai bị bỏ lại phía sau” giai đoạn 2021-2025; doanh nghiệp được giao hoàn thành “mục tiêu kép”.",
        );
        let found = movements(&s);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].value.name,
            "Phước Sơn chung tay vì người nghèo không để ai bị bỏ lại phía sau"
        );
        assert_eq!(
            (found[0].value.from, found[0].value.to),
            (Some(2021), Some(2025))
        );
    }

    #[test]
    fn the_theme_is_the_title_after_chu_de() {
        let s = sentences(
            "Năm nay các huyện lấy chủ đề “Đoàn kết-Đổi mới-Sáng tạo-Thi đua xây dựng và bảo vệ Tổ quốc” làm trọng tâm và phát động nhiều phong trào.",
        );
        assert_eq!(
            theme(&s).unwrap().value,
            "Đoàn kết-Đổi mới-Sáng tạo-Thi đua xây dựng và bảo vệ Tổ quốc"
        );
        assert!(movements(&s).is_empty());
    }
}
