//! The login and logout pages.
//!
//! A login POST goes through, in order: the form's token (a challenge the
//! server issued, see `challenges`), the length of the name, a reserved
//! attempt under the throttling limits (see `attempts`), the account's
//! growing delay, and the password verification, which waits for one of
//! a few slots (`password::Limiter`) so a burst cannot exhaust memory.
//! Every refusal is audited as 'login_refused' with its reason.

use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::{
    CookiePolicy, Viewer, attempts, challenges, client_address, password, session, tokens, users,
};
use crate::audit::{self, Entry};
use crate::db::{self, DbPool};
use crate::web::error::AppError;
use crate::web::form::Form;
use crate::web::url::safe_next;

/// A longer name cannot be an account (the account form allows 60) and is
/// refused before any lookup or hashing.
pub const MAX_NAME_CHARS: usize = 100;
/// argon2 reads the whole password; no account has one this long.
pub const MAX_PASSWORD_BYTES: usize = 1024;

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage<'a> {
    viewer: Viewer,
    next: &'a str,
    name: &'a str,
    error: Option<&'a str>,
    csrf: &'a str,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    pub next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub csrf: String,
    pub next: Option<String>,
}

/// What every answer of the login page needs.
struct Reply<'a> {
    pool: &'a web::Data<DbPool>,
    policy: &'a CookiePolicy,
    address: &'a str,
    next: &'a str,
    /// The name as typed, cut to what the form's field allows.
    name: String,
}

impl Reply<'_> {
    /// The login form with a new challenge, in its cookie and its field.
    async fn form(
        &self,
        status: StatusCode,
        error: Option<&str>,
    ) -> Result<HttpResponse, AppError> {
        let csrf = tokens::random_token().map_err(|e| AppError::Internal(e.to_string()))?;
        {
            let (token, address) = (csrf.clone(), self.address.to_string());
            let now = Utc::now().naive_utc();
            db::read(self.pool, move |conn| {
                challenges::issue(conn, &token, &address, now)
            })
            .await?;
        }
        let html = LoginPage {
            viewer: Viewer::default(),
            next: self.next,
            name: &self.name,
            error,
            csrf: &csrf,
        }
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(HttpResponse::build(status)
            .content_type(ContentType::html())
            .cookie(self.policy.cookie(self.policy.login_csrf_name(), csrf))
            .body(html))
    }

    /// A refused attempt: audited with why, then the form again.
    async fn refused(
        &self,
        status: StatusCode,
        name: &str,
        error: &str,
        why: &'static str,
    ) -> Result<HttpResponse, AppError> {
        let (name, address) = (name.to_string(), self.address.to_string());
        db::read(self.pool, move |conn| {
            audit::record(
                conn,
                Entry {
                    user_name: Some(&name),
                    address: Some(&address),
                    action: "login_refused",
                    note: Some(why),
                    ..Default::default()
                },
            )
        })
        .await?;
        self.form(status, Some(error)).await
    }
}

pub async fn login_form(
    req: HttpRequest,
    query: web::Query<NextQuery>,
    pool: web::Data<DbPool>,
    policy: web::Data<CookiePolicy>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let next = safe_next(query.next.as_deref());
    if viewer.user().is_some() {
        return Ok(HttpResponse::SeeOther()
            .insert_header((LOCATION, next))
            .finish());
    }
    let address = client_address(&req);
    Reply {
        pool: &pool,
        policy: &policy,
        address: &address,
        next: &next,
        name: String::new(),
    }
    .form(StatusCode::OK, None)
    .await
}

