//! Accounts, managed by admins in the browser as well as with
//! `thidua user …`: create, change role and clusters, set a password,
//! disable or enable.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::page::html;
use super::see_other;
use crate::audit::{self, Entry};
use crate::auth::{self, Viewer, client_address, password, users};
use crate::db::{self, DbConn, DbPool, write};
use crate::editor::validate::Errors;
use crate::schema::{clusters, user_clusters, users as users_table};
use crate::web::error::AppError;

#[derive(Debug, Clone, Default)]
pub struct UserForm {
    pub name: String,
    pub role: String,
    pub clusters: Vec<i32>,
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "admin/user_form.html")]
pub struct UserPage {
    pub viewer: Viewer,
    /// None for a new account.
    pub id: Option<i32>,
    pub form: UserForm,
    pub all_clusters: Vec<(i32, String)>,
    pub errors: Errors,
    pub message: Option<String>,
}

impl UserPage {
    pub fn fe(&self, key: &str) -> Option<&str> {
        self.errors.get(key).map(String::as_str)
    }

    pub fn has_cluster(&self, id: &i32) -> bool {
        self.form.clusters.contains(id)
    }

    pub fn action(&self) -> String {
        match self.id {
            Some(id) => format!("/admin/users/{id}"),
            None => "/admin/users/new".to_string(),
        }
    }
}

fn all_clusters(conn: &mut DbConn) -> QueryResult<Vec<(i32, String)>> {
    clusters::table
        .order(clusters::name)
        .select((clusters::id, clusters::name))
        .load(conn)
}

fn load(conn: &mut DbConn, id: i32) -> QueryResult<UserForm> {
    let (name, role, disabled): (String, String, bool) = users_table::table
        .find(id)
        .select((users_table::name, users_table::role, users_table::disabled))
        .first(conn)?;
    Ok(UserForm {
        name,
        role,
        clusters: users::clusters_of(conn, id)?,
        disabled,
    })
}

pub async fn new_user(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    auth::require_admin(&pool, &req, &viewer, "user").await?;
    let all_clusters = db::read(&pool, all_clusters).await?;
    let form = UserForm {
        role: "clerk".into(),
        ..Default::default()
    };
    html(
        StatusCode::OK,
        &UserPage {
            viewer,
            id: None,
            form,
            all_clusters,
            errors: Errors::new(),
            message: None,
        },
    )
}

pub async fn edit_user(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    auth::require_admin(&pool, &req, &viewer, "user").await?;
    let id = path.into_inner();
    let (form, all_clusters) = db::read(&pool, move |conn| {
        Ok((load(conn, id)?, all_clusters(conn)?))
    })
    .await?;
    html(
        StatusCode::OK,
        &UserPage {
            viewer,
            id: Some(id),
            form,
            all_clusters,
            errors: Errors::new(),
            message: None,
        },
    )
}

