//! Builds the application: routes, shared state, headers, static files.
//! `serve` and the tests build it the same way.

use std::path::PathBuf;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{Compress, DefaultHeaders, from_fn};
use actix_web::{App, HttpRequest, web};

use super::error::AppError;
use super::form::Form;
use crate::auth::{self, CookiePolicy};
use crate::db::DbPool;
use crate::{
    admin, awards, bodies, clusters, decisions, documents, editor, rotation, search, units, years,
};

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
        .route("/healthz", web::get().to(super::health::healthz))
        .route("/", web::get().to(clusters::home))
        .route("/clusters/{id}", web::get().to(clusters::cluster_page))
        .route(
            "/clusters/{id}/enter",
            web::get().to(clusters::picker::enter_year),
        )
        .route(
            "/clusters/{id}/years/{year}",
            web::get().to(years::year_page),
        )
        .route(
            "/clusters/{id}/years/{year}/print",
            web::get().to(years::print_page),
        )
        .route(
            "/clusters/{id}/years/{year}/report.docx",
            web::get().to(documents::report::report_docx),
        )
        .route(
            "/clusters/{id}/years/{year}/dossier.docx",
            web::get().to(documents::dossier::dossier_docx),
        )
        .route(
            "/clusters/{id}/years/{year}/dossier.pdf",
            web::get().to(documents::dossier::dossier_pdf),
        )
        .route(
            "/clusters/{id}/years/{year}/tables.xlsx",
            web::get().to(documents::year_tables::tables_xlsx),
        )
        .route(
            "/clusters/{id}/years/{year}/edit",
            web::get().to(editor::edit_form),
        )
        .route(
            "/clusters/{id}/years/{year}/edit",
            web::post().to(editor::save_form),
        )
        .route(
            "/clusters/{id}/years/{year}/prefill",
            web::post().to(editor::prefill::prefill_form),
        )
        .route(
            "/clusters/{id}/years/{year}/delete",
            web::get().to(editor::confirm_delete),
        )
        .route(
            "/clusters/{id}/years/{year}/delete",
            web::post().to(editor::delete_year),
        )
        .route(
            "/clusters/{id}/years/{year}/history",
            web::get().to(editor::history::history_page),
        )
        .route(
            "/awards/proposals/{id}/decision",
            web::get().to(editor::decision::decision_form),
        )
        .route(
            "/awards/proposals/{id}/decision",
            web::post().to(editor::decision::save_decision),
        )
        .route("/units/{id}", web::get().to(units::unit_page))
        .route("/bodies/{id}", web::get().to(bodies::body_page))
        .route("/bodies/{id}/titles", web::get().to(bodies::titles_form))
        .route("/bodies/{id}/titles", web::post().to(bodies::save_titles))
        .route("/awards", web::get().to(awards::awards_page))
        .route("/awards.csv", web::get().to(documents::tallies::awards_csv))
        .route(
            "/awards.xlsx",
            web::get().to(documents::tallies::awards_xlsx),
        )
        .route("/decisions", web::get().to(decisions::index))
        .route("/decisions/new", web::get().to(decisions::batch_form))
        .route("/decisions/new", web::post().to(decisions::save_batch))
        .route("/rotation", web::get().to(rotation::rotation_page))
        .route(
            "/rotation.xlsx",
            web::get().to(documents::rotation::rotation_xlsx),
        )
        .route(
            "/rotation.csv",
            web::get().to(documents::rotation::rotation_csv),
        )
        .route(
            "/clusters.xlsx",
            web::get().to(documents::clusters::clusters_xlsx),
        )
        .route(
            "/clusters.csv",
            web::get().to(documents::clusters::clusters_csv),
        )
        .route("/search", web::get().to(search::search_page))
        .route(
            "/conferences/{id}/attachments",
            web::post().to(editor::attachments::upload),
        )
        .route(
            "/attachments/{id}",
            web::get().to(editor::attachments::download),
        )
        .route(
            "/attachments/{id}/delete",
            web::get().to(editor::attachments::confirm_remove),
        )
        .route(
            "/attachments/{id}/delete",
            web::post().to(editor::attachments::remove),
        )
        .route(
            "/history/{entity}/{id}",
            web::get().to(editor::history::record_history),
        )
        .route("/admin", web::get().to(admin::index))
        .route(
            "/admin/units/add-province",
            web::post().to(admin::add_province),
        )
        .route(
            "/admin/import",
            web::get().to(crate::import::web::import_form),
        )
        .route("/admin/import", web::post().to(crate::import::web::upload))
        .route(
            "/admin/import/apply",
            web::post().to(crate::import::web::apply),
        )
        .route(
            "/admin/import/choose",
            web::post().to(crate::import::web::choose),
        )
        .route(
            "/admin/import/templates/{name}",
            web::get().to(crate::import::web::template),
        )
        .route("/admin/users/new", web::get().to(admin::users::new_user))
        .route(
            "/admin/users/new",
            web::post().to(
                |r: HttpRequest,
                 p: web::Data<DbPool>,
                 v: auth::Viewer,
                 b: Form<Vec<(String, String)>>| {
                    admin::users::save_user(r, p, v, None, b)
                },
            ),
        )
        .route("/admin/users/{id}", web::get().to(admin::users::edit_user))
        .route(
            "/admin/users/{id}",
            web::post().to(
                |r: HttpRequest,
                 p: web::Data<DbPool>,
                 v: auth::Viewer,
                 id: web::Path<i32>,
                 b: Form<Vec<(String, String)>>| {
                    admin::users::save_user(r, p, v, Some(id), b)
                },
            ),
        )
        .service(admin::routes(&admin::UNITS))
        .service(admin::routes(&admin::BODIES))
        .service(admin::routes(&admin::AWARD_KINDS))
        .route(
            "/admin/clusters/{id}/members",
            web::post().to(admin::add_member),
        )
        .route(
            "/admin/memberships/{id}/edit",
            web::get().to(admin::edit_member),
        )
        .route(
            "/admin/memberships/{id}/edit",
            web::post().to(admin::save_member),
        )
        .route(
            "/admin/memberships/{id}/delete",
            web::get().to(admin::confirm_member_delete),
        )
        .route(
            "/admin/memberships/{id}/delete",
            web::post().to(admin::delete_member),
        )
        .service(admin::routes(&admin::CLUSTERS))
        .route("/login", web::get().to(auth::login::login_form))
        .route("/login", web::post().to(auth::login::login))
        .route("/logout", web::post().to(auth::login::logout))
        .default_service(web::to(not_found))
}
