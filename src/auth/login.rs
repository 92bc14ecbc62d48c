//! The login and logout pages.
//!
//! Failed logins are slowed down per account (a growing delay, capped, so
//! the owner can still get in while someone guesses) and refused per
//! address after many failures (the guesser's address, not the clerk's).

use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use super::{CookiePolicy, Viewer, client_address, password, session, tokens, users};
use crate::audit::{self, Entry};
use crate::db::{self, DbPool};
use crate::web::error::AppError;
use crate::web::url::safe_next;

/// Failures counted over this window.
const WINDOW_MINUTES: i64 = 15;
/// From this many failures for an account, each attempt waits longer.
const SLOW_AFTER: i64 = 3;
const MAX_DELAY: Duration = Duration::from_secs(5);
/// From this many failures from one address, attempts are refused.
const ADDRESS_LIMIT: i64 = 30;

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

fn render(
    status: StatusCode,
    page: LoginPage<'_>,
    policy: &CookiePolicy,
) -> Result<HttpResponse, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .cookie(policy.cookie(policy.login_csrf_name(), page.csrf.to_string()))
        .body(html))
}

fn fresh_token() -> Result<String, AppError> {
    tokens::random_token().map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn login_form(
    query: web::Query<NextQuery>,
    policy: web::Data<CookiePolicy>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let next = safe_next(query.next.as_deref());
    if viewer.user().is_some() {
        return Ok(HttpResponse::SeeOther()
            .insert_header((LOCATION, next))
            .finish());
    }
    let csrf = fresh_token()?;
    render(
        StatusCode::OK,
        LoginPage {
            viewer,
            next: &next,
            name: "",
            error: None,
            csrf: &csrf,
        },
        &policy,
    )
}

pub async fn login(
    req: HttpRequest,
    form: crate::web::form::Form<LoginForm>,
    pool: web::Data<DbPool>,
    policy: web::Data<CookiePolicy>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let next = safe_next(form.next.as_deref());
    let name = form.name.trim().to_string();
    let address = client_address(&req);
    let again = |status, error| -> Result<HttpResponse, AppError> {
        let csrf = fresh_token()?;
        render(
            status,
            LoginPage {
                viewer: Viewer::default(),
                next: &next,
                name: &name,
                error: Some(error),
                csrf: &csrf,
            },
            &policy,
        )
    };

    // The login form's token travels in a cookie and in the form: a page
    // of another site can send neither.
    let cookie_token = req
        .cookie(policy.login_csrf_name())
        .map(|c| c.value().to_string());
    if !cookie_token.is_some_and(|t| !t.is_empty() && tokens::same(&t, &form.csrf)) {
        return again(
            StatusCode::FORBIDDEN,
            "Biểu mẫu đăng nhập đã hết hạn. Xin nhập lại tên và mật khẩu.",
        );
    }

    let since = Utc::now().naive_utc() - chrono::Duration::minutes(WINDOW_MINUTES);
    let (by_name, by_address) = {
        let (name, address) = (name.clone(), address.clone());
        db::read(&pool, move |conn| {
            audit::recent_failures(conn, &name, &address, since)
        })
        .await?
    };
    if by_address >= ADDRESS_LIMIT {
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            "Có quá nhiều lần đăng nhập sai từ địa chỉ này. Xin thử lại sau 15 phút.",
        );
    }
    if by_name >= SLOW_AFTER {
        let doubling = (by_name - SLOW_AFTER).min(10) as u32;
        let delay = Duration::from_millis(250 * 2u64.pow(doubling)).min(MAX_DELAY);
        actix_web::rt::time::sleep(delay).await;
    }

    let account = {
        let name = name.clone();
        db::read(&pool, move |conn| users::find_by_name(conn, &name)).await?
    };
    let password_text = form.password;
    let stored = account
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| password::dummy_hash().to_string());
    // argon2 is meant to be slow: keep it off the async workers.
    let matches = web::block(move || password::verify(&stored, &password_text)).await?;
    let account = account.filter(|u| matches && !u.disabled);

    let Some(user) = account else {
        let (name, address) = (name.clone(), address.clone());
        db::read(&pool, move |conn| {
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
        .await?;
        return again(
            StatusCode::UNAUTHORIZED,
            "Tên đăng nhập hoặc mật khẩu không đúng.",
        );
    };

    let new_session = {
        let (user_id, user_name, address) = (user.id, user.name.clone(), address.clone());
        db::read(&pool, move |conn| {
            db::write(conn, |conn| {
                let created = session::create(conn, user_id).map_err(|e| match e {
                    session::SessionError::Database(db) => db,
                    other => diesel::result::Error::QueryBuilderError(other.to_string().into()),
                })?;
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
    form: crate::web::form::Form<LogoutForm>,
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
