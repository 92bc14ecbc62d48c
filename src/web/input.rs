//! Rules every typed text obeys, whatever the form: no control characters
//! (a NUL or an escape pasted from another program would be stored, shown
//! and printed as garbage), newlines and tabs only in the long texts, and
//! no bidirectional overrides in file names (they make "rcp.pdf" look like
//! "fdp.exe").

/// Fields typed in a several-line box, where newlines and tabs belong.
/// Row fields carry a row prefix ("p3_remarks"), so the suffix decides.
pub fn is_long_text(key: &str) -> bool {
    const LONG: &[&str] = &[
        "minutes",
        "summary",
        "directions",
        "cov_content",
        "description",
        "note",
    ];
    LONG.contains(&key) || key.ends_with("_remarks")
}

/// The message for a text holding characters no field takes, if it does.
pub fn refused_characters(value: &str, multiline: bool) -> Option<&'static str> {
    let bad = value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t')));
    bad.then_some(if multiline {
        "Có ký tự điều khiển không in được (ví dụ ký tự rỗng); hãy xóa chúng. Ô này chỉ nhận chữ, số, dấu xuống dòng và dấu tab."
    } else {
        "Có ký tự điều khiển không in được (ví dụ ký tự rỗng hoặc xuống dòng); hãy gõ lại ô này trên một dòng."
    })
}

/// Characters that reorder the text around them when shown: the bidi
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
/// the invisible direction marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A file name as stored and shown: no bidi controls, no control
/// characters, no path, at most 120 characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !is_bidi_control(*c) && !c.is_control())
        .take(120)
        .collect();
    cleaned.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_except_line_breaks_in_long_texts() {
        assert_eq!(refused_characters("Phạm Văn A", false), None);
        assert!(refused_characters("a\u{0}b", false).is_some());
        assert!(refused_characters("a\u{0}b", true).is_some());
        assert!(refused_characters("a\u{1b}[31m", true).is_some());
        assert!(refused_characters("dòng 1\ndòng 2", false).is_some());
        assert_eq!(refused_characters("dòng 1\n\tdòng 2", true), None);
        assert!(is_long_text("minutes") && is_long_text("p12_remarks"));
        assert!(!is_long_text("i0_all_note") && !is_long_text("name"));
    }

    #[test]
    fn file_names_lose_bidi_overrides_and_paths() {
        assert_eq!(
            clean_file_name("bien-ban\u{202E}fdp.exe"),
            "bien-banfdp.exe"
        );
        assert_eq!(clean_file_name("C:\\x\\Biên bản.pdf"), "Biên bản.pdf");
        assert_eq!(clean_file_name("a\u{2066}b\u{2069}.pdf"), "ab.pdf");
    }
}
