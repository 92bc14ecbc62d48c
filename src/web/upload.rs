//! The one reader of multipart forms (signed minutes, a report to fill the
//! meeting form from, an import file): every part read into memory within
//! two bounds, so no upload form can be made to hold more than it allows.

use actix_multipart::Multipart;
use futures_util::StreamExt;

use super::error::AppError;

/// One field of the form, read whole.
struct Part {
    name: String,
    file_name: Option<String>,
    bytes: Vec<u8>,
}

/// The fields of a submitted form.
pub struct Parts {
    parts: Vec<Part>,
    /// A part was larger than its bound: it was read and dropped, so the
    /// handler can answer 413 once it has checked who sent the form.
    pub oversized: bool,
}

impl Parts {
    /// The text of the first field of that name ("" if none), at most
    /// `max_chars` characters.
    pub fn text(&self, name: &str, max_chars: usize) -> String {
        self.parts
            .iter()
            .find(|p| p.name == name)
            .map(|p| {
                String::from_utf8_lossy(&p.bytes)
                    .chars()
                    .take(max_chars)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The file sent in that field, with the name the browser gave it; None
    /// when the field is missing or empty.
    pub fn take_file(&mut self, name: &str) -> Option<(String, Vec<u8>)> {
        let at = self
            .parts
            .iter()
            .position(|p| p.name == name && !p.bytes.is_empty())?;
        let part = self.parts.swap_remove(at);
        Some((part.file_name.unwrap_or_default(), part.bytes))
    }
}

/// Reads every part of the form. A part over `per_part` bytes is dropped
/// and flagged (`oversized`); a body over `total` bytes is refused at once
/// (413), without reading the rest.
pub async fn read(
    mut payload: Multipart,
    per_part: usize,
    total: usize,
) -> Result<Parts, AppError> {
    let mut parts = Vec::new();
    let mut oversized = false;
    let mut read = 0usize;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadUpload)?;
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_string);
        let mut bytes = Vec::new();
        let mut dropped = false;
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| AppError::BadUpload)?;
            read += chunk.len();
            if read > total {
                return Err(AppError::TooLarge);
            }
            if dropped || bytes.len() + chunk.len() > per_part {
                dropped = true;
                bytes = Vec::new();
                continue;
            }
            bytes.extend_from_slice(&chunk);
        }
        oversized |= dropped;
        if !dropped {
            parts.push(Part {
                name,
                file_name,
                bytes,
            });
        }
    }
    Ok(Parts { parts, oversized })
}
