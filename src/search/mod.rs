//! Search across organising bodies, clusters, units, people and
//! conferences, insensitive to case, diacritics and Unicode normal form.
//! A word matches anywhere in a name ("loc" finds "Lộc Hà"), except a
//! number: "số II" must not find "số XII", nor "số 2" find "số 12".

mod corpus;

use std::collections::{HashMap, HashSet};

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::auth::Viewer;
use crate::auth::drafts::Drafts;
use crate::db::{self, DbConn, DbPool};
use crate::domain::collate;
use crate::domain::dates;
use crate::domain::fold::{fold_for_search, roman_value};
use crate::lookups::UnitLink;
use crate::models::{Cluster, OrganisingBody, Unit};
use crate::schema::*;
use crate::visible_years;
use crate::web::error::AppError;
use crate::web::paging::Paging;
use corpus::Corpus;

/// Results of each kind on the overview; a "more" link leads to the rest.
pub const PER_KIND: usize = 10;
/// Results of one kind listed in pages: enough to find anything by name;
/// more would only be noise.
const MAX_OF_KIND: usize = 200;
/// Results on one page of a kind.
pub const PER_PAGE: usize = 50;
/// Results kept, per query, kind and drafts the viewer may see.
static RESULTS: db::memo::Memo<Results> = db::memo::Memo::new(512);

/// Bounds the work one query string can cause.
const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Deserialize)]
pub struct SearchForm {
    pub q: Option<String>,
    /// One kind of result, listed in pages: "bodies", "clusters", "units",
    /// "people" or "conferences".
    pub kind: Option<String>,
    pub page: Option<String>,
}

/// The kinds of result, with their headings.
pub const KINDS: &[(&str, &str)] = &[
    ("bodies", "Cơ quan tổ chức"),
    ("clusters", "Cụm, khối thi đua"),
    ("units", "Đơn vị"),
    ("people", "Người"),
    ("conferences", "Hội nghị"),
];

/// Where a person appears: a conference or a chair term.
pub struct Appearance {
    pub cluster_id: i32,
    pub year: i32,
    pub text: String,
}

pub struct PersonHit {
    pub name: String,
    pub appearances: Vec<Appearance>,
}

pub struct ConferenceHit {
    pub cluster_id: i32,
    pub cluster_name: String,
    pub year: i32,
    pub title: String,
    pub date: String,
    pub place: String,
}

/// An organising body with the clusters it runs.
pub struct BodyHit {
    pub name: String,
    pub short_name: String,
    pub clusters: Vec<(i32, String)>,
}

#[derive(Default)]
pub struct Results {
    pub bodies: Vec<BodyHit>,
    pub clusters: Vec<Cluster>,
    pub units: Vec<UnitLink>,
    pub people: Vec<PersonHit>,
    pub conferences: Vec<ConferenceHit>,
}

impl Results {
    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
            && self.clusters.is_empty()
            && self.units.is_empty()
            && self.people.is_empty()
            && self.conferences.is_empty()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "search/search.html")]
pub struct SearchPage {
    pub viewer: Viewer,
    pub q: String,
    pub searched: bool,
    pub r: std::sync::Arc<Results>,
    /// The one kind listed in pages, with its heading; None on the
    /// overview of every kind.
    pub kind: Option<(&'static str, &'static str)>,
    pub paging: Paging,
}

impl SearchPage {
    /// On the overview: whether a kind has more than it shows.
    pub fn has_more(&self, count: usize) -> bool {
        self.kind.is_none() && count > PER_KIND
    }

    /// The address of every result of one kind.
    pub fn more_href(&self, kind: &str) -> String {
        format!("/search?q={}&kind={kind}", crate::web::url::encode(&self.q))
    }

    /// Whether the `i`-th result (0-based) of a list is shown.
    pub fn shows(&self, i: &usize) -> bool {
        match self.kind {
            None => *i < PER_KIND,
            Some(_) => self.paging.range().contains(i),
        }
    }
}