pub async fn login(
    req: HttpRequest,
    form: Form<LoginForm>,
    pool: web::Data<DbPool>,
    policy: web::Data<CookiePolicy>,
    pause: web::Data<super::attempts::Pause>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    let name = form.name.trim().to_string();
    let address = client_address(&req);
    let reply = Reply {
        pool: &pool,
        policy: &policy,
        address: &address,
        next: &next,
        name: name.chars().take(MAX_NAME_CHARS).collect(),
    };

    // The token must be in the cookie and the form alike (a page of
    // another site can set neither) and be a challenge this server issued
    // and nobody has used (a planted cookie is not one).
    let cookie_token = req
        .cookie(policy.login_csrf_name())
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let issued = if !cookie_token.is_empty() && tokens::same(&cookie_token, &form.csrf) {
        let now = Utc::now().naive_utc();
        db::read(&pool, move |conn| {
            challenges::consume(conn, &cookie_token, now)
        })
        .await?
    } else {
        false
    };
    if !issued {
        return reply
            .refused(
                StatusCode::FORBIDDEN,
                &name,
                "Biểu mẫu đăng nhập đã hết hạn. Xin nhập lại tên và mật khẩu.",
                "mã biểu mẫu đăng nhập không hợp lệ hoặc đã hết hạn",
            )
            .await;
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return reply
            .refused(
                StatusCode::BAD_REQUEST,
                &name,
                "Tên đăng nhập dài quá 100 ký tự.",
                "tên đăng nhập dài quá 100 ký tự",
            )
            .await;
    }
    if form.password.len() > MAX_PASSWORD_BYTES {
        return reply
            .refused(
                StatusCode::BAD_REQUEST,
                &name,
                "Mật khẩu dài quá giới hạn cho phép.",
                "mật khẩu dài quá 1024 byte",
            )
            .await;
    }

    let reserved = {
        let (name, address) = (name.clone(), address.clone());
        let now = Utc::now().naive_utc();
        db::read(&pool, move |conn| {
            attempts::reserve(conn, &name, &address, now)
        })
        .await?
    };
    let reservation = match reserved {
        Ok(reservation) => reservation,
        Err(refusal) => {
            return reply
                .refused(
                    StatusCode::TOO_MANY_REQUESTS,
                    &name,
                    refusal.message(),
                    refusal.note(),
                )
                .await;
        }
    };
    pause.wait(reservation.delay()).await;

    // Should a read below fail, the reservation stays pending and counts
    // as a failure until it leaves the window: on the safe side.
    let account = {
        let name = name.clone();
        db::read(&pool, move |conn| users::find_by_name(conn, &name)).await?
    };
    let stored = account.as_ref().map(|u| u.password_hash.clone());
    let verified = password::Limiter::shared()
        .verify(stored, form.password)
        .await;
    let Ok(matches) = verified else {
        db::read(&pool, move |conn| attempts::release(conn, reservation.id)).await?;
        return reply
            .refused(
                StatusCode::SERVICE_UNAVAILABLE,
                &name,
                "Máy chủ đang bận kiểm tra các lần đăng nhập khác. Xin thử lại sau ít giây.",
                "máy chủ bận: quá nhiều lần kiểm tra mật khẩu cùng lúc",
            )
            .await;
    };
    let account = account.filter(|u| matches && !u.disabled);

    let Some(user) = account else {
        let (name, address) = (name.clone(), address.clone());
        db::read(&pool, move |conn| {
            db::write_quiet(conn, |conn| {
                attempts::failed(conn, reservation.id)?;
                audit::record(
                    conn,
                    Entry {
                        user_name: Some(&name),
                        address: Some(&address),
                        action: "login_failed",
                        ..Default::default()
                    },
                )
            })
        })
        .await?;
        return reply
            .form(
                StatusCode::UNAUTHORIZED,
                Some("Tên đăng nhập hoặc mật khẩu không đúng."),
            )
            .await;
    };

    let new_session = {
        let (user_id, user_name, address) = (user.id, user.name.clone(), address.clone());
        db::read(&pool, move |conn| {
            db::write_quiet(conn, |conn| {
                let created = session::create(conn, user_id).map_err(|e| match e {
                    session::SessionError::Database(db) => db,
                    other => diesel::result::Error::QueryBuilderError(other.to_string().into()),
                })?;
                attempts::succeeded(conn, reservation.id)?;
                audit::record(
                    conn,
                    Entry {
                        user_id: Some(user_id),
                        user_name: Some(&user_name),
                        address: Some(&address),
                        action: "login_succeeded",
                        ..Default::default()
                    },
                )?;
                Ok(created)
            })
        })
        .await?
    };
    let mut session_cookie = policy.cookie(policy.session_name(), new_session.token);
    session_cookie.set_max_age(actix_web::cookie::time::Duration::hours(12));
    Ok(HttpResponse::SeeOther()
        .insert_header((LOCATION, next))
        .cookie(session_cookie)
        .cookie(policy.removal(policy.login_csrf_name()))
        .finish())
}

#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    pub csrf: String,
}

pub async fn logout(
    req: HttpRequest,
    form: Form<LogoutForm>,
    pool: web::Data<DbPool>,
    policy: web::Data<CookiePolicy>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    if let Some(user) = viewer.user() {
        super::verify_csrf(&pool, &req, user, &form.csrf).await?;
        let token = req
            .cookie(policy.session_name())
            .map(|c| c.value().to_string())
            .unwrap_or_default();
        let (user_id, user_name, address) = (user.id, user.name.clone(), client_address(&req));
        db::read(&pool, move |conn| {
            session::end(conn, &token)?;
            audit::record(
                conn,
                Entry {
                    user_id: Some(user_id),
                    user_name: Some(&user_name),
                    address: Some(&address),
                    action: "logout",
                    ..Default::default()
                },
            )
        })
        .await?;
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((LOCATION, "/"))
        .cookie(policy.removal(policy.session_name()))
        .finish())
}
