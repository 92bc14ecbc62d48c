//! `thidua copy --from A --to B`: moves a deployment between engines
//! (SQLite to PostgreSQL and back, or file to file), every row of every
//! table, in one transaction on the target; then verifies the copy by the
//! row counts of every table and by rendering every public page from both
//! databases and comparing them.
//!
//! Rows travel as text: each value is read as its text form (BLOBs as hex,
//! booleans as 0/1) and written back through the target's own types, so
//! one loop serves every table and both directions without a line per
//! column.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};

use crate::db::{self, AnyConnection, DbConn, Location};
use crate::server::BoxError;

/// Every table of the record, each after the tables it refers to.
/// `data_version` is copied like the rest, so the target's pages carry the
/// source's ETags.
pub const TABLES: [&str; 27] = [
    "organising_bodies",
    "clusters",
    "units",
    "memberships",
    "people",
    "cluster_years",
    "conferences",
    "conference_participants",
    "movements",
    "cluster_year_movements",
    "covenants",
    "indicators",
    "indicator_values",
    "member_results",
    "award_kinds",
    "users",
    "user_clusters",
    "sessions",
    "attachments",
    "login_attempts",
    "login_challenges",
    "audit_log",
    "award_proposals",
    "title_counts",
    "body_title_counts",
    "import_uploads",
    "data_version",
];

/// Rows written per statement.
const ROWS_PER_INSERT: usize = 200;

/// How a column's value travels as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Integer,
    Boolean,
    Date,
    Timestamp,
    Bytes,
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    kind: String,
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

fn columns(conn: &mut DbConn, table: &str) -> QueryResult<Vec<(String, Kind)>> {
    let sql = match conn {
        AnyConnection::Sqlite(_) => {
            format!("SELECT name, type AS kind FROM pragma_table_info('{table}') ORDER BY cid")
        }
        AnyConnection::Postgresql(_) => format!(
            "SELECT column_name::TEXT AS name, data_type::TEXT AS kind FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
        ),
    };
    let found: Vec<Column> = diesel::sql_query(sql).load(conn)?;
    Ok(found
        .into_iter()
        .map(|c| {
            let kind = match c.kind.to_ascii_lowercase().as_str() {
                "blob" | "bytea" => Kind::Bytes,
                "boolean" => Kind::Boolean,
                "integer" | "bigint" => Kind::Integer,
                "date" => Kind::Date,
                k if k.starts_with("timestamp") => Kind::Timestamp,
                _ => Kind::Plain,
            };
            (c.name, kind)
        })
        .collect())
}

/// Every row of a table, each as its values' text forms, in key order.
fn read_rows(
    conn: &mut DbConn,
    table: &str,
    columns: &[(String, Kind)],
) -> Result<Vec<Vec<Option<String>>>, BoxError> {
    let postgres = matches!(conn, AnyConnection::Postgresql(_));
    let values: Vec<String> = columns
        .iter()
        .map(|(name, kind)| match (postgres, kind) {
            (false, Kind::Bytes) => format!("hex(\"{name}\")"),
            (false, _) => format!("CAST(\"{name}\" AS TEXT)"),
            (true, Kind::Bytes) => format!("encode(\"{name}\", 'hex')"),
            (true, Kind::Boolean) => format!("\"{name}\"::INT::TEXT"),
            // The text SQLite keeps: no fractions of a second dropped or
            // added, the same words on the pages.
            (true, _) => format!("\"{name}\"::TEXT"),
        })
        .collect();
    let sql = if postgres {
        format!(
            "SELECT json_build_array({})::TEXT AS line FROM {table} ORDER BY 1",
            values.join(", ")
        )
    } else {
        format!(
            "SELECT json_array({}) AS line FROM {table} ORDER BY 1",
            values.join(", ")
        )
    };
    let lines: Vec<Line> = diesel::sql_query(sql).load(conn)?;
    lines
        .into_iter()
        .map(|l| Ok(serde_json::from_str::<Vec<Option<String>>>(&l.line)?))
        .collect()
}