/// "Hội nghị …, 07/02/2023", or the title alone when no date is known.
fn with_date(title: &str, date: &str) -> String {
    if date.is_empty() {
        title.to_string()
    } else {
        format!("{title}, {date}")
    }
}

/// The query's words, folded, and those that must match a whole word.
struct Words {
    /// How many results of each kind to keep.
    keep: usize,
    /// Only this kind is searched (the others stay empty).
    only: Option<&'static str>,
    all: Vec<String>,
    /// Numbers: digits, a Roman numeral in capitals ("II"), or one in any
    /// case after "số" ("số ii").
    whole: Vec<String>,
}

impl Words {
    fn of(query: &str) -> Words {
        let mut words = Words {
            keep: PER_KIND + 1,
            only: None,
            all: Vec::new(),
            whole: Vec::new(),
        };
        let mut after_so = false;
        for word in query.split_whitespace() {
            let folded = fold_for_search(word);
            if folded.is_empty() {
                continue;
            }
            let digits = folded.chars().all(|c| c.is_ascii_digit());
            let capitals = word.chars().all(|c| "IVXLCDM".contains(c));
            let roman = roman_value(&folded).is_some() && (capitals || after_so);
            if digits || roman {
                words.whole.push(folded.clone());
            }
            after_so = folded == "so";
            words.all.push(folded);
        }
        words
    }

    /// Whether results of this kind are wanted.
    fn wants(&self, kind: &str) -> bool {
        self.only.is_none_or(|only| only == kind)
    }

    /// Whether a folded text has each number as a whole word.
    fn fits(&self, folded: &str) -> bool {
        self.whole.iter().all(|number| {
            folded
                .split(|c: char| !c.is_alphanumeric())
                .any(|token| token == number)
        })
    }

    /// Whether a folded text has every word, numbers as whole words.
    fn found_in(&self, folded: &str) -> bool {
        self.all.iter().all(|w| folded.contains(w.as_str())) && self.fits(folded)
    }
}

/// (cluster id, year, chair's person, vice chair's person, cluster kind).
type ChairAppearance = (i32, i32, Option<i32>, Option<i32>, String);

/// (person, title then, conference, cluster id, year).
type ConferenceAppearance = (Option<i32>, Option<String>, ConferenceBrief, i32, i32);

/// What a result shows of a conference: never its minutes, so a search
/// that sorts many conferences does not carry their texts along.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = conferences)]
pub struct ConferenceBrief {
    pub kind: String,
    pub title: Option<String>,
    pub held_on: chrono::NaiveDate,
    pub held_on_precision: String,
    pub venue: Option<String>,
    pub locality: Option<String>,
}

impl ConferenceBrief {
    fn display_title(&self) -> String {
        self.title
            .clone()
            .unwrap_or_else(|| crate::domain::labels::conference_kind_label(&self.kind).to_string())
    }

    fn precision(&self) -> crate::domain::dates::Precision {
        crate::domain::dates::Precision::from_code(&self.held_on_precision)
    }

    fn date_text(&self) -> String {
        dates::partial(self.held_on, self.precision())
    }
}

/// Organising bodies by name or short name. They are a few dozen at
/// most, so they are matched here rather than through a stored key.
fn bodies(conn: &mut DbConn, words: &Words) -> QueryResult<Vec<BodyHit>> {
    let all: Vec<OrganisingBody> = organising_bodies::table
        .order(organising_bodies::id)
        .select(OrganisingBody::as_select())
        .load(conn)?;
    let mut found: Vec<OrganisingBody> = all
        .into_iter()
        .filter(|b| {
            words.found_in(&fold_for_search(&b.name))
                || words.found_in(&fold_for_search(&b.short_name))
        })
        .take(words.keep)
        .collect();
    collate::sort_by_name(&mut found, |b| &b.name);
    let ids: Vec<i32> = found.iter().map(|b| b.id).collect();
    let mut clusters: Vec<(i32, String, i32)> = clusters::table
        .filter(clusters::organising_body_id.eq_any(&ids))
        .order(clusters::id)
        .select((clusters::id, clusters::name, clusters::organising_body_id))
        .load(conn)?;
    collate::sort_by_name(&mut clusters, |c| &c.1);
    Ok(found
        .into_iter()
        .map(|b| BodyHit {
            clusters: clusters
                .iter()
                .filter(|c| c.2 == b.id)
                .map(|c| (c.0, c.1.clone()))
                .collect(),
            name: b.name,
            short_name: b.short_name,
        })
        .collect())
}

