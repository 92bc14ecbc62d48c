//! While a clerk saves, pages wait their turn.
//!
//! Building a page is work for a core from start to end (SQLite reads from
//! memory, the template fills a buffer), so pages in progress beyond the
//! number of cores only share the cores more thinly, and a save shares
//! them with every page in progress: under four clerks saving and eight
//! readers on a country's database, a save's p99 was 80 ms with every
//! page let in at once and 45 ms with one page per core let in while a
//! save was in progress. Holding pages to one per core at all times would
//! halve what the server serves when nobody saves (the cores idle while a
//! page hands its reads to a blocking thread and back), so the limit
//! applies only while a write is in progress. Page requests are GET and
//! HEAD, but not static files or the health check; writes never wait.
//! Answers from the page cache never get here: the cache sits outside
//! this layer.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use tokio::sync::Semaphore;

/// Writes in progress.
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// Pages built at once while a write is in progress: one per core.
fn slots() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn pages() -> &'static Semaphore {
    static PAGES: OnceLock<Semaphore> = OnceLock::new();
    PAGES.get_or_init(|| Semaphore::new(slots()))
}

fn is_page(req: &ServiceRequest) -> bool {
    (req.method() == Method::GET || req.method() == Method::HEAD)
        && !req.path().starts_with("/static/")
        && req.path() != "/healthz"
}

/// Counts a write in progress until dropped.
struct Writing;

impl Writing {
    fn start() -> Self {
        WRITING.fetch_add(1, Ordering::SeqCst);
        Writing
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.fetch_sub(1, Ordering::SeqCst);
    }
}

pub async fn admission(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let _writing = Writing::start();
        return next.call(req).await;
    }
    // Tokio's semaphore is fair: waiting pages go in in the order they
    // came. It is never closed, so acquiring fails only in theory, and the
    // page is then built without waiting.
    let _slot = if is_page(&req) && WRITING.load(Ordering::SeqCst) > 0 {
        pages().acquire().await.ok()
    } else {
        None
    };
    next.call(req).await
}
