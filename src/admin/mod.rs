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
}

pub async fn index(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
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
pub fn routes<P: Send + 'static>(kind: &'static Kind<P>) -> actix_web::Scope {
    web::scope(kind.path)
        .route(
            "",
            web::get()
                .to(move |r: HttpRequest, p: web::Data<DbPool>, v: Viewer| list(r, p, v, kind)),
        )
        .route(
            "/new",
            web::get().to(move |r: HttpRequest, p: web::Data<DbPool>, v: Viewer| {
                form(r, p, v, None, kind)
            }),
        )
        .route(
            "/new",
            web::post().to(
                move |r: HttpRequest,
                      p: web::Data<DbPool>,
                      v: Viewer,
                      b: Form<Vec<(String, String)>>| {
                    save(r, p, v, None, b, kind)
                },
            ),
        )
        .route(
            "/{id}/edit",
            web::get().to(
                move |r: HttpRequest, p: web::Data<DbPool>, v: Viewer, id: web::Path<i32>| {
                    form(r, p, v, Some(id.into_inner()), kind)
                },
            ),
        )
        .route(
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
        )
        .route(
            "/{id}/delete",
            web::get().to(
                move |r: HttpRequest, p: web::Data<DbPool>, v: Viewer, id: web::Path<i32>| {
                    confirm_delete(r, p, v, id.into_inner(), kind)
                },
            ),
        )
        .route(
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
        )
}
