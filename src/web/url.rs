//! Percent-encoding for the few URLs the server builds itself.

/// Encodes everything but unreserved characters (RFC 3986).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The longest `next` that is followed.
const MAX_NEXT: usize = 2048;

/// A redirect target after login: a path on this site, or "/".
///
/// `next` arrives percent-decoded. It must begin with exactly one `/`
/// ("//evil.example" is another host) and hold no backslash (browsers read
/// "/\\evil" as "//evil"), no control character and no white space:
/// browsers drop tabs and newlines from URLs, so "/\t/evil.example" would
/// become "//evil.example", and CR/LF cannot go into a header at all.
/// What is left is returned with non-ASCII characters percent-encoded, so
/// it is always a valid Location value.
pub fn safe_next(next: Option<&str>) -> String {
    let local = next.filter(|path| {
        path.len() <= MAX_NEXT
            && path.starts_with('/')
            && !path.starts_with("//")
            && !path
                .chars()
                .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
    });
    let Some(path) = local else {
        return "/".to_string();
    };
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&encode(c.encode_utf8(&mut [0; 4])));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            safe_next(Some("/clusters/1/years/2022/edit")),
            "/clusters/1/years/2022/edit"
        );
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("")), "/");
        for evil in [
            "/\t/evil.example/phish",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/a\0b",
            "/ /evil.example",
            "/\u{3000}/evil.example",
            "/\u{85}/evil.example",
            "\t//evil.example",
            "evil.example",
        ] {
            assert_eq!(safe_next(Some(evil)), "/", "{evil:?}");
        }
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(3000)))), "/");
        assert_eq!(
            safe_next(Some("/search?q=Hà Tĩnh")),
            "/",
            "a space is refused"
        );
        assert_eq!(
            safe_next(Some("/search?q=Hà+Tĩnh")),
            "/search?q=H%C3%A0+T%C4%A9nh"
        );
        assert_eq!(safe_next(Some("/%2F/evil")), "/%2F/evil", "stays a path");
        assert_eq!(encode("/a b?c=đ"), "%2Fa%20b%3Fc%3D%C4%91");
    }
}
