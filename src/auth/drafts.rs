//! Who may see a draft: the clerks of its cluster and admins, nobody
//! else. Every query that can reach a cluster-year's content (its
//! conferences, people, figures, history) applies this one rule.

use super::Viewer;

/// The drafts a viewer may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drafts {
    /// Anonymous visitors and clerks of no cluster.
    None,
    /// A clerk: the drafts of these clusters.
    Of(Vec<i32>),
    /// An admin.
    All,
}

impl Drafts {
    /// Names what may be seen, for keys of kept results: "", "all" or
    /// the clusters' ids.
    pub fn key(&self) -> String {
        match self {
            Drafts::None => String::new(),
            Drafts::All => "all".into(),
            Drafts::Of(ids) => {
                let mut ids = ids.clone();
                ids.sort_unstable();
                format!("{ids:?}")
            }
        }
    }

    pub fn of(viewer: &Viewer) -> Self {
        match viewer.user() {
            None => Drafts::None,
            Some(u) if u.is_admin() => Drafts::All,
            Some(u) if u.clusters.is_empty() => Drafts::None,
            Some(u) => Drafts::Of(u.clusters.clone()),
        }
    }

    /// Whether a cluster-year with this status is visible.
    pub fn shows(&self, cluster_id: i32, status: &str) -> bool {
        status == "published"
            || match self {
                Drafts::None => false,
                Drafts::Of(ids) => ids.contains(&cluster_id),
                Drafts::All => true,
            }
    }

    /// The clusters whose drafts are visible, and whether all are: the
    /// parts `visible_years!` builds its SQL condition from.
    pub fn parts(&self) -> (Vec<i32>, bool) {
        match self {
            Drafts::None => (Vec::new(), false),
            Drafts::Of(ids) => (ids.clone(), false),
            Drafts::All => (Vec::new(), true),
        }
    }
}

/// The rule of `Drafts::shows` as a condition on `cluster_years`, for any
/// query that joins it: published, or a draft of a cluster the viewer
/// edits, or (for admins) any year.
#[macro_export]
macro_rules! visible_years {
    ($drafts:expr) => {{
        let (clusters, all) = $drafts.parts();
        $crate::schema::cluster_years::status
            .eq("published")
            .or($crate::schema::cluster_years::cluster_id.eq_any(clusters))
            .or(all.into_sql::<diesel::sql_types::Bool>())
    }};
}
