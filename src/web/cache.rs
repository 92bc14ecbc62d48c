//! HTTP caching of the published pages.
//!
//! An anonymous visitor never sees a draft, so what an anonymous GET of a
//! published page returns depends only on the URI, the Accept-Encoding and
//! the record data. Such pages carry an ETag made of the build, the data
//! version (see `db::version`) and the URI, `Last-Modified` (the last write)
//! and `Cache-Control: no-cache`, so browsers revalidate and get a 304
//! without the page being rendered. Rendered pages are also kept here, as
//! sent (already gzipped by `Compress` when the client asked for it), in a
//! cache bounded in bytes and emptied when the data version moves.
//!
//! A signed-in view (drafts, forms with the CSRF token) is never stored nor
//! served from here, and is marked `private, no-store`: no-store rather
//! than no-cache so that a draft or a token does not stay in the disk cache
//! of a shared office computer after the clerk signs out.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue, HttpDate};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, web};

use crate::auth::CookiePolicy;
use crate::db::version::DataVersion;
use crate::db::{self, DbPool};

/// All cached pages together stay under this many bytes.
pub const MAX_TOTAL_BYTES: usize = 16 * 1024 * 1024;
/// A page larger than this is sent but not kept.
pub const MAX_PAGE_BYTES: usize = 1024 * 1024;
/// The version is read again from the database at least this often, so a
/// write by another process (a second server, the command line) is seen.
/// Writes through this server are seen at once.
const REFRESH: Duration = Duration::from_secs(1);

pub const ANONYMOUS: &str = "no-cache";
pub const SIGNED_IN: &str = "private, no-store";

/// Changes with the program's sources, templates and static files, so a
/// new build never answers 304 to a page an older build rendered.
const BUILD: &str = env!("THIDUA_BUILD_ID");

/// The cache and the last known data version, shared by every worker.
#[derive(Clone, Default)]
pub struct PageCache(Arc<Shared>);

#[derive(Default)]
struct Shared {
    /// Read the version on every request: the database is shared with
    /// other servers (PostgreSQL), whose saves must show here at once.
    every_request: bool,
    /// Counts the writing requests (non-GET) this server has finished.
    writes: AtomicU64,
    known: Mutex<Known>,
    pages: Mutex<Pages>,
}

#[derive(Default)]
struct Known {
    version: Option<DataVersion>,
    read_at: Option<Instant>,
    /// `writes` as it was just before `version` was read.
    writes_before: u64,
}

#[derive(Default)]
struct Pages {
    version: i64,
    bytes: usize,
    entries: HashMap<Key, Stored>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    accept_encoding: String,
    uri: String,
}

#[derive(Clone)]
struct Stored {
    headers: HeaderMap,
    body: web::Bytes,
}

/// A poisoned lock only means another request panicked while holding it;
/// the maps inside are still whole.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl PageCache {
    /// A cache for a database other servers write too: the version is read
    /// on every request (one row by its key), so a save through any server
    /// makes every server's kept pages stale at once.
    pub fn for_shared_database() -> Self {
        PageCache(Arc::new(Shared {
            every_request: true,
            ..Shared::default()
        }))
    }

    /// The current data version: from memory when no write has finished
    /// since it was read and it is under `REFRESH` old, else one row read.
    async fn version(&self, pool: &web::Data<DbPool>) -> Option<DataVersion> {
        let writes = self.0.writes.load(Ordering::Acquire);
        {
            let known = lock(&self.0.known);
            if let (Some(version), Some(at)) = (known.version, known.read_at)
                && known.writes_before == writes
                && at.elapsed() < REFRESH
                && !self.0.every_request
            {
                return Some(version);
            }
        }
        let version = db::read(pool, db::version::current).await.ok()?;
        let mut known = lock(&self.0.known);
        if writes >= known.writes_before {
            *known = Known {
                version: Some(version),
                read_at: Some(Instant::now()),
                writes_before: writes,
            };
        }
        Some(version)
    }

    fn written(&self) {
        self.0.writes.fetch_add(1, Ordering::AcqRel);
    }

    fn lookup(&self, key: &Key, version: i64) -> Option<Stored> {
        let pages = lock(&self.0.pages);
        if pages.version != version {
            return None;
        }
        pages.entries.get(key).cloned()
    }

    fn store(&self, key: Key, version: i64, page: Stored) {
        let size = cost(&key, &page);
        if page.body.len() > MAX_PAGE_BYTES || size > MAX_TOTAL_BYTES {
            return;
        }
        let mut pages = lock(&self.0.pages);
        if version < pages.version {
            return;
        }
        if version > pages.version {
            *pages = Pages {
                version,
                ..Pages::default()
            };
        }
        // Evict in the map's (arbitrary) order until the page fits: cheap,
        // and good enough when most of the budget is a few hot pages.
        while pages.bytes + size > MAX_TOTAL_BYTES {
            let Some(victim) = pages.entries.keys().next().cloned() else {
                break;
            };
            if let Some(old) = pages.entries.remove(&victim) {
                pages.bytes -= cost(&victim, &old);
            }
        }
        if let Some(old) = pages.entries.insert(key.clone(), page) {
            pages.bytes -= cost(&key, &old);
        }
        pages.bytes += size;
    }

    /// Bytes held now (for tests and diagnostics).
    pub fn bytes(&self) -> usize {
        lock(&self.0.pages).bytes
    }
}

