//! One access-log line per request, as a tracing event at target
//! `thidua::access`: method, path (without the query string, which may
//! carry search terms or tokens), status, duration and client address.
//! With `--log-format json` each line is one JSON object for a log shipper.

use std::time::Instant;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

/// Paths longer than this are cut in the log (a path is attacker-chosen).
const MAX_PATH: usize = 200;

/// The path as logged: never the query string, at most `MAX_PATH` bytes.
pub fn logged_path(path: &str) -> &str {
    let path = path.split('?').next().unwrap_or_default();
    if path.len() <= MAX_PATH {
        return path;
    }
    let mut end = MAX_PATH;
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    &path[..end]
}

pub async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = logged_path(req.path()).to_owned();
    let client = crate::auth::client_address(req.request());
    let response = next.call(req).await;
    let status = match &response {
        Ok(r) => r.status(),
        Err(e) => e.as_response_error().status_code(),
    };
    let duration_ms = (started.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0;
    // A load balancer asks for /healthz every few seconds: keep those out
    // of the default log unless they fail.
    if path == "/healthz" && status.is_success() {
        tracing::debug!(target: "thidua::access", %method, path, status = status.as_u16(), duration_ms, client, "request");
    } else {
        tracing::info!(target: "thidua::access", %method, path, status = status.as_u16(), duration_ms, client, "request");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_string_is_never_logged_and_long_paths_are_cut() {
        assert_eq!(logged_path("/search?q=mật khẩu"), "/search");
        assert_eq!(logged_path("/clusters/4"), "/clusters/4");
        let long = "/".to_string() + &"ă".repeat(300);
        let cut = logged_path(&long);
        assert!(cut.len() <= MAX_PATH && cut.starts_with("/ă"));
    }
}
