//! Where the records live, and how that is written: a SQLite file path,
//! or a PostgreSQL database's `postgres://` URL.

use std::path::Path;

/// Where the records live: a SQLite file, or a PostgreSQL database named
/// by its `postgres://` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Location {
    /// A `postgres://` or `postgresql://` URL is PostgreSQL; anything else
    /// is a file path. The engine is chosen here, never by trying one and
    /// then the other: an unreachable server must not turn into a new,
    /// empty SQLite file named after its URL.
    pub fn parse(text: &str) -> Location {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Location::Postgres(text.to_string())
        } else {
            Location::Sqlite(text.into())
        }
    }

    /// The SQLite file, for what only SQLite does (its backup and restore).
    pub fn sqlite_file(&self) -> Result<&Path, String> {
        match self {
            Location::Sqlite(path) => Ok(path),
            Location::Postgres(_) => Err(
                "Cơ sở dữ liệu PostgreSQL: sao lưu bằng pg_dump, khôi phục bằng pg_restore \
                 (xem docs/deploy.md)"
                    .to_string(),
            ),
        }
    }

    /// The location as given, password included (for a program to pass
    /// on, never for a log).
    pub fn to_string_full(&self) -> String {
        match self {
            Location::Sqlite(path) => path.display().to_string(),
            Location::Postgres(url) => url.clone(),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => write!(f, "{}", without_password(url)),
        }
    }
}

/// A URL with its password, if it has one, replaced for logs.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:…@{host}")
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_is_chosen_by_the_scheme_and_a_password_never_shown() {
        assert_eq!(
            Location::parse("data/thidua.db"),
            Location::Sqlite("data/thidua.db".into())
        );
        let url = "postgres://thidua:bi-mat@db.example:5432/thidua";
        assert_eq!(Location::parse(url), Location::Postgres(url.into()));
        assert_eq!(
            Location::parse(url).to_string(),
            "postgres://thidua:…@db.example:5432/thidua"
        );
        let socket = "postgresql://thidua@/thidua?host=/run/postgresql";
        assert_eq!(Location::parse(socket).to_string(), socket);
        assert!(Location::parse(url).sqlite_file().is_err());
    }
}