/// Candidates whose visibility is checked at a time, in the order results
/// are shown: twice the results wanted at first (most records are
/// published), then twice as many each time, up to this many.
const MAX_CHUNK: usize = 200;

/// `candidates` in chunks of growing size, the first twice `keep`.
fn chunks<T>(candidates: &[T], keep: usize) -> impl Iterator<Item = &[T]> {
    let mut rest = candidates;
    let mut size = (keep * 2).clamp(1, MAX_CHUNK);
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (chunk, after) = rest.split_at(size.min(rest.len()));
        rest = after;
        size = (size * 2).min(MAX_CHUNK);
        Some(chunk)
    })
}

/// People whose folded name has the words, in name order, who appear in a
/// conference or chair term the viewer may see (a name typed into another
/// cluster's draft stays in that draft). Candidates come from the corpus a
/// chunk at a time; only the candidates' appearances are looked up.
fn people_found(
    conn: &mut DbConn,
    words: &Words,
    drafts: &Drafts,
    corpus: &Corpus,
) -> QueryResult<Vec<i32>> {
    let mut found = Vec::new();
    let candidates: Vec<i32> = corpus
        .people
        .matching(&words.all, |text| words.fits(text))
        .copied()
        .collect();
    for ids in chunks(&candidates, words.keep) {
        let mut visible: HashSet<i32> = conference_participants::table
            .inner_join(conferences::table.inner_join(cluster_years::table))
            .filter(conference_participants::person_id.eq_any(ids))
            .filter(visible_years!(drafts))
            .select(conference_participants::person_id)
            .distinct()
            .load::<Option<i32>>(conn)?
            .into_iter()
            .flatten()
            .collect();
        let chairs: Vec<(Option<i32>, Option<i32>)> = cluster_years::table
            .filter(visible_years!(drafts))
            .filter(
                cluster_years::chair_person_id
                    .eq_any(ids)
                    .or(cluster_years::vice_chair_person_id.eq_any(ids)),
            )
            .select((
                cluster_years::chair_person_id,
                cluster_years::vice_chair_person_id,
            ))
            .load(conn)?;
        visible.extend(chairs.into_iter().flat_map(|(a, b)| [a, b]).flatten());
        for id in ids {
            if visible.contains(id) {
                found.push(*id);
                if found.len() >= words.keep {
                    return Ok(found);
                }
            }
        }
    }
    Ok(found)
}

