//! `thidua backup FILE`: a consistent snapshot of the live database.
//!
//! `VACUUM INTO` copies the database as one read transaction sees it: in
//! WAL mode the server's writers keep writing meanwhile (they only wait
//! for the final checkpoint, not for the copy), and every write committed
//! before the backup began is in the copy. Attachments are BLOBs of the
//! same file, so they come along.

use std::path::{Path, PathBuf};

use diesel::prelude::*;
use diesel::sql_types::Text;

use super::{Summary, check, open_existing, sync_dir, temp_next_to};
use crate::server::BoxError;

/// Writes a checked copy of `database` to `target`: first under a
/// temporary name in the target's folder, renamed only once the copy has
/// passed `integrity_check` and `foreign_key_check`.
pub fn backup(database: &Path, target: &Path, force: bool) -> Result<Summary, BoxError> {
    if target.exists() && !force {
        return Err(format!(
            "tệp {} đã có; chọn tên khác hoặc thêm --force để ghi đè",
            target.display()
        )
        .into());
    }
    let dir = target.parent().unwrap_or(Path::new(""));
    if !dir.as_os_str().is_empty() && !dir.is_dir() {
        return Err(format!("không có thư mục {}", dir.display()).into());
    }
    let temp = temp_next_to(target);
    let _ = std::fs::remove_file(&temp);
    let result = write_and_check(database, &temp);
    match result {
        Ok(summary) => {
            std::fs::rename(&temp, target)?;
            sync_dir(dir)?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// A dated backup in a folder (the nightly timer's form): writes
/// `thidua-YYYYMMDD-HHMMSS.db` there, then, if asked, removes all but the
/// newest `keep` of them. Other files in the folder are left alone.
pub fn backup_into(
    database: &Path,
    dir: &Path,
    keep: Option<u32>,
) -> Result<(PathBuf, Summary), BoxError> {
    let name = chrono::Local::now()
        .format("thidua-%Y%m%d-%H%M%S.db")
        .to_string();
    let target = dir.join(name);
    let summary = backup(database, &target, false)?;
    if let Some(keep) = keep {
        let mut dated: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(is_dated_backup)
            })
            .collect();
        dated.sort();
        let excess = dated.len().saturating_sub(keep as usize);
        for old in &dated[..excess] {
            std::fs::remove_file(old)?;
        }
    }
    Ok((target, summary))
}

/// `thidua-20261201-023000.db`
fn is_dated_backup(name: &str) -> bool {
    let Some(stamp) = name
        .strip_prefix("thidua-")
        .and_then(|n| n.strip_suffix(".db"))
    else {
        return false;
    };
    stamp.len() == 15
        && stamp
            .char_indices()
            .all(|(i, c)| if i == 8 { c == '-' } else { c.is_ascii_digit() })
}

fn write_and_check(database: &Path, temp: &Path) -> Result<Summary, BoxError> {
    let mut conn = open_existing(database)?;
    // The server's writers hold the lock only briefly; wait for them.
    diesel::sql_query("PRAGMA busy_timeout = 10000").execute(&mut conn)?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(temp.to_string_lossy())
        .execute(&mut conn)
        .map_err(|e| format!("không sao lưu được {}: {e}", database.display()))?;
    drop(conn);
    std::fs::File::open(temp)?.sync_all()?;
    check(temp)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_dated_backups_are_pruned() {
        assert!(super::is_dated_backup("thidua-20261201-023000.db"));
        assert!(!super::is_dated_backup("thidua.db"));
        assert!(!super::is_dated_backup("thidua-before-upgrade.db"));
        assert!(!super::is_dated_backup("thidua-20261201-023000.db-wal"));
    }
}
