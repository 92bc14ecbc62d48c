//! Login throttling. Every attempt is reserved in `login_attempts` before
//! its password is verified, in one IMMEDIATE transaction that counts the
//! recent attempts and inserts the reservation only under the limits; so
//! a hundred parallel POSTs cannot all pass a check made before any of
//! them was recorded. A reservation is 'pending' until the verification
//! marks it 'failed' or 'succeeded'; pending ones count as failures.
//!
//! The limits, over the last 15 minutes:
//! - per account, from 3 failures on, each attempt waits longer (0,25 s,
//!   doubling, at most 5 s) — the owner can still get in while someone
//!   guesses;
//! - per account and address, 10 failures refuse further attempts: the
//!   guesser is stopped without locking out the other clerks behind the
//!   same office NAT or proxy;
//! - per account from all addresses, 50 failures refuse further attempts
//!   (a guesser with many addresses), except from an address that signed
//!   in to this account successfully within 30 days;
//! - per address over all accounts, 300 failures refuse further attempts
//!   (password spraying); high enough for a whole office behind one NAT.
//!
//! Success from an address clears that account-and-address count. Rows
//! leave the table when they stop counting, so it stays small.

use std::time::Duration as StdDuration;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConn, write_quiet};
use crate::schema::login_attempts;

pub const WINDOW: Duration = Duration::minutes(15);
pub const SLOW_AFTER: i64 = 3;
pub const MAX_DELAY: StdDuration = StdDuration::from_secs(5);
pub const ACCOUNT_AND_ADDRESS_LIMIT: i64 = 10;
pub const ACCOUNT_LIMIT: i64 = 50;
pub const ADDRESS_LIMIT: i64 = 300;
/// How long a successful sign-in makes its address known to the account.
pub const KNOWN_ADDRESS: Duration = Duration::days(30);

const COUNTED: [&str; 2] = ["pending", "failed"];

/// Why an attempt was not let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    AccountAndAddress,
    Account,
    Address,
}

impl Refusal {
    /// What the person at the form reads.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::AccountAndAddress => {
                "Có quá nhiều lần đăng nhập sai vào tài khoản này từ địa chỉ của bạn. \
                 Xin thử lại sau 15 phút."
            }
            Refusal::Account => {
                "Có quá nhiều lần đăng nhập sai vào tài khoản này. Xin thử lại sau 15 phút, \
                 hoặc liên hệ quản trị viên."
            }
            Refusal::Address => {
                "Có quá nhiều lần đăng nhập sai từ địa chỉ này. Xin thử lại sau 15 phút."
            }
        }
    }

    /// The audit log's note.
    pub fn note(self) -> &'static str {
        match self {
            Refusal::AccountAndAddress => "quá nhiều lần sai: tài khoản và địa chỉ",
            Refusal::Account => "quá nhiều lần sai: tài khoản",
            Refusal::Address => "quá nhiều lần sai: địa chỉ",
        }
    }
}

/// A reserved attempt, and the account's recent failures before it.
#[derive(Debug, Clone, Copy)]
pub struct Reservation {
    pub id: i32,
    pub failures_before: i64,
}

impl Reservation {
    /// How long this attempt waits before its password is verified.
    pub fn delay(&self) -> StdDuration {
        if self.failures_before < SLOW_AFTER {
            return StdDuration::ZERO;
        }
        let doubling = (self.failures_before - SLOW_AFTER).min(10) as u32;
        StdDuration::from_millis(250 * 2u64.pow(doubling)).min(MAX_DELAY)
    }
}

/// How a login waits out its attempt's delay. The server sleeps; a test
/// app writes the delay down instead, so the tests check every delay the
/// handler would wait without spending the seconds.
#[derive(Debug, Clone, Default)]
pub enum Pause {
    #[default]
    Sleep,
    Record(std::sync::Arc<std::sync::Mutex<Vec<StdDuration>>>),
}

impl Pause {
    /// A pause that records instead of sleeping.
    pub fn recording() -> Self {
        Pause::Record(Default::default())
    }

    pub async fn wait(&self, delay: StdDuration) {
        match self {
            Pause::Sleep => actix_web::rt::time::sleep(delay).await,
            Pause::Record(log) => log
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(delay),
        }
    }

    /// The delays recorded so far (none for a sleeping pause).
    pub fn recorded(&self) -> Vec<StdDuration> {
        match self {
            Pause::Sleep => Vec::new(),
            Pause::Record(log) => log
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone(),
        }
    }
}

