//! `thidua restore FILE`: puts a backup in place of a stopped
//! deployment's database.
//!
//! The server must be stopped first: a running server would keep its own
//! open file and its -wal. Restore refuses when the database is still
//! open elsewhere, when the backup fails its checks, and when the backup
//! comes from a newer version of thidua (it has migrations this binary
//! does not know, so this binary could not serve it). An older backup is
//! fine: the server applies the missing migrations when it starts.

use std::path::Path;

use diesel::prelude::*;
use diesel::sql_types::Text;

use super::{Summary, check, known_migrations, sync_dir, temp_next_to};
use crate::server::BoxError;

pub fn restore(backup: &Path, database: &Path) -> Result<Summary, BoxError> {
    let summary = check(backup)?;
    let known = known_migrations()?;
    let applied = super::applied_migrations(backup)?;
    if let Some(newer) = applied.iter().find(|v| !known.contains(v)) {
        return Err(format!(
            "bản sao lưu {} có migration {newer} mà phiên bản thidua này chưa có; \
             hãy khôi phục bằng phiên bản thidua đã tạo ra nó",
            backup.display()
        )
        .into());
    }
    if database.exists() {
        refuse_if_in_use(database)?;
    }
    let dir = database.parent().unwrap_or(Path::new(""));
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = temp_next_to(database);
    let copied = std::fs::copy(backup, &temp).and_then(|_| std::fs::File::open(&temp)?.sync_all());
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("không chép được {}: {e}", backup.display()).into());
    }
    std::fs::rename(&temp, database)?;
    // The old database's journal files would be applied to the restored
    // file on the next open: remove them.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut stale = database.as_os_str().to_owned();
        stale.push(suffix);
        match std::fs::remove_file(&stale) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    sync_dir(dir)?;
    Ok(summary)
}

#[derive(QueryableByName)]
struct Mode {
    #[diesel(sql_type = Text)]
    journal_mode: String,
}

/// Leaving WAL mode needs the database to itself: while any other
/// connection (a running server's pool) has the file open, SQLite keeps
/// the WAL mode and answers "wal" or "database is locked". When it
/// succeeds, the WAL has also been checkpointed and removed.
fn refuse_if_in_use(database: &Path) -> Result<(), BoxError> {
    let in_use = || -> BoxError {
        format!(
            "cơ sở dữ liệu {} đang được mở (máy chủ còn chạy?); hãy dừng máy chủ trước khi khôi phục",
            database.display()
        )
        .into()
    };
    let mut conn = super::open_existing(database)?;
    diesel::sql_query("PRAGMA busy_timeout = 0").execute(&mut conn)?;
    let mode: Vec<Mode> = diesel::sql_query("PRAGMA journal_mode = DELETE")
        .load(&mut conn)
        .map_err(|_| in_use())?;
    match mode.first() {
        Some(m) if m.journal_mode.eq_ignore_ascii_case("delete") => Ok(()),
        _ => Err(in_use()),
    }
}
