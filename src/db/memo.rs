//! Results derived from the published record, kept until the data
//! version moves.
//!
//! Some pages read a great deal to show a little: the tallies count every
//! published proposal, the home page every membership, the rotation every
//! term of the clusters it lists. What they show depends on the record
//! alone — published years only, whoever asks — so the result is kept per
//! key (the page's parameters) and data version, and shared by every
//! visitor, signed in or not (the page cache serves anonymous visitors
//! only). Never use it for anything that depends on the viewer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use diesel::QueryResult;

use super::DbConn;

/// Each key's version and result.
type Entries<T> = HashMap<String, (i64, Arc<T>)>;

/// Which version a memo's results follow.
#[derive(Debug, Clone, Copy)]
pub enum Follows {
    /// Every write of record data.
    Data,
    /// Writes that change what the award tallies count (db::version).
    Tallies,
}

pub struct Memo<T> {
    follows: Follows,
    entries: Mutex<Option<Entries<T>>>,
    /// Held while a result is computed: requests that miss together wait
    /// for the first one's result instead of all computing it (after a
    /// save, every reader of the tallies would otherwise recount them at
    /// once).
    computing: Mutex<()>,
    /// Keys kept at once; a new key beyond it empties the memo.
    max: usize,
}

impl<T> Memo<T> {
    pub const fn new(max: usize) -> Self {
        Self::following(Follows::Data, max)
    }

    pub const fn following(follows: Follows, max: usize) -> Self {
        Memo {
            follows,
            entries: Mutex::new(None),
            computing: Mutex::new(()),
            max,
        }
    }

    /// The kept result of `key`, or `compute`'s, read in one snapshot with
    /// the version it belongs to.
    pub fn get_or_compute(
        &self,
        conn: &mut DbConn,
        key: String,
        compute: impl FnOnce(&mut DbConn) -> QueryResult<T>,
    ) -> QueryResult<Arc<T>> {
        super::snapshot(conn, |conn| {
            // Keyed by the database file too: one process may serve (or
            // test) several databases, whose versions are unrelated.
            let key = format!("{}\u{0}{key}", database_file(conn)?);
            let version = match self.follows {
                Follows::Data => super::version::current(conn)?.version,
                Follows::Tallies => {
                    let tallies = super::version::tallies(conn)?;
                    if tallies.pending {
                        return compute(conn).map(Arc::new);
                    }
                    tallies.version
                }
            };
            if let Some(hit) = self.get(&key, version) {
                return Ok(hit);
            }
            // A poisoned lock only means another computation panicked.
            let _computing = self.computing.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(hit) = self.get(&key, version) {
                return Ok(hit);
            }
            let computed = Arc::new(compute(conn)?);
            self.put(key, version, computed.clone());
            Ok(computed)
        })
    }

    fn get(&self, key: &str, version: i64) -> Option<Arc<T>> {
        let entries = self.entries.lock().ok()?;
        let (at, value) = entries.as_ref()?.get(key)?;
        (*at == version).then(|| value.clone())
    }

    fn put(&self, key: String, version: i64, value: Arc<T>) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let entries = entries.get_or_insert_with(HashMap::new);
        entries.retain(|_, (at, _)| *at == version);
        if entries.len() >= self.max {
            entries.clear();
        }
        entries.insert(key, (version, value));
    }
}

/// The file of the connection's main database.
fn database_file(conn: &mut DbConn) -> QueryResult<String> {
    use diesel::RunQueryDsl;
    use diesel::sql_types::Text;
    #[derive(diesel::QueryableByName)]
    struct File {
        #[diesel(sql_type = Text)]
        file: String,
    }
    let query = match conn {
        super::AnyConnection::Sqlite(_) => {
            "SELECT file FROM pragma_database_list WHERE name = 'main'"
        }
        super::AnyConnection::Postgresql(_) => {
            "SELECT current_database() || '@' || COALESCE(inet_server_addr()::TEXT, 'socket') AS file"
        }
    };
    Ok(diesel::sql_query(query).get_result::<File>(conn)?.file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_result_lasts_until_the_version_moves() {
        let memo: Memo<i32> = Memo::new(2);
        memo.put("a".into(), 1, Arc::new(10));
        assert_eq!(memo.get("a", 1).as_deref(), Some(&10));
        assert!(memo.get("a", 2).is_none());
        memo.put("b".into(), 2, Arc::new(20));
        assert!(memo.get("a", 1).is_none(), "older versions are dropped");
        memo.put("c".into(), 2, Arc::new(30));
        memo.put("d".into(), 2, Arc::new(40));
        assert!(memo.get("b", 2).is_none(), "full: emptied");
        assert_eq!(memo.get("d", 2).as_deref(), Some(&40));
    }
}