/// Conferences whose folded title and place have the words, newest
/// first, in years the viewer may see: candidates from the corpus a chunk
/// at a time, only the candidates' years checked and the kept ones read.
fn conferences_found(
    conn: &mut DbConn,
    words: &Words,
    drafts: &Drafts,
    corpus: &Corpus,
) -> QueryResult<Vec<(ConferenceBrief, i32, i32, String)>> {
    let mut kept: Vec<i32> = Vec::new();
    let candidates: Vec<(i32, i32)> = corpus
        .conferences
        .matching(&words.all, |text| words.fits(text))
        .copied()
        .collect();
    for chunk in chunks(&candidates, words.keep) {
        let years: Vec<i32> = chunk.iter().map(|c| c.1).collect();
        let visible: HashSet<i32> = cluster_years::table
            .filter(cluster_years::id.eq_any(&years))
            .filter(visible_years!(drafts))
            .select(cluster_years::id)
            .load::<i32>(conn)?
            .into_iter()
            .collect();
        kept.extend(
            chunk
                .iter()
                .filter(|(_, year)| visible.contains(year))
                .map(|(id, _)| *id),
        );
        if kept.len() >= words.keep {
            break;
        }
    }
    kept.truncate(words.keep);
    if kept.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i32, ConferenceBrief, i32, i32, String)> = conferences::table
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .filter(conferences::id.eq_any(&kept))
        .select((
            conferences::id,
            ConferenceBrief::as_select(),
            cluster_years::cluster_id,
            cluster_years::year,
            clusters::name,
        ))
        .load(conn)?;
    let mut by_id: HashMap<i32, (ConferenceBrief, i32, i32, String)> = rows
        .into_iter()
        .map(|(id, c, cluster, year, name)| (id, (c, cluster, year, name)))
        .collect();
    Ok(kept.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The first `words.keep` ids of `texts` that match, in order.
fn first_matches(words: &Words, texts: &corpus::Texts<i32>) -> Vec<i32> {
    texts
        .matching(&words.all, |text| words.fits(text))
        .take(words.keep)
        .copied()
        .collect()
}

/// `rows` in the order of `ids`.
fn in_order<T>(ids: &[i32], rows: Vec<T>, id: impl Fn(&T) -> i32) -> Vec<T> {
    let mut by_id: HashMap<i32, T> = rows.into_iter().map(|r| (id(&r), r)).collect();
    ids.iter().filter_map(|i| by_id.remove(i)).collect()
}

fn search(conn: &mut DbConn, words: &Words, drafts: &Drafts) -> QueryResult<Results> {
    if words.all.is_empty() {
        return Ok(Results::default());
    }
    let corpus = corpus::current(conn)?;
    let bodies = if words.wants("bodies") {
        bodies(conn, words)?
    } else {
        Vec::new()
    };
    let mut clusters = if words.wants("clusters") {
        let ids = first_matches(words, &corpus.clusters);
        let rows = if ids.is_empty() {
            Vec::new()
        } else {
            clusters::table
                .filter(clusters::id.eq_any(&ids))
                .select(Cluster::as_select())
                .load(conn)?
        };
        in_order(&ids, rows, |c: &Cluster| c.id)
    } else {
        Vec::new()
    };
    collate::sort_by_name(&mut clusters, |c| &c.name);
    let mut units = if words.wants("units") {
        let ids = first_matches(words, &corpus.units);
        let rows = if ids.is_empty() {
            Vec::new()
        } else {
            units::table
                .filter(units::id.eq_any(&ids))
                .select(Unit::as_select())
                .load(conn)?
        };
        in_order(&ids, rows, |u: &Unit| u.id)
    } else {
        Vec::new()
    };
    collate::sort_by_name(&mut units, |u| &u.name);
    // A person is found only through a record the viewer may see: a name
    // typed into another cluster's draft stays in that draft. Joins from
    // the matching names through the person indexes, rather than a list of
    // everyone who ever took part, keep this cheap on a country's record.
    let mut people: Vec<(i32, String)> = if words.wants("people") {
        let ids = people_found(conn, words, drafts, &corpus)?;
        let rows = if ids.is_empty() {
            Vec::new()
        } else {
            people::table
                .filter(people::id.eq_any(&ids))
                .select((people::id, people::full_name))
                .load(conn)?
        };
        in_order(&ids, rows, |p: &(i32, String)| p.0)
    } else {
        Vec::new()
    };
    collate::sort_by_name(&mut people, |p| &p.1);
    let person_ids: Vec<i32> = people.iter().map(|p| p.0).collect();
    let at_conferences: Vec<ConferenceAppearance> = conference_participants::table
        .inner_join(conferences::table.inner_join(cluster_years::table))
        .filter(conference_participants::person_id.eq_any(&person_ids))
        .filter(visible_years!(drafts))
        .order(conferences::held_on)
        .select((
            conference_participants::person_id,
            conference_participants::title,
            ConferenceBrief::as_select(),
            cluster_years::cluster_id,
            cluster_years::year,
        ))
        .load(conn)?;
    let as_chairs: Vec<ChairAppearance> = cluster_years::table
        .inner_join(clusters::table)
        .filter(visible_years!(drafts))
        .filter(
            cluster_years::chair_person_id
                .eq_any(&person_ids)
                .or(cluster_years::vice_chair_person_id.eq_any(&person_ids)),
        )
        .select((
            cluster_years::cluster_id,
            cluster_years::year,
            cluster_years::chair_person_id,
            cluster_years::vice_chair_person_id,
            clusters::kind,
        ))
        .load(conn)?;
    let found_conferences = if words.wants("conferences") {
        conferences_found(conn, words, drafts, &corpus)?
    } else {
        Vec::new()
    };

    let people = people
        .into_iter()
        .map(|(id, name)| {
            let mut appearances: Vec<Appearance> = at_conferences
                .iter()
                .filter(|(p, ..)| *p == Some(id))
                .map(|(_, title, c, cluster_id, year)| Appearance {
                    cluster_id: *cluster_id,
                    year: *year,
                    text: match title {
                        Some(t) => {
                            format!("{t} — {}", with_date(&c.display_title(), &c.date_text()))
                        }
                        None => with_date(&c.display_title(), &c.date_text()),
                    },
                })
                .collect();
            for (cluster_id, year, chair, vice, kind) in &as_chairs {
                let role = if *chair == Some(id) {
                    crate::domain::labels::chair_title(kind)
                } else if *vice == Some(id) {
                    crate::domain::labels::vice_chair_title(kind)
                } else {
                    continue;
                };
                let role = format!("Đại diện đơn vị {role}");
                appearances.push(Appearance {
                    cluster_id: *cluster_id,
                    year: *year,
                    text: format!("{role} năm {year}"),
                });
            }
            PersonHit { name, appearances }
        })
        .collect();
    let conferences = found_conferences
        .into_iter()
        .map(|(c, cluster_id, year, cluster_name)| ConferenceHit {
            cluster_id,
            cluster_name,
            year,
            title: c.display_title(),
            date: dates::partial_capitalised(c.held_on, c.precision()),
            place: [c.venue.clone(), c.locality.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    Ok(Results {
        bodies,
        clusters,
        units: units.iter().map(UnitLink::of).collect(),
        people,
        conferences,
    })
}

pub async fn search_page(
    pool: web::Data<DbPool>,
    query: web::Query<SearchForm>,
    viewer: Viewer,
) -> Result<SearchPage, AppError> {
    let form = query.into_inner();
    let kind = form
        .kind
        .as_deref()
        .and_then(|k| KINDS.iter().find(|(code, _)| *code == k.trim()).copied());
    let q: String = form
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let mut words = Words::of(&q);
    if let Some((code, _)) = kind {
        words.keep = MAX_OF_KIND;
        words.only = Some(code);
    }
    let searched = !words.all.is_empty();
    let drafts = Drafts::of(&viewer);
    let r = if searched {
        // Kept per query, kind and what the viewer may see, until the data
        // changes: a portal's searches are mostly the same few names.
        let key = format!("{}\u{0}{}\u{0}{q}", words.only.unwrap_or(""), drafts.key());
        db::read(&pool, move |conn| {
            RESULTS.get_or_compute(conn, key, |conn| search(conn, &words, &drafts))
        })
        .await?
    } else {
        Default::default()
    };
    let found =
        r.bodies.len() + r.clusters.len() + r.units.len() + r.people.len() + r.conferences.len();
    let base = match kind {
        Some((code, _)) => format!("/search?q={}&kind={code}&", crate::web::url::encode(&q)),
        None => String::new(),
    };
    let listed = if kind.is_some() { found } else { 0 };
    let paging = Paging::new(listed, PER_PAGE, form.page.as_deref(), base);
    Ok(SearchPage {
        viewer,
        q,
        searched,
        r,
        kind,
        paging,
    })
}