/// Creates (no id) or updates an account from the submitted form.
pub async fn save_user(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    id: Option<web::Path<i32>>,
    body: crate::web::form::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let admin = auth::require_admin(&pool, &req, &viewer, "user").await?;
    let id = id.map(|p| p.into_inner());
    let pairs = body.into_inner();
    let get = |key: &str| -> String {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.nfc().collect::<String>().trim().to_string())
            .unwrap_or_default()
    };
    auth::verify_csrf(&pool, &req, &admin, &get("csrf")).await?;
    let form = UserForm {
        name: get("name"),
        role: get("role"),
        // Checkboxes repeat the same name, one value per ticked cluster.
        clusters: pairs
            .iter()
            .filter(|(k, _)| k == "cluster")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
        disabled: pairs.iter().any(|(k, _)| k == "disabled"),
    };
    let new_password = pairs
        .iter()
        .find(|(k, _)| k == "password")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let mut errors = Errors::new();
    if form.name.is_empty()
        || form.name.chars().count() > 60
        || form.name.chars().any(char::is_whitespace)
    {
        errors.insert(
            "name".into(),
            "Tên đăng nhập từ 1 đến 60 ký tự, không có khoảng trắng.".into(),
        );
    }
    if !["admin", "clerk"].contains(&form.role.as_str()) {
        errors.insert("role".into(), "Chọn vai trò.".into());
    }
    if (id.is_none() || !new_password.is_empty())
        && new_password.chars().count() < password::MIN_LENGTH
    {
        errors.insert(
            "password".into(),
            format!("Mật khẩu có ít nhất {} ký tự.", password::MIN_LENGTH),
        );
    }
    if id == Some(admin.id) && (form.disabled || form.role != "admin") {
        errors.insert(
            "role".into(),
            "Không thể tự khóa hoặc bỏ quyền quản trị của chính mình.".into(),
        );
    }
    let all = db::read(&pool, all_clusters).await?;
    if form
        .clusters
        .iter()
        .any(|c| !all.iter().any(|(id, _)| id == c))
    {
        errors.insert("cluster".into(), "Cụm không có trong danh sách.".into());
    }
    if !errors.is_empty() {
        let message = Some("Chưa lưu: hãy sửa các ô được đánh dấu.".to_string());
        return html(
            StatusCode::UNPROCESSABLE_ENTITY,
            &UserPage {
                viewer,
                id,
                form,
                all_clusters: all,
                errors,
                message,
            },
        );
    }
    let hash = if new_password.is_empty() {
        None
    } else {
        let typed = new_password.clone();
        Some(
            web::block(move || password::hash(&typed))
                .await?
                .map_err(|e| AppError::Internal(e.to_string()))?,
        )
    };
    let address = client_address(&req);
    let saved = {
        let form = form.clone();
        db::read(&pool, move |conn| {
            let before = id.map(|id| load(conn, id)).transpose()?;
            let result = write(conn, |conn| {
                let user_id = match id {
                    None => users::create(conn, &form.name, hash.as_deref().unwrap_or_default(), &form.role, &form.clusters)?,
                    Some(id) => {
                        diesel::update(users_table::table.find(id))
                            .set((users_table::name.eq(&form.name), users_table::role.eq(&form.role)))
                            .execute(conn)?;
                        diesel::delete(user_clusters::table.filter(user_clusters::user_id.eq(id))).execute(conn)?;
                        for cluster in &form.clusters {
                            diesel::insert_into(user_clusters::table)
                                .values((user_clusters::user_id.eq(id), user_clusters::cluster_id.eq(cluster)))
                                .execute(conn)?;
                        }
                        if let Some(hash) = &hash {
                            users::set_password(conn, id, hash)?;
                        }
                        users::set_disabled(conn, id, form.disabled)?;
                        id
                    }
                };
                let describe = |f: &UserForm| {
                    serde_json::json!({ "name": f.name, "role": f.role, "clusters": f.clusters, "disabled": f.disabled })
                };
                audit::record(
                    conn,
                    Entry {
                        user_id: Some(admin.id),
                        user_name: Some(&admin.name),
                        address: Some(&address),
                        action: if id.is_some() { "update" } else { "create" },
                        entity: Some("user"),
                        entity_id: Some(user_id),
                        before: before.as_ref().map(describe),
                        after: Some(describe(&form)),
                        note: hash.as_ref().map(|_| "Đặt mật khẩu mới"),
                    },
                )?;
                Ok(user_id)
            });
            match result {
                Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => Ok(None),
                other => other.map(Some),
            }
        })
        .await?
    };
    match saved {
        Some(_) => Ok(see_other("/admin".to_string())),
        None => {
            let errors =
                Errors::from([("name".to_string(), "Tên đăng nhập này đã có.".to_string())]);
            let message = Some("Chưa lưu: hãy sửa các ô được đánh dấu.".to_string());
            html(
                StatusCode::UNPROCESSABLE_ENTITY,
                &UserPage {
                    viewer,
                    id,
                    form,
                    all_clusters: all,
                    errors,
                    message,
                },
            )
        }
    }
}
