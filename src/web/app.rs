//! Builds the application: routes, shared state, headers, static files.
//! `serve` and the tests build it the same way.

use std::path::PathBuf;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{Compress, DefaultHeaders, from_fn};
use actix_web::{App, HttpRequest, web};

use super::error::AppError;
use crate::admin;
use crate::auth::{self, CookiePolicy};
use crate::db::DbPool;

/// Everything the handlers share.
#[derive(Clone)]
pub struct AppConfig {
    pub pool: DbPool,
    /// Serve static files from this folder instead of the built-in copies.
    pub static_dir: Option<PathBuf>,
    pub cookies: CookiePolicy,
    /// Proxies whose X-Forwarded-For gives the client's address.
    pub trusted_proxies: auth::TrustedProxies,
    /// Rendered published pages and the data version (see `cache`).
    pub cache: super::cache::PageCache,
    /// How a login waits out its growing delay (`Pause::Sleep` but in tests).
    pub login_pause: auth::attempts::Pause,
}

/// The largest form body: the meeting-results form of a 10-member cluster
/// with 10 indicators is about 40 KiB; actix's 16 KiB default is too small.
pub const FORM_LIMIT: usize = 256 * 1024;

/// Headers every response carries. The pages need no inline script and no
/// other origin, so the policy can be strict.
fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
}

/// Static files: by versioned name cached for a year (see `assets`); by
/// plain name for a day.
fn static_files(
    dir: Option<PathBuf>,
) -> actix_web::Scope<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    web::scope("/static")
        .wrap(DefaultHeaders::new().add((header::CACHE_CONTROL, super::assets::UNVERSIONED)))
        .configure(|cfg| match dir {
            Some(dir) => {
                cfg.app_data(web::Data::new(super::assets::StaticDir(dir)))
                    .route("/{name}", web::get().to(super::assets::serve_dir));
            }
            None => {
                cfg.route("/{name}", web::get().to(super::assets::serve));
            }
        })
}

async fn not_found(_req: HttpRequest) -> Result<actix_web::HttpResponse, AppError> {
    Err(AppError::NotFound)
}

pub fn build_app(
    config: AppConfig,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(web::Data::new(config.pool.clone()))
        .app_data(web::Data::new(config.cookies))
        .app_data(web::Data::new(config.trusted_proxies.clone()))
        .app_data(web::Data::new(config.cache.clone()))
        .app_data(web::Data::new(config.login_pause.clone()))
        // A malformed id or year in a path is a page that does not exist.
        .app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()))
        // Outermost last: the access log, then the security headers (so
        // cached answers and 304s carry them), the page cache (outside
        // Compress, so it keeps and replays the compressed bytes), Compress,
        // and innermost the queue of pages being built.
        .wrap(from_fn(super::admission::admission))
        .wrap(Compress::default())
        .wrap(from_fn(super::cache::layer))
        .wrap(security_headers())
        .wrap(from_fn(super::access_log::access_log))
        .service(static_files(config.static_dir))
        // Every route is in the one table (`routes`); the admin's record
        // pages after it, so that a path of the table below one of their
        // scopes ("/admin/units/add-province") is matched first.
        .configure(super::routes::register)
        .service(admin::routes(&admin::UNITS))
        .service(admin::routes(&admin::BODIES))
        .service(admin::routes(&admin::AWARD_KINDS))
        .service(admin::routes(&admin::CLUSTERS))
        .default_service(web::to(not_found))
}
