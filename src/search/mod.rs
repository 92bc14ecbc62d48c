//! Search across clusters, units, people and conferences, insensitive to
//! case, diacritics and Unicode normal form.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::auth::Viewer;
use crate::auth::drafts::Drafts;
use crate::db::{self, DbConn, DbPool};
use crate::domain::{dates, fold::fold_for_search};
use crate::lookups::UnitLink;
use crate::models::{Cluster, Conference, Unit};
use crate::schema::*;
use crate::visible_years;
use crate::web::error::AppError;

/// Enough to find anything by name; more would only be noise.
const LIMIT: i64 = 50;
/// Bounds the work one query string can cause.
const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Deserialize)]
pub struct SearchForm {
    pub q: Option<String>,
}

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

#[derive(Default)]
pub struct Results {
    pub clusters: Vec<Cluster>,
    pub units: Vec<UnitLink>,
    pub people: Vec<PersonHit>,
    pub conferences: Vec<ConferenceHit>,
}

impl Results {
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
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
    pub r: Results,
}

/// "Hội nghị …, 07/02/2023", or the title alone when no date is known.
fn with_date(title: &str, date: &str) -> String {
    if date.is_empty() {
        title.to_string()
    } else {
        format!("{title}, {date}")
    }
}

/// `%word%` patterns, one per folded word, with LIKE's wildcards escaped.
fn patterns(folded: &str) -> Vec<String> {
    folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let escaped = w
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{escaped}%")
        })
        .collect()
}

/// (person, title then, conference, cluster id, year).
type ConferenceAppearance = (Option<i32>, Option<String>, Conference, i32, i32);

macro_rules! all_words {
    ($query:expr, $column:expr, $patterns:expr) => {{
        let mut q = $query.into_boxed();
        for p in $patterns {
            q = q.filter($column.like(p.clone()).escape('\\'));
        }
        q
    }};
}

fn search(conn: &mut DbConn, folded: &str, drafts: &Drafts) -> QueryResult<Results> {
    let pats = patterns(folded);
    if pats.is_empty() {
        return Ok(Results::default());
    }
    let clusters: Vec<Cluster> = all_words!(clusters::table, clusters::search_text, &pats)
        .order(clusters::name)
        .limit(LIMIT)
        .select(Cluster::as_select())
        .load(conn)?;
    let units: Vec<Unit> = all_words!(units::table, units::search_text, &pats)
        .order(units::name)
        .limit(LIMIT)
        .select(Unit::as_select())
        .load(conn)?;
    // A person is found only through a record the viewer may see: a name
    // typed into another cluster's draft stays in that draft. Joins from
    // the matching names through the person indexes, rather than a list of
    // everyone who ever took part, keep this cheap on a country's record.
    let mut people: Vec<(i32, String)> = all_words!(
        people::table.inner_join(
            conference_participants::table
                .inner_join(conferences::table.inner_join(cluster_years::table))
        ),
        people::search_text,
        &pats
    )
    .filter(visible_years!(drafts))
    .select((people::id, people::full_name))
    .distinct()
    .order(people::full_name)
    .limit(LIMIT)
    .load(conn)?;
    people.extend(
        all_words!(
            people::table.inner_join(
                cluster_years::table.on(cluster_years::chair_person_id
                    .eq(people::id.nullable())
                    .or(cluster_years::vice_chair_person_id.eq(people::id.nullable())))
            ),
            people::search_text,
            &pats
        )
        .filter(visible_years!(drafts))
        .select((people::id, people::full_name))
        .distinct()
        .order(people::full_name)
        .limit(LIMIT)
        .load::<(i32, String)>(conn)?,
    );
    // The first LIMIT names of both lists are the first LIMIT of all.
    people.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    people.dedup_by_key(|p| p.0);
    people.truncate(LIMIT as usize);
    let person_ids: Vec<i32> = people.iter().map(|p| p.0).collect();
    let at_conferences: Vec<ConferenceAppearance> = conference_participants::table
        .inner_join(conferences::table.inner_join(cluster_years::table))
        .filter(conference_participants::person_id.eq_any(&person_ids))
        .filter(visible_years!(drafts))
        .order(conferences::held_on)
        .select((
            conference_participants::person_id,
            conference_participants::title,
            Conference::as_select(),
            cluster_years::cluster_id,
            cluster_years::year,
        ))
        .load(conn)?;
    let as_chairs: Vec<(i32, i32, Option<i32>, Option<i32>)> = cluster_years::table
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
        ))
        .load(conn)?;
    let found_conferences: Vec<(Conference, i32, i32, String)> = all_words!(
        conferences::table.inner_join(cluster_years::table.inner_join(clusters::table)),
        conferences::search_text,
        &pats
    )
    .filter(visible_years!(drafts))
    .order(conferences::held_on.desc())
    .limit(LIMIT)
    .select((
        Conference::as_select(),
        cluster_years::cluster_id,
        cluster_years::year,
        clusters::name,
    ))
    .load(conn)?;

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
            for (cluster_id, year, chair, vice) in &as_chairs {
                let role = if *chair == Some(id) {
                    "Đại diện đơn vị Cụm trưởng"
                } else if *vice == Some(id) {
                    "Đại diện đơn vị Cụm phó"
                } else {
                    continue;
                };
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
    let q: String = query
        .into_inner()
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let folded = fold_for_search(&q);
    let searched = !folded.is_empty();
    let drafts = Drafts::of(&viewer);
    let r = if searched {
        db::read(&pool, move |conn| search(conn, &folded, &drafts)).await?
    } else {
        Results::default()
    };
    Ok(SearchPage {
        viewer,
        q,
        searched,
        r,
    })
}