/// What an entry costs in memory, roughly: body, key and headers.
fn cost(key: &Key, page: &Stored) -> usize {
    let headers: usize = page
        .headers
        .iter()
        .map(|(n, v)| n.as_str().len() + v.len() + 32)
        .sum();
    page.body.len() + key.uri.len() + key.accept_encoding.len() + headers + 128
}

/// The published pages, by path: what anonymous visitors read. Forms,
/// history, admin pages, attachments and the login page are not here.
pub fn published(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let id = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [""] | ["awards"] | ["decisions"] | ["rotation"] | ["search"] => true,
        // The downloads: the same file for every visitor until the data
        // changes (a PDF costs a LibreOffice run to make).
        ["awards.xlsx" | "awards.csv" | "rotation.xlsx" | "rotation.csv"] => true,
        ["clusters.xlsx" | "clusters.csv"] => true,
        ["clusters", c] | ["units", c] | ["bodies", c] => id(c),
        ["clusters", c, "years", y] | ["clusters", c, "years", y, "print"] => id(c) && id(y),
        [
            "clusters",
            c,
            "years",
            y,
            "report.docx" | "tables.xlsx" | "dossier.docx" | "dossier.pdf",
        ] => id(c) && id(y),
        _ => false,
    }
}

fn etag(version: &DataVersion, uri: &str) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    uri.hash(&mut hasher);
    // Weak: the gzipped and the plain body are the same page.
    format!(
        "W/\"{BUILD}-{:x}-{:016x}\"",
        version.version,
        hasher.finish()
    )
}

fn last_modified(version: &DataVersion) -> HttpDate {
    let seconds = version.changed_at.and_utc().timestamp().max(0) as u64;
    HttpDate::from(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
}

/// Whether the browser's copy is current: If-None-Match (weak comparison)
/// when sent, else If-Modified-Since against the last write.
fn not_modified(headers: &HeaderMap, etag: &str, changed: &HttpDate) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    if let Some(value) = headers.get(header::IF_NONE_MATCH) {
        let Ok(value) = value.to_str() else {
            return false;
        };
        let ours = opaque(etag);
        return value
            .split(',')
            .any(|t| t.trim() == "*" || opaque(t) == ours);
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<HttpDate>().ok());
    matches!(since, Some(since) if SystemTime::from(*changed) <= SystemTime::from(since))
}

fn validators(headers: &mut HeaderMap, etag: &str, changed: &HttpDate) {
    let put = |headers: &mut HeaderMap, name, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    put(headers, header::ETAG, etag);
    put(headers, header::LAST_MODIFIED, &changed.to_string());
    put(headers, header::CACHE_CONTROL, ANONYMOUS);
}

fn signed_in(req: &ServiceRequest) -> bool {
    let policy = req
        .app_data::<web::Data<CookiePolicy>>()
        .map(|p| *p.get_ref())
        .unwrap_or(CookiePolicy { secure: false });
    req.cookie(policy.session_name()).is_some()
}

