//! Every route of the application in one table: method, path, who may
//! use it and the handler. `app::build_app` registers these and nothing
//! else (the admin's record pages come from `admin::KIND_ROUTES`, the
//! static files from their own scope), and the tests walk the same table
//! (tests/app/routes.rs): a route added here without an entry there, or
//! registered outside this table, fails them.

use actix_web::{HttpRequest, web};

use crate::auth;
use crate::db::DbPool;
use crate::web::form::Form;
use crate::{
    admin, awards, bodies, clusters, decisions, documents, editor, rotation, search, units, years,
};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone; a draft's pages and files answer 404 to whoever may not
    /// see the draft.
    Public,
    /// Anyone signed in (what a record's history shows depends on who).
    SignedIn,
    /// The clerks of the cluster the path names, directly or through its
    /// record, and the admins.
    ClusterClerk,
    /// The admins.
    Admin,
    /// The login form and signing out.
    Session,
}

#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// "get" or "post".
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

macro_rules! table {
    ($($method:ident $path:literal $access:ident => $handler:expr;)*) => {
        /// The routes `register` adds, in order.
        pub const ROUTES: &[Route] = &[
            $(Route { method: stringify!($method), path: $path, access: Access::$access },)*
        ];

        /// Adds every route of the table to the app.
        pub fn register(cfg: &mut web::ServiceConfig) {
            $(cfg.route($path, web::$method().to($handler));)*
        }
    };
}

table! {
    get "/healthz" Public => crate::web::health::healthz;
    get "/" Public => clusters::home;
    get "/clusters/{id}" Public => clusters::cluster_page;
    get "/clusters/{id}/enter" ClusterClerk => clusters::picker::enter_year;
    get "/clusters/{id}/years/{year}" Public => years::year_page;
    get "/clusters/{id}/years/{year}/print" Public => years::print_page;
    get "/clusters/{id}/years/{year}/report.docx" Public => documents::report::report_docx;
    get "/clusters/{id}/years/{year}/dossier.docx" Public => documents::dossier::dossier_docx;
    get "/clusters/{id}/years/{year}/dossier.pdf" Public => documents::dossier::dossier_pdf;
    get "/clusters/{id}/years/{year}/tables.xlsx" Public => documents::year_tables::tables_xlsx;
    get "/clusters/{id}/years/{year}/edit" ClusterClerk => editor::edit_form;
    post "/clusters/{id}/years/{year}/edit" ClusterClerk => editor::save_form;
    post "/clusters/{id}/years/{year}/prefill" ClusterClerk => editor::prefill::prefill_form;
    get "/clusters/{id}/years/{year}/delete" ClusterClerk => editor::confirm_delete;
    post "/clusters/{id}/years/{year}/delete" ClusterClerk => editor::delete_year;
    get "/clusters/{id}/years/{year}/history" SignedIn => editor::history::history_page;
    get "/awards/proposals/{id}/decision" ClusterClerk => editor::decision::decision_form;
    post "/awards/proposals/{id}/decision" ClusterClerk => editor::decision::save_decision;
    get "/units/{id}" Public => units::unit_page;
    get "/bodies/{id}" Public => bodies::body_page;
    get "/bodies/{id}/titles" Admin => bodies::titles_form;
    post "/bodies/{id}/titles" Admin => bodies::save_titles;
    get "/awards" Public => awards::awards_page;
    get "/awards.csv" Public => documents::tallies::awards_csv;
    get "/awards.xlsx" Public => documents::tallies::awards_xlsx;
    get "/decisions" Admin => decisions::index;
    get "/decisions/new" Admin => decisions::batch_form;
    post "/decisions/new" Admin => decisions::save_batch;
    get "/rotation" Public => rotation::rotation_page;
    get "/rotation.xlsx" Public => documents::rotation::rotation_xlsx;
    get "/rotation.csv" Public => documents::rotation::rotation_csv;
    get "/clusters.xlsx" Public => documents::clusters::clusters_xlsx;
    get "/clusters.csv" Public => documents::clusters::clusters_csv;
    get "/search" Public => search::search_page;
    post "/conferences/{id}/attachments" ClusterClerk => editor::attachments::upload;
    get "/attachments/{id}" Public => editor::attachments::download;
    get "/attachments/{id}/delete" ClusterClerk => editor::attachments::confirm_remove;
    post "/attachments/{id}/delete" ClusterClerk => editor::attachments::remove;
    get "/history/{entity}/{id}" SignedIn => editor::history::record_history;
    get "/admin" Admin => admin::index;
    post "/admin/units/add-province" Admin => admin::add_province;
    get "/admin/import" Admin => crate::import::web::import_form;
    post "/admin/import" Admin => crate::import::web::upload;
    post "/admin/import/apply" Admin => crate::import::web::apply;
    post "/admin/import/choose" Admin => crate::import::web::choose;
    // Blank templates: headers and an example row, no records.
    get "/admin/import/templates/{name}" Public => crate::import::web::template;
    get "/admin/users/new" Admin => admin::users::new_user;
    post "/admin/users/new" Admin => |r: HttpRequest, p: web::Data<DbPool>, v: auth::Viewer, b: Form<Vec<(String, String)>>| { admin::users::save_user(r, p, v, None, b) };
    get "/admin/users/{id}" Admin => admin::users::edit_user;
    post "/admin/users/{id}" Admin => |r: HttpRequest, p: web::Data<DbPool>, v: auth::Viewer, id: web::Path<i32>, b: Form<Vec<(String, String)>>| { admin::users::save_user(r, p, v, Some(id), b) };
    post "/admin/clusters/{id}/members" Admin => admin::add_member;
    get "/admin/memberships/{id}/edit" Admin => admin::edit_member;
    post "/admin/memberships/{id}/edit" Admin => admin::save_member;
    get "/admin/memberships/{id}/delete" Admin => admin::confirm_member_delete;
    post "/admin/memberships/{id}/delete" Admin => admin::delete_member;
    get "/login" Session => auth::login::login_form;
    post "/login" Session => auth::login::login;
    post "/logout" Session => auth::login::logout;
}

/// Every route the app answers: the table and the admin's record pages of
/// each kind of record.
pub fn all() -> Vec<(String, String, Access)> {
    let mut out: Vec<(String, String, Access)> = ROUTES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string(), r.access))
        .collect();
    for base in admin::KIND_PATHS {
        for (method, suffix) in admin::KIND_ROUTES {
            out.push((method.to_string(), format!("{base}{suffix}"), Access::Admin));
        }
    }
    out
}
