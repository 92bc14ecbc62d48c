//! The static files (CSS, the print script), built into the binary from
//! static/ by build.rs, so a deployed binary serves them wherever it runs;
//! `--static-dir` serves a folder instead while working on them.

use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpResponse, web};

use super::error::AppError;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/static_files.rs"));
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

/// `GET /static/{name}` from the built-in copies; an unknown name is the
/// usual Vietnamese 404 page.
pub async fn serve(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let name = name.into_inner();
    let bytes = lookup(&name).ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type(&name)))
        .body(bytes))
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
}
