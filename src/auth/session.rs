//! Server-side sessions: created at login with a new token, ended at
//! logout, on a password change or when the account is disabled, after
//! 30 minutes idle and 12 hours in all.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::tokens::{digest, random_token};
use super::users;
use crate::db::{DbConn, write_quiet};
use crate::schema::{sessions, users as users_table};

pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// last_seen_at is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// The signed-in account behind a request.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub id: i32,
    pub name: String,
    pub role: String,
    pub clusters: Vec<i32>,
    pub csrf_token: String,
}

impl SignedIn {
    pub fn is_admin(&self) -> bool {
        self.role == "admin"
    }

    /// Admins edit every cluster, clerks those assigned to them.
    pub fn can_edit_cluster(&self, cluster_id: i32) -> bool {
        self.is_admin() || self.clusters.contains(&cluster_id)
    }

    pub fn role_label(&self) -> &'static str {
        if self.is_admin() {
            "Quản trị"
        } else {
            "Cán bộ nhập liệu"
        }
    }
}

#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
}

#[derive(Debug)]
pub enum SessionError {
    Random(getrandom::Error),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for SessionError {
    fn from(e: diesel::result::Error) -> Self {
        SessionError::Database(e)
    }
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionError::Random(e) => write!(f, "no randomness: {e}"),
            SessionError::Database(e) => write!(f, "{e}"),
        }
    }
}

/// A new session for the account, with a fresh token (never one the
/// browser brought along, so a planted session id is useless).
pub fn create(conn: &mut DbConn, user_id: i32) -> Result<NewSession, SessionError> {
    let token = random_token().map_err(SessionError::Random)?;
    let csrf_token = random_token().map_err(SessionError::Random)?;
    let now = Utc::now().naive_utc();
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(digest(&token)),
            sessions::user_id.eq(user_id),
            sessions::csrf_token.eq(&csrf_token),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(NewSession { token, csrf_token })
}

/// The account a session token belongs to, if the session is still alive.
pub fn resolve(conn: &mut DbConn, token: &str) -> QueryResult<Option<SignedIn>> {
    resolve_at(conn, token, Utc::now().naive_utc())
}

pub fn resolve_at(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<SignedIn>> {
    let hash = digest(token);
    let found: Option<(
        NaiveDateTime,
        NaiveDateTime,
        String,
        i32,
        String,
        String,
        bool,
    )> = sessions::table
        .inner_join(users_table::table)
        .filter(sessions::token_hash.eq(&hash))
        .select((
            sessions::created_at,
            sessions::last_seen_at,
            sessions::csrf_token,
            users_table::id,
            users_table::name,
            users_table::role,
            users_table::disabled,
        ))
        .first(conn)
        .optional()?;
    let Some((created, last_seen, csrf_token, id, name, role, disabled)) = found else {
        return Ok(None);
    };
    if disabled || now - last_seen > IDLE_TIMEOUT || now - created > ABSOLUTE_TIMEOUT {
        end(conn, token)?;
        return Ok(None);
    }
    if now - last_seen > TOUCH_EVERY {
        diesel::update(sessions::table.find(&hash))
            .set(sessions::last_seen_at.eq(now))
            .execute(conn)?;
    }
    Ok(Some(SignedIn {
        clusters: users::clusters_of(conn, id)?,
        id,
        name,
        role,
        csrf_token,
    }))
}

pub fn end(conn: &mut DbConn, token: &str) -> QueryResult<()> {
    write_quiet(conn, |conn| {
        diesel::delete(sessions::table.find(digest(token))).execute(conn)?;
        Ok(())
    })
}
