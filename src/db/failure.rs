//! Which database failures are the server's passing trouble (a full disk,
//! a read-only or locked file) rather than a fault in the request: those
//! are answered 503 with the form kept, and clear by themselves once the
//! operator frees space or the lock is released.
//!
//! SQLite reports them through result codes that diesel folds into
//! `DatabaseErrorKind::Unknown`, so the message is what tells them apart.

use diesel::result::{DatabaseErrorKind, Error};

/// Why a write could not be done right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// SQLITE_FULL, or an I/O error while growing the file or its journal.
    DiskFull,
    /// The file or its folder is not writable.
    ReadOnly,
    /// Another writer kept the lock past the busy timeout.
    Busy,
}

impl Unavailable {
    /// What the clerk reads above the form that came back.
    pub fn message(self) -> &'static str {
        match self {
            Unavailable::DiskFull => {
                "Chưa lưu: máy chủ tạm thời hết chỗ ghi dữ liệu. Những gì bạn nhập vẫn còn bên dưới; \
                 hãy báo quản trị viên rồi bấm Lưu lại sau ít phút."
            }
            Unavailable::ReadOnly => {
                "Chưa lưu: cơ sở dữ liệu tạm thời chỉ cho đọc (đang bảo trì). Những gì bạn nhập vẫn còn \
                 bên dưới; hãy bấm Lưu lại sau ít phút."
            }
            Unavailable::Busy => {
                "Chưa lưu: cơ sở dữ liệu đang bận. Những gì bạn nhập vẫn còn bên dưới; hãy bấm Lưu lại."
            }
        }
    }
}

/// Classifies a database error; `None` for errors that are not passing.
pub fn unavailable(error: &Error) -> Option<Unavailable> {
    let Error::DatabaseError(kind, info) = error else {
        return None;
    };
    if matches!(kind, DatabaseErrorKind::ReadOnlyTransaction) {
        return Some(Unavailable::ReadOnly);
    }
    let message = info.message().to_ascii_lowercase();
    if message.contains("disk is full") || message.contains("disk i/o error") {
        Some(Unavailable::DiskFull)
    } else if message.contains("readonly") || message.contains("read-only") {
        Some(Unavailable::ReadOnly)
    } else if message.contains("database is locked") || message.contains("database is busy") {
        Some(Unavailable::Busy)
    } else {
        None
    }
}
