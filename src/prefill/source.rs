//! A report as a clerk has it: pasted text, a .txt file (UTF-8, UTF-16 or
//! the Windows-1258 of older Vietnamese offices), a Word .docx, or a PDF
//! with a text layer (read with poppler's `pdftotext`, the tool the
//! deployment already installs for printing checks).

use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// Why a file gave no text, in the clerk's words.
#[derive(Debug, PartialEq, Eq)]
pub enum Unreadable {
    Kind,
    Damaged,
    NoText,
    PdfToolMissing,
}

impl Unreadable {
    pub fn message(&self) -> &'static str {
        match self {
            Unreadable::Kind => {
                "Chỉ đọc được tệp .txt, .docx hoặc .pdf có lớp chữ. Hãy lưu bản tin thành một trong các dạng đó, hoặc dán nội dung vào ô bên trên."
            }
            Unreadable::Damaged => {
                "Tệp bị hỏng hoặc không đúng định dạng như phần mở rộng của nó; hãy mở lại bằng Word rồi lưu thành .docx."
            }
            Unreadable::NoText => {
                "Tệp không có chữ đọc được (có thể là ảnh chụp hoặc bản quét). Hãy dán nội dung bản tin vào ô bên trên."
            }
            Unreadable::PdfToolMissing => {
                "Máy chủ chưa cài công cụ đọc PDF (pdftotext, gói poppler-utils). Hãy dán nội dung bản tin hoặc tải lên tệp .docx."
            }
        }
    }
}

/// The text of an uploaded report, by its file name's extension.
pub fn text_of(file_name: &str, bytes: &[u8]) -> Result<String, Unreadable> {
    let lower = file_name.to_lowercase();
    let text = if lower.ends_with(".txt") || lower.ends_with(".text") {
        plain(bytes)
    } else if lower.ends_with(".docx") {
        docx(bytes)?
    } else if lower.ends_with(".pdf") {
        pdf(bytes)?
    } else {
        return Err(Unreadable::Kind);
    };
    if text.trim().is_empty() {
        return Err(Unreadable::NoText);
    }
    Ok(text)
}

fn plain(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let (text, _, _) = if bytes[0] == 0xff {
            encoding_rs::UTF_16LE.decode(bytes)
        } else {
            encoding_rs::UTF_16BE.decode(bytes)
        };
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1258.decode(bytes).0.into_owned(),
    }
}

/// The paragraphs of a Word file's body, one per line: the text runs of
/// each `<w:p>`, tabs and breaks as spaces.
fn docx(bytes: &[u8]) -> Result<String, Unreadable> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| Unreadable::Damaged)?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| Unreadable::Damaged)?
        .take(50 * 1024 * 1024)
        .read_to_string(&mut xml)
        .map_err(|_| Unreadable::Damaged)?;
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let after = &rest[open + close + 1..];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        match name {
            "w:t" if !tag.starts_with('/') && !tag.ends_with('/') => {
                let end = after.find("</w:t>").unwrap_or(after.len());
                out.push_str(&unescape(&after[..end]));
                rest = &after[end..];
                continue;
            }
            "w:tab" | "w:br" => out.push(' '),
            "w:p" if tag.starts_with('/') => out.push('\n'),
            _ => {}
        }
        rest = after;
    }
    Ok(out)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn pdf(bytes: &[u8]) -> Result<String, Unreadable> {
    if !bytes.starts_with(b"%PDF") {
        return Err(Unreadable::Damaged);
    }
    let child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Unreadable::PdfToolMissing);
        }
        Err(_) => return Err(Unreadable::Damaged),
    };
    // Write on another thread: a large PDF would otherwise fill the pipe
    // while pdftotext waits for us to read its output.
    let mut stdin = child.stdin.take().ok_or(Unreadable::Damaged)?;
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().map_err(|_| Unreadable::Damaged)?;
    // A failed write shows as pdftotext failing, answered below.
    let _ = writer.join();
    if !output.status.success() {
        return Err(Unreadable::Damaged);
    }
    // pdftotext ends lines at the page's edge; a blank line (or a page
    // break) ends a paragraph.
    let text = String::from_utf8_lossy(&output.stdout).replace('\u{c}', "\n\n");
    Ok(join_wrapped_lines(&text))
}

/// Lines wrapped at a page's edge joined back into paragraphs.
fn join_wrapped_lines(text: &str) -> String {
    text.split("\n\n")
        .map(|p| {
            p.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_1258_text_file_is_read() {
        // "Bầu" in Windows-1258: B, a with combining grave... the code page
        // writes "â" as 0xE2 and the grave accent as 0xCC.
        let bytes = [b'B', 0xe2, 0xcc, b'u'];
        let text = text_of("tin.txt", &bytes).unwrap();
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(text.nfc().collect::<String>(), "Bầu");
    }

    #[test]
    fn an_image_or_an_unknown_kind_is_refused_with_a_reason() {
        assert_eq!(text_of("anh.jpg", b"\xff\xd8"), Err(Unreadable::Kind));
        assert_eq!(text_of("tin.docx", b"not a zip"), Err(Unreadable::Damaged));
        assert_eq!(text_of("tin.txt", b"   "), Err(Unreadable::NoText));
    }

    #[test]
    fn wrapped_pdf_lines_become_paragraphs() {
        assert_eq!(
            join_wrapped_lines("Chiều 7/2, tại\nthành phố Bắc Kạn.\n\nBầu huyện"),
            "Chiều 7/2, tại thành phố Bắc Kạn.\nBầu huyện"
        );
    }
}