/// Writes rows read by `read_rows` into the target's table.
fn write_rows(
    conn: &mut DbConn,
    table: &str,
    columns: &[(String, Kind)],
    rows: &[Vec<Option<String>>],
) -> QueryResult<()> {
    let postgres = matches!(conn, AnyConnection::Postgresql(_));
    let names: Vec<String> = columns.iter().map(|(n, _)| format!("\"{n}\"")).collect();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", names.join(", "));
        let mut at = 0;
        for (r, _) in chunk.iter().enumerate() {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for (c, (_, kind)) in columns.iter().enumerate() {
                if c > 0 {
                    sql.push_str(", ");
                }
                at += 1;
                let value = if postgres {
                    let p = format!("${at}");
                    match kind {
                        Kind::Bytes => format!("decode({p}, 'hex')"),
                        Kind::Boolean => format!("CAST({p} AS INTEGER)::BOOLEAN"),
                        Kind::Integer => format!("CAST({p} AS BIGINT)"),
                        Kind::Date => format!("CAST({p} AS DATE)"),
                        Kind::Timestamp => format!("CAST({p} AS TIMESTAMP)"),
                        Kind::Plain => p,
                    }
                } else {
                    match kind {
                        Kind::Bytes => "unhex(?)".to_string(),
                        Kind::Boolean | Kind::Integer => "CAST(? AS INTEGER)".to_string(),
                        // SQLite keeps dates and times as the text given.
                        _ => "?".to_string(),
                    }
                };
                sql.push_str(&value);
            }
            sql.push(')');
        }
        let mut query = diesel::sql_query(sql).into_boxed::<db::Backend>();
        for row in chunk {
            for (value, (_, kind)) in row.iter().zip(columns) {
                let value = match (postgres, kind, value) {
                    (true, Kind::Timestamp, Some(time)) => Some(to_microseconds(time)),
                    _ => value.clone(),
                };
                query = query.bind::<Nullable<Text>, _>(value);
            }
        }
        query.execute(conn)?;
    }
    Ok(())
}

/// A time as SQLite may keep it (to the nanosecond) cut to PostgreSQL's
/// microsecond, rather than rounded by it: cutting never moves a time
/// into the next second, and a copy back reads the same digits.
fn to_microseconds(time: &str) -> String {
    match time.split_once('.') {
        Some((seconds, fraction)) if fraction.len() > 6 => format!("{seconds}.{}", &fraction[..6]),
        _ => time.to_string(),
    }
}

fn count(conn: &mut DbConn, table: &str) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    Ok(
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<N>(conn)?
            .n,
    )
}

/// What a copy moved and checked.
#[derive(Debug, Default)]
pub struct Report {
    pub rows: i64,
    pub tables: usize,
    pub pages: usize,
}

impl Report {
    pub fn describe(&self) -> String {
        format!(
            "{} dòng trong {} bảng; {} trang giống hệt nhau trên hai cơ sở dữ liệu",
            crate::domain::number::count(self.rows),
            self.tables,
            crate::domain::number::count(self.pages as i64)
        )
    }
}

/// Copies every row from `from` into `to`, which must hold no records
/// yet (it is created and migrated if needed), then verifies the copy.
pub async fn copy(from: &Location, to: &Location) -> Result<Report, BoxError> {
    if from == to {
        return Err("Nguồn và đích là một".into());
    }
    let source = db::open_location(from, 2).map_err(|e| e.to_string())?;
    let target = db::open_location(to, 2).map_err(|e| e.to_string())?;
    {
        let mut conn = source.get()?;
        if db::has_pending_migration(&mut conn)? {
            return Err(
                format!("{from}: chưa cập nhật migration (chạy thidua migrate trước)").into(),
            );
        }
    }
    let mut out = target.get()?;
    db::migrate(&mut out)?;
    for table in TABLES.iter().filter(|t| **t != "data_version") {
        if count(&mut out, table)? > 0 {
            return Err(format!(
                "{to}: đã có dữ liệu (bảng {table}); chỉ sao chép vào cơ sở dữ liệu mới"
            )
            .into());
        }
    }
    let mut inn = source.get()?;
    // Read in one snapshot, written in one transaction: a copy taken while
    // clerks save holds each save whole or not at all.
    let rows = db::snapshot(&mut inn, |inn| Ok(copy_rows(inn, &mut out)))??;
    let mut report = Report {
        rows,
        tables: TABLES.len(),
        pages: 0,
    };
    drop(inn);
    drop(out);

    // The counts of every table agree.
    {
        let mut a = source.get()?;
        let mut b = target.get()?;
        for table in TABLES {
            let (x, y) = (count(&mut a, table)?, count(&mut b, table)?);
            if x != y {
                return Err(format!("bảng {table}: {x} dòng ở nguồn, {y} dòng ở đích").into());
            }
        }
    }
    db::optimize(&mut *target.get()?)?;
    report.pages = compare_pages(source, target).await?;
    Ok(report)
}

