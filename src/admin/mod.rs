//! The admin's records: organising bodies, clusters and their members,
//! units, and the award catalogue. Admins only; every write audited.

mod members;
pub mod page;
mod records;
pub mod users;

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use diesel::prelude::*;

use crate::auth::{self, Viewer};
use crate::db::{self, DbPool};
use crate::domain::collate;
use crate::schema::clusters;
use crate::web::error::AppError;
use crate::web::form::Form;
pub use members::{add_member, confirm_member_delete, delete_member, edit_member, save_member};
pub use records::*;

#[derive(Template, WebTemplate)]
#[template(path = "admin/index.html")]
pub struct IndexPage {
    pub viewer: Viewer,
    /// (id, name, role, clusters, state)
    pub accounts: Vec<(i32, String, String, String, String)>,
    /// The official provinces, for adding one with its communes.
    pub provinces: Vec<crate::units::official::OfficialUnit>,
    /// What the last addition did, to say so.
    pub added: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct IndexQuery {
    pub added: Option<String>,
}

pub async fn index(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    query: web::Query<IndexQuery>,
) -> Result<IndexPage, AppError> {
    auth::require_admin(&pool, &req, &viewer, "admin").await?;
    let (mut accounts, cluster_names) = db::read(&pool, |conn| {
        let accounts = crate::auth::users::list(conn)?;
        let names: HashMap<i32, String> = clusters::table
            .select((clusters::id, clusters::name))
            .load::<(i32, String)>(conn)?
            .into_iter()
            .collect();
        Ok((accounts, names))
    })
    .await?;
    collate::sort_by_name(&mut accounts, |(u, _)| &u.name);
    Ok(IndexPage {
        viewer,
        provinces: crate::units::official::provinces(),
        added: query
            .into_inner()
            .added
            .filter(|a| a.chars().count() <= 300),
        accounts: accounts
            .into_iter()
            .map(|(u, clusters)| {
                // A clerk's clusters by name, as the admin knows them.
                let mut names: Vec<&str> = clusters
                    .iter()
                    .filter_map(|id| cluster_names.get(id).map(String::as_str))
                    .collect();
                collate::sort_by_name(&mut names, |n| n);
                (
                    u.id,
                    u.name,
                    if u.role == "admin" {
                        "Quản trị".to_string()
                    } else {
                        "Cán bộ nhập liệu".to_string()
                    },
                    names.join("; "),
                    if u.disabled {
                        "Đã khóa".to_string()
                    } else {
                        "Hoạt động".to_string()
                    },
                )
            })
            .collect(),
    })
}

/// Redirect after a successful write.
pub fn see_other(to: String) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, to))
        .finish()
}

/// The routes of one kind of record under its path: list, new, edit,
/// delete (with a confirmation page first).
/// The base paths of the record kinds whose pages `routes` serves.
pub const KIND_PATHS: &[&str] = &[
    "/admin/units",
    "/admin/bodies",
    "/admin/award-kinds",
    "/admin/clusters",
];

/// The pages of one kind of record, below its base path: the list, the
/// form for a new record, a record's form and its deletion. `routes`
/// registers exactly these, and the route table's tests walk them.
pub const KIND_ROUTES: &[(&str, &str)] = &[
    ("get", ""),
    ("get", "/new"),
    ("post", "/new"),
    ("get", "/{id}/edit"),
    ("post", "/{id}/edit"),
    ("get", "/{id}/delete"),
    ("post", "/{id}/delete"),
];

