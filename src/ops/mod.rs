//! Operator's tools: online backup of a SQLite deployment, restore into a
//! stopped one, and the checks both run on a database file (a PostgreSQL
//! deployment uses `pg_dump` / `pg_restore` instead); and `copy`, which
//! moves a deployment between engines.

pub mod backup;
pub mod copy;
pub mod restore;

use std::path::Path;

use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::server::BoxError;

/// What a checked database file holds, for the one-line summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub bytes: u64,
    pub cluster_years: i64,
    pub attachments: i64,
}

impl Summary {
    /// "1,2 MB, 14 năm của các cụm, 3 tệp đính kèm"
    pub fn describe(&self) -> String {
        let mb = format!("{:.1}", self.bytes as f64 / (1024.0 * 1024.0));
        format!(
            "{} MB, {} năm của các cụm, {} tệp đính kèm",
            crate::domain::number::vietnamese(&mb),
            crate::domain::number::count(self.cluster_years),
            crate::domain::number::count(self.attachments),
        )
    }
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Opens an existing database file without creating one.
fn open_existing(path: &Path) -> Result<SqliteConnection, BoxError> {
    if !path.is_file() {
        return Err(format!("không có tệp cơ sở dữ liệu {}", path.display()).into());
    }
    // A `file:` URI with mode=rw refuses to create a missing file.
    let uri = format!("file:{}?mode=rw", path.display());
    SqliteConnection::establish(&uri)
        .map_err(|e| format!("không mở được {}: {e}", path.display()).into())
}

/// Runs `PRAGMA integrity_check` and `foreign_key_check` on a database
/// file and counts what it holds; any problem is an error naming the file.
pub fn check(path: &Path) -> Result<Summary, BoxError> {
    let mut conn = open_existing(path)?;
    let integrity: Vec<Line> =
        diesel::sql_query("SELECT integrity_check AS line FROM pragma_integrity_check")
            .load(&mut conn)
            .map_err(|e| {
                format!(
                    "{} không phải cơ sở dữ liệu SQLite đọc được: {e}",
                    path.display()
                )
            })?;
    if integrity.len() != 1 || integrity[0].line != "ok" {
        let first = integrity.first().map(|l| l.line.as_str()).unwrap_or("");
        return Err(format!(
            "{} không qua kiểm tra toàn vẹn (integrity_check): {first}",
            path.display()
        )
        .into());
    }
    let broken: Vec<Line> = diesel::sql_query(
        "SELECT \"table\" || ' ' || COALESCE(rowid, '') AS line FROM pragma_foreign_key_check",
    )
    .load(&mut conn)?;
    if let Some(first) = broken.first() {
        return Err(format!(
            "{} có {} dòng trỏ tới hồ sơ không còn (foreign_key_check), ví dụ {}",
            path.display(),
            broken.len(),
            first.line
        )
        .into());
    }
    let cluster_years = crate::schema::cluster_years::table
        .count()
        .get_result(&mut conn)?;
    let attachments = crate::schema::attachments::table
        .count()
        .get_result(&mut conn)?;
    Ok(Summary {
        bytes: std::fs::metadata(path)?.len(),
        cluster_years,
        attachments,
    })
}

/// The migrations recorded in a database file (diesel's own table).
pub fn applied_migrations(path: &Path) -> Result<Vec<String>, BoxError> {
    let mut conn = open_existing(path)?;
    let versions: Vec<Line> = diesel::sql_query(
        "SELECT version AS line FROM __diesel_schema_migrations ORDER BY version",
    )
    .load(&mut conn)
    .map_err(|_| {
        format!(
            "{} không phải cơ sở dữ liệu của thidua (không có bảng migration)",
            path.display()
        )
    })?;
    Ok(versions.into_iter().map(|l| l.line).collect())
}

/// The migrations this binary carries, by version.
pub fn known_migrations() -> Result<Vec<String>, BoxError> {
    use diesel::migration::MigrationSource;
    let migrations = MigrationSource::<diesel::sqlite::Sqlite>::migrations(&crate::db::MIGRATIONS)?;
    Ok(migrations
        .iter()
        .map(|m| m.name().version().to_string())
        .collect())
}

/// Flushes a folder's entry list, so a rename inside it survives a crash.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::File::open(dir)?.sync_all()
}

/// A temporary name in the same folder as `target`, so that the final
/// rename is atomic (same file system).
fn temp_next_to(target: &Path) -> std::path::PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "thidua.db".to_string());
    target.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}