/// Every row of every table, in one transaction on the target.
fn copy_rows(inn: &mut DbConn, out: &mut DbConn) -> Result<i64, BoxError> {
    out.transaction::<_, BoxError, _>(|out| {
        match out {
            // Units refer to each other; the keys are checked at commit.
            AnyConnection::Sqlite(c) => c.batch_execute("PRAGMA defer_foreign_keys = ON;")?,
            AnyConnection::Postgresql(c) => c.batch_execute("SET CONSTRAINTS ALL DEFERRED;")?,
        }
        diesel::sql_query("DELETE FROM data_version").execute(out)?;
        let mut rows = 0;
        let mut with_ids = Vec::new();
        for table in TABLES {
            let from_columns = columns(inn, table)?;
            let to_columns = columns(out, table)?;
            let names = |c: &[(String, Kind)]| c.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
            if names(&from_columns) != names(&to_columns) {
                return Err(format!("bảng {table}: hai cơ sở dữ liệu khác cột").into());
            }
            let data = read_rows(inn, table, &from_columns)?;
            write_rows(out, table, &to_columns, &data)?;
            if to_columns.iter().any(|(name, _)| name == "id") {
                with_ids.push(table);
            }
            rows += data.len() as i64;
        }
        if let AnyConnection::Postgresql(c) = out {
            // Ids were copied as they were: each identity goes on from the
            // largest.
            for table in with_ids {
                c.batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table} \
                     WHERE pg_get_serial_sequence('{table}', 'id') IS NOT NULL HAVING MAX(id) IS NOT NULL"
                ))?;
            }
        }
        Ok(rows)
    })
}

/// Every public page, rendered from both databases: they must be the same
/// byte for byte. Returns how many were compared.
async fn compare_pages(source: db::DbPool, target: db::DbPool) -> Result<usize, BoxError> {
    use crate::web::app::{AppConfig, build_app};
    use actix_web::test;
    let uris = page_uris(&mut *source.get()?)?;
    let config = |pool| AppConfig {
        pool,
        static_dir: None,
        cookies: crate::auth::CookiePolicy { secure: false },
        trusted_proxies: Default::default(),
        cache: Default::default(),
        login_pause: Default::default(),
    };
    let a = test::init_service(build_app(config(source))).await;
    let b = test::init_service(build_app(config(target))).await;
    for uri in &uris {
        let from = test::call_service(&a, test::TestRequest::get().uri(uri).to_request()).await;
        let to = test::call_service(&b, test::TestRequest::get().uri(uri).to_request()).await;
        let (from_status, to_status) = (from.status(), to.status());
        let (from_body, to_body) = (test::read_body(from).await, test::read_body(to).await);
        if from_status != to_status || from_body != to_body {
            return Err(format!("trang {uri} khác nhau giữa nguồn và đích").into());
        }
    }
    Ok(uris.len())
}

/// The public pages of a database: home, tallies, rotation, a search, and
/// every cluster, published year (with its print view), unit and body.
fn page_uris(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    use crate::schema::{cluster_years, clusters, organising_bodies, units};
    let mut uris: Vec<String> = ["/", "/awards", "/rotation", "/search?q=thi+%C4%91ua"]
        .iter()
        .map(|u| u.to_string())
        .collect();
    for id in clusters::table
        .select(clusters::id)
        .order(clusters::id)
        .load::<i32>(conn)?
    {
        uris.push(format!("/clusters/{id}"));
    }
    let years: Vec<(i32, i32)> = cluster_years::table
        .filter(cluster_years::status.eq("published"))
        .select((cluster_years::cluster_id, cluster_years::year))
        .order((cluster_years::cluster_id, cluster_years::year))
        .load(conn)?;
    for (cluster, year) in years {
        uris.push(format!("/clusters/{cluster}/years/{year}"));
        uris.push(format!("/clusters/{cluster}/years/{year}/print"));
    }
    for id in units::table
        .select(units::id)
        .order(units::id)
        .load::<i32>(conn)?
    {
        uris.push(format!("/units/{id}"));
    }
    for id in organising_bodies::table
        .select(organising_bodies::id)
        .order(organising_bodies::id)
        .load::<i32>(conn)?
    {
        uris.push(format!("/bodies/{id}"));
    }
    Ok(uris)
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_cut_to_the_microsecond() {
        assert_eq!(
            super::to_microseconds("2026-12-02 15:33:40.604823512"),
            "2026-12-02 15:33:40.604823"
        );
        assert_eq!(
            super::to_microseconds("2026-12-02 15:33:40"),
            "2026-12-02 15:33:40"
        );
        assert_eq!(
            super::to_microseconds("2026-12-02 15:33:40.5"),
            "2026-12-02 15:33:40.5"
        );
    }
}
