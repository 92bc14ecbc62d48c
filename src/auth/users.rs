//! Accounts: creating them, changing passwords, disabling, listing.

use chrono::Utc;
use diesel::prelude::*;

use crate::db::{DbConn, write_quiet};
use crate::schema::{sessions, user_clusters, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i32,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub disabled: bool,
}

pub fn find_by_name(conn: &mut DbConn, name: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::name.eq(name))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn clusters_of(conn: &mut DbConn, user_id: i32) -> QueryResult<Vec<i32>> {
    user_clusters::table
        .filter(user_clusters::user_id.eq(user_id))
        .select(user_clusters::cluster_id)
        .load(conn)
}

/// Creates an account with its clusters, in one transaction.
pub fn create(
    conn: &mut DbConn,
    name: &str,
    password_hash: &str,
    role: &str,
    clusters: &[i32],
) -> QueryResult<i32> {
    write_quiet(conn, |conn| {
        let now = Utc::now().naive_utc();
        let id = diesel::insert_into(users::table)
            .values((
                users::name.eq(name),
                users::password_hash.eq(password_hash),
                users::role.eq(role),
                users::created_at.eq(now),
                users::password_changed_at.eq(now),
            ))
            .returning(users::id)
            .get_result(conn)?;
        for cluster in clusters {
            diesel::insert_into(user_clusters::table)
                .values((
                    user_clusters::user_id.eq(id),
                    user_clusters::cluster_id.eq(cluster),
                ))
                .execute(conn)?;
        }
        Ok(id)
    })
}

/// Sets a new password and ends every session of the account.
pub fn set_password(conn: &mut DbConn, user_id: i32, password_hash: &str) -> QueryResult<()> {
    write_quiet(conn, |conn| {
        diesel::update(users::table.find(user_id))
            .set((
                users::password_hash.eq(password_hash),
                users::password_changed_at.eq(Utc::now().naive_utc()),
                // An admin form opened before this change must not undo it.
                users::version.eq(users::version + 1),
            ))
            .execute(conn)?;
        diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)?;
        Ok(())
    })
}

/// Disables (or enables) an account; disabling ends its sessions.
pub fn set_disabled(conn: &mut DbConn, user_id: i32, disabled: bool) -> QueryResult<()> {
    write_quiet(conn, |conn| {
        diesel::update(users::table.find(user_id))
            .set((
                users::disabled.eq(disabled),
                users::version.eq(users::version + 1),
            ))
            .execute(conn)?;
        if disabled {
            diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)?;
        }
        Ok(())
    })
}

/// Every account with its clusters, for `thidua user list`.
pub fn list(conn: &mut DbConn) -> QueryResult<Vec<(User, Vec<i32>)>> {
    let all: Vec<User> = users::table
        .order(users::name)
        .select(User::as_select())
        .load(conn)?;
    let links: Vec<(i32, i32)> = user_clusters::table
        .select((user_clusters::user_id, user_clusters::cluster_id))
        .load(conn)?;
    Ok(all
        .into_iter()
        .map(|u| {
            let clusters = links.iter().filter(|l| l.0 == u.id).map(|l| l.1).collect();
            (u, clusters)
        })
        .collect())
}
