//! The login form's token. Signed-in forms carry their session's token;
//! before signing in there is no session, so the server issues a
//! challenge when it renders the login form: a random token, in a cookie
//! and in the form, whose SHA-256 is kept here for an hour. The POST must
//! bring the same token in both and it must be one the server issued and
//! not yet used — a token the browser was made to carry (a planted cookie
//! with the same value in a forged form) is not.
//!
//! The table stays small: expired challenges are deleted whenever one is
//! issued, and an address keeps at most `PER_ADDRESS` open ones (the
//! oldest go first), so reloading the login page cannot grow it.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::tokens::digest;
use crate::db::{DbConn, write_quiet};
use crate::schema::login_challenges;

pub const LIFETIME: Duration = Duration::hours(1);
/// Open login forms per address: a whole office behind one NAT may open
/// the login page within the same hour.
pub const PER_ADDRESS: i64 = 200;

/// Keeps `token` as a challenge issued to `address`.
pub fn issue(conn: &mut DbConn, token: &str, address: &str, now: NaiveDateTime) -> QueryResult<()> {
    write_quiet(conn, |conn| {
        diesel::delete(
            login_challenges::table.filter(login_challenges::created_at.le(now - LIFETIME)),
        )
        .execute(conn)?;
        let oldest: Vec<String> = login_challenges::table
            .filter(login_challenges::address.eq(address))
            .order((
                login_challenges::created_at.desc(),
                login_challenges::token_hash,
            ))
            .offset(PER_ADDRESS - 1)
            .select(login_challenges::token_hash)
            .load(conn)?;
        if !oldest.is_empty() {
            diesel::delete(
                login_challenges::table.filter(login_challenges::token_hash.eq_any(&oldest)),
            )
            .execute(conn)?;
        }
        diesel::insert_into(login_challenges::table)
            .values((
                login_challenges::token_hash.eq(digest(token)),
                login_challenges::address.eq(address),
                login_challenges::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Uses up the challenge: true if the server issued `token` less than an
/// hour ago and it had not been used.
pub fn consume(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> QueryResult<bool> {
    if token.is_empty() {
        return Ok(false);
    }
    let deleted = diesel::delete(
        login_challenges::table
            .filter(login_challenges::token_hash.eq(digest(token)))
            .filter(login_challenges::created_at.gt(now - LIFETIME)),
    )
    .execute(conn)?;
    Ok(deleted == 1)
}
