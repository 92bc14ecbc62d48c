//! A document as a download: its type, and a file name a person can read
//! ("bao-cao-cum-thi-dua-so-2-nam-2022.docx") with the Vietnamese spelling
//! beside it for browsers that take it.

use actix_web::HttpResponse;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

use crate::domain::fold::fold_for_search;
use crate::web::url::encode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Docx,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
        }
    }
}

/// The file's name from what it is, in words: "Báo cáo Cụm thi đua số 2
/// năm 2022" → ("bao-cao-cum-thi-dua-so-2-nam-2022.docx",
/// "báo-cáo-cụm-thi-đua-số-2-năm-2022.docx").
pub fn file_names(words: &str, format: Format) -> (String, String) {
    let ascii = slug(&fold_for_search(words));
    let vietnamese = slug(&words.to_lowercase());
    let ext = format.extension();
    (format!("{ascii}.{ext}"), format!("{vietnamese}.{ext}"))
}

/// Letters and digits kept, every other run of characters one hyphen.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "tai-lieu".to_string()
    } else {
        trimmed.to_string()
    }
}

pub fn attachment(body: Vec<u8>, format: Format, words: &str) -> HttpResponse {
    let (ascii, vietnamese) = file_names(words, format);
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, format.content_type()))
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
                encode(&vietnamese)
            ),
        ))
        .body(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_readable_in_ascii_and_in_vietnamese() {
        let (ascii, vietnamese) = file_names("Báo cáo Cụm thi đua số 2 năm 2022", Format::Docx);
        assert_eq!(ascii, "bao-cao-cum-thi-dua-so-2-nam-2022.docx");
        assert_eq!(vietnamese, "báo-cáo-cụm-thi-đua-số-2-năm-2022.docx");
        let (ascii, _) = file_names("Khối thi đua \"Đảng\" / 2021!", Format::Xlsx);
        assert_eq!(ascii, "khoi-thi-dua-dang-2021.xlsx");
        assert_eq!(file_names("—", Format::Pdf).0, "tai-lieu.pdf");
    }
}