type Backend = <DbConn as diesel::Connection>::Backend;

/// The attempts that count against the limits.
fn counted_since(since: NaiveDateTime) -> login_attempts::BoxedQuery<'static, Backend> {
    login_attempts::table
        .filter(login_attempts::at.gt(since))
        .filter(login_attempts::outcome.eq_any(COUNTED))
        .into_boxed()
}

/// Reserves an attempt for `name` from `address` if it is under every
/// limit. The count and the insert are one IMMEDIATE transaction, so
/// concurrent reservations are serialised.
pub fn reserve(
    conn: &mut DbConn,
    name: &str,
    address: &str,
    now: NaiveDateTime,
) -> QueryResult<Result<Reservation, Refusal>> {
    write_quiet(conn, |conn| {
        prune(conn, now)?;
        let since = now - WINDOW;
        let by_pair: i64 = counted_since(since)
            .filter(login_attempts::user_name.eq(name))
            .filter(login_attempts::address.eq(address))
            .count()
            .get_result(conn)?;
        if by_pair >= ACCOUNT_AND_ADDRESS_LIMIT {
            return Ok(Err(Refusal::AccountAndAddress));
        }
        let by_address: i64 = counted_since(since)
            .filter(login_attempts::address.eq(address))
            .count()
            .get_result(conn)?;
        if by_address >= ADDRESS_LIMIT {
            return Ok(Err(Refusal::Address));
        }
        let by_account: i64 = counted_since(since)
            .filter(login_attempts::user_name.eq(name))
            .count()
            .get_result(conn)?;
        if by_account >= ACCOUNT_LIMIT && !known_address(conn, name, address, now)? {
            return Ok(Err(Refusal::Account));
        }
        let id = diesel::insert_into(login_attempts::table)
            .values((
                login_attempts::at.eq(now),
                login_attempts::user_name.eq(name),
                login_attempts::address.eq(address),
                login_attempts::outcome.eq("pending"),
            ))
            .returning(login_attempts::id)
            .get_result(conn)?;
        Ok(Ok(Reservation {
            id,
            failures_before: by_account,
        }))
    })
}

fn known_address(
    conn: &mut DbConn,
    name: &str,
    address: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let found: i64 = login_attempts::table
        .filter(login_attempts::user_name.eq(name))
        .filter(login_attempts::address.eq(address))
        .filter(login_attempts::at.gt(now - KNOWN_ADDRESS))
        .filter(login_attempts::outcome.eq("succeeded"))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// Rows that no longer count: attempts older than the window, successes
/// older than the known-address period.
fn prune(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(
        login_attempts::table
            .filter(login_attempts::at.le(now - WINDOW))
            .filter(login_attempts::outcome.ne("succeeded")),
    )
    .execute(conn)?;
    diesel::delete(login_attempts::table.filter(login_attempts::at.le(now - KNOWN_ADDRESS)))
        .execute(conn)?;
    Ok(())
}

/// The password was wrong (or the account unknown or disabled).
pub fn failed(conn: &mut DbConn, id: i32) -> QueryResult<()> {
    diesel::update(login_attempts::table.find(id))
        .set(login_attempts::outcome.eq("failed"))
        .execute(conn)?;
    Ok(())
}

/// The password was right: the address is now known to the account, and
/// its earlier failures from there no longer count.
pub fn succeeded(conn: &mut DbConn, id: i32) -> QueryResult<()> {
    write_quiet(conn, |conn| {
        let Some((name, address)) = login_attempts::table
            .find(id)
            .select((login_attempts::user_name, login_attempts::address))
            .first::<(String, String)>(conn)
            .optional()?
        else {
            return Ok(());
        };
        diesel::delete(
            login_attempts::table
                .filter(login_attempts::user_name.eq(&name))
                .filter(login_attempts::address.eq(&address))
                .filter(login_attempts::outcome.eq_any(["failed", "succeeded"])),
        )
        .execute(conn)?;
        diesel::update(login_attempts::table.find(id))
            .set(login_attempts::outcome.eq("succeeded"))
            .execute(conn)?;
        Ok(())
    })
}

/// The password was never verified (the server was busy): the attempt
/// does not count.
pub fn release(conn: &mut DbConn, id: i32) -> QueryResult<()> {
    diesel::delete(login_attempts::table.find(id)).execute(conn)?;
    Ok(())
}
