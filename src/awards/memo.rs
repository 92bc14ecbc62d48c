//! The tallies of a set of filters, kept until the data changes.
//!
//! The tallies count every published proposal and title count that the
//! filters select: at a country's scale (35,000 proposals, 23,000 counts)
//! that is ~150 ms of reading per request, for a result that changes only
//! when someone saves. They depend on the filters and the data alone
//! (published years only, whoever asks), so they are kept per filter set
//! and data version, for signed-in visitors too (whose pages the page
//! cache never serves).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::tally::Tally;
use crate::titles::TitleTotal;

/// What the tallies page shows for one filter set.
#[derive(Clone)]
pub struct Computed {
    pub tally: Arc<Tally>,
    pub title_totals: Arc<Vec<TitleTotal>>,
}

/// Filter sets kept at once; a new one beyond it empties the memo (the
/// usual pages are the unfiltered one and a few bodies').
const MAX_ENTRIES: usize = 64;

type Entries = HashMap<String, (i64, Computed)>;

static MEMO: Mutex<Option<Entries>> = Mutex::new(None);

/// The tallies of `key` at data version `version`, if computed already.
pub fn get(key: &str, version: i64) -> Option<Computed> {
    let memo = MEMO.lock().ok()?;
    let (at, computed) = memo.as_ref()?.get(key)?;
    (*at == version).then(|| computed.clone())
}

/// Keeps what was computed for `key` at `version`; entries of older
/// versions are dropped.
pub fn put(key: String, version: i64, computed: Computed) {
    let Ok(mut memo) = MEMO.lock() else {
        return;
    };
    let entries = memo.get_or_insert_with(HashMap::new);
    entries.retain(|_, (at, _)| *at == version);
    if entries.len() >= MAX_ENTRIES {
        entries.clear();
    }
    entries.insert(key, (version, computed));
}
