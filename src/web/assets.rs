//! The static files (CSS, the print script), built into the binary from
//! static/ by build.rs, so a deployed binary serves them wherever it runs;
//! `--static-dir` serves a folder instead while working on them.
//!
//! Each file has a versioned name with a hash of its bytes
//! (`thidua.3f9a0c1d2e.css`), which pages link through `url`; under that
//! name it never changes, so browsers keep it for a year without asking.
//! The text files are compressed once, on first use (the server does it
//! at start), in gzip and brotli; a request gets the smallest copy its
//! Accept-Encoding allows, never compressed again per request.

use std::io::Write;
use std::sync::OnceLock;

use actix_web::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, HeaderMap, VARY,
};
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

use super::error::AppError;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/static_files.rs"));
}

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The old unversioned names still work, kept for a day.
pub const UNVERSIONED: &str = "public, max-age=86400";

struct Asset {
    name: &'static str,
    url: String,
    identity: &'static [u8],
    gzip: Option<web::Bytes>,
    brotli: Option<web::Bytes>,
}

/// `thidua.css` with hash `abc` → `thidua.abc.css`.
fn versioned(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

fn compressible(name: &str) -> bool {
    matches!(name.rsplit('.').next(), Some("css" | "js" | "svg"))
}

fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

fn brotli(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
    Some(out)
}

/// A compressed copy only when it is smaller; as `Bytes`, so each answer
/// shares it instead of copying it.
fn smaller(copy: Option<Vec<u8>>, than: &[u8]) -> Option<web::Bytes> {
    copy.filter(|c| c.len() < than.len()).map(web::Bytes::from)
}

fn assets() -> &'static [Asset] {
    static ASSETS: OnceLock<Vec<Asset>> = OnceLock::new();
    ASSETS.get_or_init(|| {
        embedded::FILES
            .iter()
            .map(|(name, bytes)| {
                let (gzip, brotli) = if compressible(name) {
                    (smaller(gzip(bytes), bytes), smaller(brotli(bytes), bytes))
                } else {
                    (None, None)
                };
                Asset {
                    name,
                    url: format!("/static/{}", versioned(name, bytes)),
                    identity: bytes,
                    gzip,
                    brotli,
                }
            })
            .collect()
    })
}

/// Hashes and compresses the built-in files now rather than on the first
/// request.
pub fn prepare() {
    assets();
}

/// The address pages link a static file by: its versioned name. Templates
/// call it as `{{ crate::web::assets::url("thidua.css") }}`; a name that is
/// not built in keeps its plain address.
pub fn url(name: &str) -> &str {
    assets()
        .iter()
        .find(|a| a.name == name)
        .map_or(name, |a| a.url.as_str())
}

/// The built-in copy of a static file, by name.
pub fn lookup(name: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| *bytes)
}

/// Names of the built-in files.
pub fn names() -> impl Iterator<Item = &'static str> {
    embedded::FILES.iter().map(|(n, _)| *n)
}

/// The plain name of a versioned one (`thidua.abc.css` → `thidua.css`),
/// for `--static-dir`, whose files have only their plain names.
pub fn unversioned(name: &str) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        [stem @ .., hash, ext]
            if !stem.is_empty()
                && hash.len() == 10
                && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            format!("{}.{ext}", stem.join("."))
        }
        _ => name.to_string(),
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Whether Accept-Encoding allows `coding` (a q of 0 refuses it; `*`
/// stands for codings not named).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    let Some(value) = headers.get(ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let mut star = None;
    for item in value.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return q > 0.0;
        }
        if name == "*" {
            star = Some(q > 0.0);
        }
    }
    star.unwrap_or(false)
}

/// `GET /static/{name}` from the built-in copies, by versioned or plain
/// name; an unknown name is the usual Vietnamese 404 page.
pub async fn serve(req: HttpRequest, name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let name = name.into_inner();
    let (asset, caching) = match assets().iter().find(|a| a.url[8..] == name) {
        Some(asset) => (asset, IMMUTABLE),
        None => (
            assets()
                .iter()
                .find(|a| a.name == name)
                .ok_or(AppError::NotFound)?,
            UNVERSIONED,
        ),
    };
    let mut response = HttpResponse::Ok();
    response
        .insert_header((CONTENT_TYPE, content_type(asset.name)))
        .insert_header((CACHE_CONTROL, caching));
    if asset.gzip.is_none() && asset.brotli.is_none() {
        return Ok(response.body(asset.identity));
    }
    response.insert_header((VARY, "Accept-Encoding"));
    let headers = req.headers();
    let body = match (&asset.brotli, &asset.gzip) {
        (Some(br), _) if accepts(headers, "br") => {
            response.insert_header((CONTENT_ENCODING, "br"));
            br.clone()
        }
        (_, Some(gz)) if accepts(headers, "gzip") => {
            response.insert_header((CONTENT_ENCODING, "gzip"));
            gz.clone()
        }
        _ => return Ok(response.body(asset.identity)),
    };
    Ok(response.body(body))
}

/// The folder given by `--static-dir`.
#[derive(Clone)]
pub struct StaticDir(pub std::path::PathBuf);

/// `GET /static/{name}` from `--static-dir`, by versioned or plain name,
/// revalidated on every use since the files change while one works on
/// them.
pub async fn serve_dir(
    req: HttpRequest,
    name: web::Path<String>,
    dir: web::Data<StaticDir>,
) -> Result<HttpResponse, AppError> {
    let name = unversioned(&name);
    if name.starts_with('.') || name.contains(['/', '\\']) {
        return Err(AppError::NotFound);
    }
    let path = dir.0.join(&name);
    let file = web::block(move || actix_files::NamedFile::open(path))
        .await?
        .map_err(|_| AppError::NotFound)?
        .prefer_utf8(true);
    let mut response = file.into_response(&req);
    response.headers_mut().insert(
        CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-cache"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheets_and_the_print_script_are_built_in() {
        for name in ["thidua.css", "report.css", "print.js"] {
            assert!(lookup(name).is_some_and(|b| !b.is_empty()), "{name}");
        }
        assert!(lookup("../Cargo.toml").is_none());
        assert_eq!(content_type("thidua.css"), "text/css; charset=utf-8");
    }

    #[test]
    fn versioned_names_carry_a_hash_and_go_back_to_plain_names() {
        let css = url("thidua.css");
        assert!(css.starts_with("/static/thidua.") && css.ends_with(".css"));
        assert_ne!(css, "/static/thidua.css");
        assert_eq!(unversioned(&css[8..]), "thidua.css");
        assert_eq!(unversioned("thidua.css"), "thidua.css");
        assert_eq!(url("nothing.css"), "nothing.css");
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(
                ACCEPT_ENCODING,
                actix_web::http::header::HeaderValue::from_static(v),
            );
            h
        };
        assert!(accepts(&with("gzip, deflate, br"), "br"));
        assert!(!accepts(&with("gzip, br;q=0"), "br"));
        assert!(accepts(&with("*"), "gzip"));
        assert!(!accepts(&with("identity"), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }
}
