//! Accounts, sessions, sign-in and the checks every write goes through.

pub mod address;
pub mod attempts;
pub mod challenges;
pub mod drafts;
pub mod login;
pub mod password;
pub mod session;
pub mod tokens;
pub mod users;

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, web};

use crate::db::{self, DbPool};
use crate::web::error::AppError;
pub use address::{TrustedProxies, client_address};
pub use session::SignedIn;

/// How the session cookie is named and flagged. With secure cookies on
/// (THIDUA_SECURE_COOKIES=1, behind HTTPS) it is `__Host-`-prefixed and
/// Secure, so no subdomain or plain-HTTP page can set or read it.
#[derive(Debug, Clone, Copy)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    pub fn session_name(&self) -> &'static str {
        if self.secure {
            "__Host-thidua_session"
        } else {
            "thidua_session"
        }
    }

    pub fn login_csrf_name(&self) -> &'static str {
        if self.secure {
            "__Host-thidua_login"
        } else {
            "thidua_login"
        }
    }

    /// A cookie with the flags every cookie of the portal carries.
    pub fn cookie(&self, name: &'static str, value: String) -> Cookie<'static> {
        Cookie::build(name, value)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .finish()
    }

    pub fn removal(&self, name: &'static str) -> Cookie<'static> {
        let mut cookie = self.cookie(name, String::new());
        cookie.set_max_age(CookieDuration::ZERO);
        cookie
    }
}

/// Who is asking: a signed-in account, or nobody. Resolving it reads the
/// database only when the request carries a session cookie.
#[derive(Debug, Clone, Default)]
pub struct Viewer(pub Option<SignedIn>);

impl Viewer {
    pub fn user(&self) -> Option<&SignedIn> {
        self.0.as_ref()
    }

    pub fn can_edit_cluster(&self, cluster_id: i32) -> bool {
        self.0
            .as_ref()
            .is_some_and(|u| u.can_edit_cluster(cluster_id))
    }

    pub fn is_admin(&self) -> bool {
        self.0.as_ref().is_some_and(SignedIn::is_admin)
    }

    pub fn csrf_token(&self) -> &str {
        self.0.as_ref().map(|u| u.csrf_token.as_str()).unwrap_or("")
    }
}

impl FromRequest for Viewer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if let Some(cached) = req.extensions().get::<Viewer>() {
            let cached = cached.clone();
            return Box::pin(async move { Ok(cached) });
        }
        let policy = req
            .app_data::<web::Data<CookiePolicy>>()
            .map(|p| *p.get_ref())
            .unwrap_or(CookiePolicy { secure: false });
        let token = req
            .cookie(policy.session_name())
            .map(|c| c.value().to_string());
        let pool = req.app_data::<web::Data<DbPool>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let viewer = match (token, pool) {
                (Some(token), Some(pool)) if token.len() == 64 => {
                    Viewer(db::read(&pool, move |conn| session::resolve(conn, &token)).await?)
                }
                _ => Viewer(None),
            };
            req.extensions_mut().insert(viewer.clone());
            Ok(viewer)
        })
    }
}

/// Checks a submitted CSRF token against the session's; a mismatch is a
/// refused write, and goes to the audit log.
pub async fn verify_csrf(
    pool: &web::Data<DbPool>,
    req: &HttpRequest,
    user: &SignedIn,
    submitted: &str,
) -> Result<(), AppError> {
    if tokens::same(&user.csrf_token, submitted) {
        return Ok(());
    }
    let (user_id, user_name, address) = (user.id, user.name.clone(), client_address(req));
    let note = format!(
        "{} {}: biểu mẫu không có mã CSRF hợp lệ",
        req.method(),
        req.path()
    );
    db::read(pool, move |conn| {
        crate::audit::record(
            conn,
            crate::audit::Entry {
                user_id: Some(user_id),
                user_name: Some(&user_name),
                address: Some(&address),
                action: "write_refused",
                note: Some(&note),
                ..Default::default()
            },
        )
    })
    .await?;
    Err(AppError::CsrfRejected)
}

/// The gate of every write to a cluster's records: not signed in → the
/// login page; signed in without the right → 403, written to the audit log.
pub async fn require_cluster_editor(
    pool: &web::Data<DbPool>,
    req: &HttpRequest,
    viewer: &Viewer,
    cluster_id: i32,
) -> Result<SignedIn, AppError> {
    require(
        pool,
        req,
        viewer,
        |u| u.can_edit_cluster(cluster_id),
        "cluster",
        Some(cluster_id),
    )
    .await
}

/// The gate of admin-only writes (users, catalogue, units, clusters).
pub async fn require_admin(
    pool: &web::Data<DbPool>,
    req: &HttpRequest,
    viewer: &Viewer,
    entity: &'static str,
) -> Result<SignedIn, AppError> {
    require(pool, req, viewer, SignedIn::is_admin, entity, None).await
}

async fn require(
    pool: &web::Data<DbPool>,
    req: &HttpRequest,
    viewer: &Viewer,
    allowed: impl Fn(&SignedIn) -> bool,
    entity: &'static str,
    entity_id: Option<i32>,
) -> Result<SignedIn, AppError> {
    let Some(user) = viewer.user() else {
        let address = client_address(req);
        let path = req.path().to_string();
        let method = req.method().to_string();
        if method != "GET" {
            db::read(pool, move |conn| {
                crate::audit::record(
                    conn,
                    crate::audit::Entry {
                        address: Some(&address),
                        action: "write_refused",
                        entity: Some(entity),
                        entity_id,
                        note: Some(&format!("{method} {path}: chưa đăng nhập")),
                        ..Default::default()
                    },
                )
            })
            .await?;
        }
        return Err(AppError::LoginRequired(req.uri().to_string()));
    };
    if allowed(user) {
        return Ok(user.clone());
    }
    let (user_id, user_name) = (user.id, user.name.clone());
    let address = client_address(req);
    let note = format!("{} {}", req.method(), req.path());
    db::read(pool, move |conn| {
        crate::audit::record(
            conn,
            crate::audit::Entry {
                user_id: Some(user_id),
                user_name: Some(&user_name),
                address: Some(&address),
                action: "write_refused",
                entity: Some(entity),
                entity_id,
                note: Some(&note),
                ..Default::default()
            },
        )
    })
    .await?;
    Err(AppError::Forbidden)
}