pub fn routes<P: Send + 'static>(kind: &'static Kind<P>) -> actix_web::Scope {
    let mut scope = web::scope(kind.path);
    for &(method, suffix) in KIND_ROUTES {
        scope = match (method, suffix) {
            ("get", "") => scope.route(
                "",
                web::get()
                    .to(move |r: HttpRequest, p: web::Data<DbPool>, v: Viewer| list(r, p, v, kind)),
            ),
            ("get", "/new") => scope.route(
                "/new",
                web::get().to(move |r: HttpRequest, p: web::Data<DbPool>, v: Viewer| {
                    form(r, p, v, None, kind)
                }),
            ),
            ("post", "/new") => scope.route(
                "/new",
                web::post().to(
                    move |r: HttpRequest,
                          p: web::Data<DbPool>,
                          v: Viewer,
                          b: Form<Vec<(String, String)>>| {
                        save(r, p, v, None, b, kind)
                    },
                ),
            ),
            ("get", "/{id}/edit") => scope.route(
                "/{id}/edit",
                web::get().to(
                    move |r: HttpRequest, p: web::Data<DbPool>, v: Viewer, id: web::Path<i32>| {
                        form(r, p, v, Some(id.into_inner()), kind)
                    },
                ),
            ),
            ("post", "/{id}/edit") => scope.route(
                "/{id}/edit",
                web::post().to(
                    move |r: HttpRequest,
                          p: web::Data<DbPool>,
                          v: Viewer,
                          id: web::Path<i32>,
                          b: Form<Vec<(String, String)>>| {
                        save(r, p, v, Some(id.into_inner()), b, kind)
                    },
                ),
            ),
            ("get", "/{id}/delete") => scope.route(
                "/{id}/delete",
                web::get().to(
                    move |r: HttpRequest, p: web::Data<DbPool>, v: Viewer, id: web::Path<i32>| {
                        confirm_delete(r, p, v, id.into_inner(), kind)
                    },
                ),
            ),
            ("post", "/{id}/delete") => scope.route(
                "/{id}/delete",
                web::post().to(
                    move |r: HttpRequest,
                          p: web::Data<DbPool>,
                          v: Viewer,
                          id: web::Path<i32>,
                          b: Form<Vec<(String, String)>>| {
                        delete(r, p, v, id.into_inner(), b, kind)
                    },
                ),
            ),
            // Every entry of KIND_ROUTES has its arm above (a test asks
            // each of them for an answer).
            _ => scope,
        };
    }
    scope
}

/// Adds a province of the official list with its communes, wards and
/// special zones, then back to the admin page saying what was done.
pub async fn add_province(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let admin = auth::require_admin(&pool, &req, &viewer, "units").await?;
    let pairs = body.into_inner();
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    auth::verify_csrf(&pool, &req, &admin, &get("csrf")).await?;
    let Some(province) = crate::units::official::find_province(&get("province")) else {
        return Ok(HttpResponse::UnprocessableEntity()
            .content_type("text/html; charset=utf-8")
            .body(
                IndexPage {
                    viewer,
                    accounts: Vec::new(),
                    provinces: crate::units::official::provinces(),
                    added: Some("Hãy chọn một tỉnh, thành phố trong danh mục.".into()),
                }
                .render()
                .map_err(|e| AppError::Internal(e.to_string()))?,
            ));
    };
    let who = (admin.id, admin.name.clone());
    let chosen = province.clone();
    let added = db::read(&pool, move |conn| {
        crate::units::official::add_province_recorded(conn, &chosen, Some((who.0, &who.1)))
    })
    .await?;
    let message = format!(
        "{}: {} đơn vị mới, {} đơn vị đã có được gắn mã, {} đơn vị giữ nguyên.",
        labels_capital(&province.full_name()),
        added.created,
        added.coded,
        added.unchanged
    );
    Ok(HttpResponse::SeeOther()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/admin?added={}", crate::web::url::encode(&message)),
        ))
        .finish())
}

fn labels_capital(text: &str) -> String {
    crate::domain::labels::capitalise_first(text)
}

#[cfg(test)]
mod kind_paths {
    #[test]
    fn the_listed_paths_are_the_kinds_served() {
        let served = [
            super::UNITS.path,
            super::BODIES.path,
            super::AWARD_KINDS.path,
            super::CLUSTERS.path,
        ];
        assert_eq!(super::KIND_PATHS, served);
    }
}