/// The middleware. It sits outside `Compress` (so it keeps the compressed
/// bytes) and inside the security headers (so 304s and cached answers get
/// them like any other response).
pub async fn layer(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let Some(cache) = req.app_data::<web::Data<PageCache>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if req.method() != Method::GET && req.method() != Method::HEAD {
        // A write: the data version is read again on the next page. Counted
        // once the handler (and its transaction) has finished.
        let response = next.call(req).await;
        cache.written();
        return Ok(no_store(response?.map_into_boxed_body()));
    }
    if req.path().starts_with("/static/") {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    if signed_in(&req) {
        return Ok(no_store(next.call(req).await?.map_into_boxed_body()));
    }
    let pool = req.app_data::<web::Data<DbPool>>().cloned();
    let version = match pool {
        Some(pool) if req.method() == Method::GET && published(req.path()) => {
            cache.version(&pool).await
        }
        _ => None,
    };
    let Some(version) = version else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };

    let uri = req.uri().to_string();
    let tag = etag(&version, &uri);
    let changed = last_modified(&version);
    if not_modified(req.headers(), &tag, &changed) {
        let mut response = HttpResponse::new(StatusCode::NOT_MODIFIED);
        validators(response.headers_mut(), &tag, &changed);
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        return Ok(req.into_response(response));
    }
    let key = Key {
        accept_encoding: req
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        uri,
    };
    if let Some(page) = cache.lookup(&key, version.version) {
        return Ok(req.into_response(replay(page)));
    }

    let response = next.call(req).await?;
    let headers = response.headers();
    if response.status() != StatusCode::OK
        || headers.contains_key(header::SET_COOKIE)
        || headers.contains_key(header::CACHE_CONTROL)
    {
        return Ok(response.map_into_boxed_body());
    }
    let (req, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let body = actix_web::body::to_bytes(body)
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.into().to_string()))?;
    let mut headers = head.headers().clone();
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::TRANSFER_ENCODING);
    validators(&mut headers, &tag, &changed);
    let page = Stored { headers, body };
    cache.store(key, version.version, page.clone());
    Ok(ServiceResponse::new(req, replay(page)))
}

fn replay(page: Stored) -> HttpResponse {
    let mut response = HttpResponse::with_body(StatusCode::OK, page.body).map_into_boxed_body();
    for (name, value) in page.headers.iter() {
        response.headers_mut().append(name.clone(), value.clone());
    }
    response
}

fn no_store(mut response: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(SIGNED_IN));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_published_pages_are_cached() {
        for path in [
            "/",
            "/awards",
            "/rotation",
            "/search",
            "/decisions",
            "/clusters/4",
            "/units/12",
            "/bodies/3",
            "/clusters/4/years/2022",
            "/clusters/4/years/2022/print",
            "/clusters/4/years/2022/report.docx",
            "/clusters/4/years/2022/dossier.pdf",
            "/clusters/4/years/2022/tables.xlsx",
            "/awards.xlsx",
            "/rotation.csv",
            "/clusters.xlsx",
        ] {
            assert!(published(path), "{path}");
        }
        for path in [
            "/login",
            "/admin",
            "/clusters/4/years/2022/edit",
            "/clusters/4/years/2022/history",
            "/clusters/4/enter",
            "/attachments/3",
            "/decisions/new",
            "/bodies/3/titles",
            "/clusters/x",
            "/clusters/",
            "/clusters/4/years/2022/other.pdf",
            "/clusters/x/years/2022/report.docx",
        ] {
            assert!(!published(path), "{path}");
        }
    }

    #[test]
    fn an_etag_matches_weakly_and_in_a_list() {
        let mut headers = HeaderMap::new();
        let changed = HttpDate::from(SystemTime::UNIX_EPOCH);
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"other\", W/\"b-1-2\""),
        );
        assert!(not_modified(&headers, "W/\"b-1-2\"", &changed));
        assert!(!not_modified(&headers, "W/\"b-1-3\"", &changed));
    }

    #[test]
    fn the_cache_stays_within_its_budget_and_drops_old_versions() {
        let cache = PageCache::default();
        let page = |n: usize| Stored {
            headers: HeaderMap::new(),
            body: web::Bytes::from(vec![b'x'; n]),
        };
        let key = |i: usize| Key {
            accept_encoding: String::new(),
            uri: format!("/units/{i}"),
        };
        for i in 0..40 {
            cache.store(key(i), 1, page(900 * 1024));
        }
        assert!(cache.bytes() <= MAX_TOTAL_BYTES);
        cache.store(key(99), 1, page(MAX_PAGE_BYTES + 1));
        assert!(cache.lookup(&key(99), 1).is_none());
        cache.store(key(1), 2, page(10));
        assert!(cache.lookup(&key(1), 2).is_some());
        assert!(cache.lookup(&key(2), 1).is_none());
        assert!(cache.bytes() < 1024);
    }
}
