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
use crate::db::failure::{self, Unavailable};
use crate::db::{self, DbConn, DbPool, write_quiet};
use crate::domain::collate;
use crate::editor::validate::Errors;
use crate::schema::{clusters, user_clusters, users as users_table};
use crate::web::error::AppError;
use crate::web::form::Form;
use crate::web::input::refused_characters;

#[derive(Debug, Clone, Default)]
pub struct UserForm {
    pub name: String,
    pub role: String,
    pub clusters: Vec<i32>,
    pub disabled: bool,
    /// The account's version when the form was opened (edits only).
    pub version: String,
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
    let mut all: Vec<(i32, String)> = clusters::table
        .order(clusters::id)
        .select((clusters::id, clusters::name))
        .load(conn)?;
    collate::sort_by_name(&mut all, |c| &c.1);
    Ok(all)
}

fn load(conn: &mut DbConn, id: i32) -> QueryResult<UserForm> {
    let (name, role, disabled, version): (String, String, bool, i32) = users_table::table
        .find(id)
        .select((
            users_table::name,
            users_table::role,
            users_table::disabled,
            users_table::version,
        ))
        .first(conn)?;
    Ok(UserForm {
        name,
        role,
        clusters: users::clusters_of(conn, id)?,
        disabled,
        version: version.to_string(),
    })
}

/// The most a sign-in name may have; it is typed at every login.
const NAME_LIMIT: usize = 60;

/// What is wrong with a sign-in name, if anything: letters of any
/// alphabet, digits and `. _ - @` only, so it reads the same everywhere it
/// is shown (no spaces, control or invisible characters).
fn name_problem(name: &str) -> Option<&'static str> {
    if let Some(message) = refused_characters(name, false) {
        return Some(message);
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@');
    (name.is_empty() || name.chars().count() > NAME_LIMIT || !name.chars().all(allowed)).then_some(
        "Tên đăng nhập từ 1 đến 60 ký tự, chỉ gồm chữ, số và các dấu . _ - @ (không có khoảng trắng).",
    )
}

/// Why an account was not saved, answered with the form again.
enum Refusal {
    Invalid(Errors),
    Conflict,
    Unavailable(Unavailable),
    Failed,
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
    body: Form<Vec<(String, String)>>,
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
        version: get("version"),
    };
    let version: i32 = form.version.parse().unwrap_or(-1);
    let new_password = pairs
        .iter()
        .find(|(k, _)| k == "password")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    // A missing account is 404 whatever was typed.
    if let Some(id) = id {
        db::read(&pool, move |conn| load(conn, id)).await?;
    }
    let mut errors = Errors::new();
    if let Some(message) = name_problem(&form.name) {
        errors.insert("name".into(), message.into());
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
    // Hashing shares the login's bound on concurrent argon2 runs; a busy
    // server gives the form back like a busy database does.
    let hashed = if !errors.is_empty() || new_password.is_empty() {
        Ok(None)
    } else {
        match password::Limiter::shared().hash(new_password.clone()).await {
            Ok(Some(hash)) => Ok(Some(hash)),
            Ok(None) => Err(Refusal::Failed),
            Err(password::Busy) => Err(Refusal::Unavailable(Unavailable::Busy)),
        }
    };
    let refusal = if !errors.is_empty() {
        Refusal::Invalid(errors)
    } else if let Err(refusal) = hashed {
        refusal
    } else {
        let hash = hashed.ok().flatten();
        let address = client_address(&req);
        let form = form.clone();
        let saved = db::read(&pool, move |conn| {
            let result = write_quiet(conn, |conn| {
                let before = id.map(|id| load(conn, id)).transpose()?;
                let user_id = match id {
                    None => users::create(conn, &form.name, hash.as_deref().unwrap_or_default(), &form.role, &form.clusters)?,
                    Some(id) => {
                        let n = diesel::update(
                            users_table::table
                                .filter(users_table::id.eq(id))
                                .filter(users_table::version.eq(version)),
                        )
                        .set((
                            users_table::name.eq(&form.name),
                            users_table::role.eq(&form.role),
                            users_table::version.eq(version + 1),
                        ))
                        .execute(conn)?;
                        if n == 0 {
                            return Ok(Err(Refusal::Conflict));
                        }
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
                Ok(Ok(user_id))
            });
            Ok(match result {
                Ok(outcome) => outcome,
                Err(diesel::result::Error::NotFound) => return Err(diesel::result::Error::NotFound),
                Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
                    Err(Refusal::Invalid(Errors::from([(
                        "name".to_string(),
                        "Tên đăng nhập này đã có.".to_string(),
                    )])))
                }
                Err(other) => Err(match failure::unavailable(&other) {
                    Some(why) => {
                        tracing::warn!(cause = %other, "account not saved: database unavailable");
                        Refusal::Unavailable(why)
                    }
                    None => {
                        tracing::error!(cause = %other, "account not saved");
                        Refusal::Failed
                    }
                }),
            })
        })
        .await?;
        match saved {
            Ok(_) => return Ok(see_other("/admin".to_string())),
            Err(refusal) => refusal,
        }
    };
    let (status, errors, message) = match refusal {
        Refusal::Invalid(errors) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            errors,
            "Chưa lưu: hãy sửa các ô được đánh dấu.",
        ),
        Refusal::Conflict => (
            StatusCode::CONFLICT,
            Errors::new(),
            "Chưa lưu: tài khoản này vừa được người khác sửa sau khi bạn mở biểu mẫu. Những gì bạn nhập vẫn còn bên dưới (trừ mật khẩu); hãy tải lại trang để xem bản mới.",
        ),
        Refusal::Unavailable(why) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Errors::new(),
            why.message(),
        ),
        Refusal::Failed => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Errors::new(),
            "Chưa lưu: hệ thống gặp lỗi khi ghi dữ liệu. Những gì bạn nhập vẫn còn bên dưới (trừ mật khẩu); lỗi đã được ghi lại, hãy thử lại sau ít phút.",
        ),
    };
    html(
        status,
        &UserPage {
            viewer,
            id,
            form,
            all_clusters: all,
            errors,
            message: Some(message.to_string()),
        },
    )
}
