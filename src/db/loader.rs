//! Writes the demo data set into the database, all in one transaction.

use std::collections::HashMap;

use diesel::prelude::*;

use super::demo::{self, DemoData};
use super::{DbConn, write};
use crate::domain::fold::fold_for_search;
use crate::domain::number::Decimal;
use crate::schema::*;

#[derive(Debug)]
pub enum LoadError {
    Parse(toml::de::Error),
    UnknownKey { what: &'static str, key: String },
    BadNumber { field: String, text: String },
    Database(diesel::result::Error),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Parse(e) => write!(f, "demo data does not parse: {}", e.message()),
            LoadError::UnknownKey { what, key } => {
                write!(f, "demo data: unknown {what} key {key:?}")
            }
            LoadError::BadNumber { field, text } => {
                write!(f, "demo data: {field} {text:?} is not a plain decimal")
            }
            LoadError::Database(e) => write!(f, "demo data: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl From<diesel::result::Error> for LoadError {
    fn from(e: diesel::result::Error) -> Self {
        LoadError::Database(e)
    }
}

/// True when no cluster has been recorded yet: a new database.
pub fn is_empty(conn: &mut DbConn) -> QueryResult<bool> {
    let n: i64 = clusters::table.count().get_result(conn)?;
    Ok(n == 0)
}

/// Parses the embedded demo file.
pub fn parse_demo() -> Result<DemoData, LoadError> {
    toml::from_str(demo::DEMO_TOML).map_err(LoadError::Parse)
}

/// Loads the demo data set; nothing is written if any part fails.
pub fn load_demo(conn: &mut DbConn) -> Result<(), LoadError> {
    load(conn, &parse_demo()?)
}

/// Parses a data file in the demo format (tests load catalogues with it).
pub fn parse(text: &str) -> Result<DemoData, LoadError> {
    toml::from_str(text).map_err(LoadError::Parse)
}

/// Loads a data set in the demo format, in one transaction.
pub fn load(conn: &mut DbConn, data: &DemoData) -> Result<(), LoadError> {
    write(conn, |conn| {
        Loader::default().load(conn, data).map_err(|e| match e {
            LoadError::Database(db) => db,
            other => {
                // Carry our own error out through diesel's rollback.
                diesel::result::Error::QueryBuilderError(other.to_string().into())
            }
        })
    })?;
    Ok(())
}

/// Key → id maps for the records the file refers to by key.
#[derive(Default)]
struct Loader {
    bodies: HashMap<String, i32>,
    units: HashMap<String, i32>,
    award_kinds: HashMap<String, i32>,
    movements: HashMap<String, i32>,
    indicators: HashMap<String, i32>,
    clusters: HashMap<String, i32>,
    conferences: HashMap<String, i32>,
    people: HashMap<String, i32>,
}

fn lookup(map: &HashMap<String, i32>, what: &'static str, key: &str) -> Result<i32, LoadError> {
    map.get(key).copied().ok_or_else(|| LoadError::UnknownKey {
        what,
        key: key.to_string(),
    })
}

fn lookup_opt(
    map: &HashMap<String, i32>,
    what: &'static str,
    key: Option<&String>,
) -> Result<Option<i32>, LoadError> {
    key.map(|k| lookup(map, what, k)).transpose()
}

/// Checks a figure is a plain decimal and returns its canonical text.
fn decimal(field: &str, text: Option<&String>) -> Result<Option<String>, LoadError> {
    text.map(|t| {
        Decimal::parse_plain(t)
            .map(|d| d.to_plain())
            .map_err(|_| LoadError::BadNumber {
                field: field.to_string(),
                text: t.clone(),
            })
    })
    .transpose()
}

impl Loader {
    fn load(mut self, conn: &mut DbConn, data: &DemoData) -> Result<(), LoadError> {
        for (order, b) in data.bodies.iter().enumerate() {
            let id = diesel::insert_into(organising_bodies::table)
                .values((
                    organising_bodies::name.eq(&b.name),
                    organising_bodies::short_name.eq(&b.short_name),
                    organising_bodies::level.eq(&b.level),
                    organising_bodies::board_name.eq(&b.board_name),
                    organising_bodies::sort_order.eq(order as i32),
                ))
                .returning(organising_bodies::id)
                .get_result(conn)?;
            self.bodies.insert(b.key.clone(), id);
        }
        self.load_units(conn, data)?;
        for k in &data.award_kinds {
            let body = lookup_opt(&self.bodies, "body", k.body.as_ref())?;
            let id = diesel::insert_into(award_kinds::table)
                .values((
                    award_kinds::name.eq(&k.name),
                    award_kinds::short_name.eq(&k.short_name),
                    award_kinds::issuing_authority.eq(&k.issuing_authority),
                    award_kinds::category.eq(&k.category),
                    award_kinds::rank.eq(k.rank),
                    award_kinds::organising_body_id.eq(body),
                ))
                .returning(award_kinds::id)
                .get_result(conn)?;
            self.award_kinds.insert(k.key.clone(), id);
        }
        for m in &data.movements {
            let id = diesel::insert_into(movements::table)
                .values((
                    movements::name.eq(&m.name),
                    movements::launched_by.eq(&m.launched_by),
                    movements::from_year.eq(m.from_year),
                    movements::to_year.eq(m.to_year),
                ))
                .returning(movements::id)
                .get_result(conn)?;
            self.movements.insert(m.key.clone(), id);
        }
        for i in &data.indicators {
            let id = diesel::insert_into(indicators::table)
                .values((
                    indicators::name.eq(&i.name),
                    indicators::measure_unit.eq(&i.measure_unit),
                ))
                .returning(indicators::id)
                .get_result(conn)?;
            self.indicators.insert(i.key.clone(), id);
        }
        self.load_clusters(conn, data)?;
        // Conferences first, for every year: a covenant or an award may point
        // to a conference recorded under another year.
        let mut year_ids = Vec::with_capacity(data.years.len());
        for y in &data.years {
            year_ids.push(self.load_year(conn, y)?);
        }
        for (y, &year_id) in data.years.iter().zip(&year_ids) {
            self.load_year_outcomes(conn, y, year_id)?;
        }
        Ok(())
    }

    fn load_units(&mut self, conn: &mut DbConn, data: &DemoData) -> Result<(), LoadError> {
        // Parents and successors may come later in the file: insert every
        // unit, then link them.
        for u in &data.units {
            let id = diesel::insert_into(units::table)
                .values((
                    units::name.eq(&u.name),
                    units::kind.eq(&u.kind),
                    units::valid_from.eq(u.valid_from),
                    units::valid_to.eq(u.valid_to),
                    units::note.eq(&u.note),
                    units::search_text.eq(fold_for_search(&crate::domain::labels::unit_full_name(
                        &u.kind, &u.name,
                    ))),
                ))
                .returning(units::id)
                .get_result(conn)?;
            self.units.insert(u.key.clone(), id);
        }
        for u in &data.units {
            let id = lookup(&self.units, "unit", &u.key)?;
            let parent = lookup_opt(&self.units, "unit", u.parent.as_ref())?;
            let successor = lookup_opt(&self.units, "unit", u.successor.as_ref())?;
            if parent.is_some() || successor.is_some() {
                diesel::update(units::table.find(id))
                    .set((
                        units::parent_id.eq(parent),
                        units::successor_id.eq(successor),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(())
    }

    fn load_clusters(&mut self, conn: &mut DbConn, data: &DemoData) -> Result<(), LoadError> {
        for c in &data.clusters {
            let body = lookup(&self.bodies, "body", &c.body)?;
            let id = diesel::insert_into(clusters::table)
                .values((
                    clusters::name.eq(&c.name),
                    clusters::kind.eq(&c.kind),
                    clusters::organising_body_id.eq(body),
                    clusters::first_year.eq(c.first_year),
                    clusters::last_year.eq(c.last_year),
                    clusters::member_count.eq(c.member_count),
                    clusters::description.eq(&c.description),
                    clusters::search_text.eq(fold_for_search(&c.name)),
                ))
                .returning(clusters::id)
                .get_result(conn)?;
            self.clusters.insert(c.key.clone(), id);
            for (order, m) in c.members.iter().enumerate() {
                let unit = lookup(&self.units, "unit", &m.unit)?;
                diesel::insert_into(memberships::table)
                    .values((
                        memberships::cluster_id.eq(id),
                        memberships::unit_id.eq(unit),
                        memberships::from_year.eq(m.from_year),
                        memberships::to_year.eq(m.to_year),
                        memberships::decision_number.eq(&m.decision_number),
                        memberships::decision_date.eq(m.decision_date),
                        memberships::sort_order.eq(order as i32),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(())
    }

    fn person(&mut self, conn: &mut DbConn, name: Option<&String>) -> QueryResult<Option<i32>> {
        let Some(name) = name else { return Ok(None) };
        if let Some(&id) = self.people.get(name) {
            return Ok(Some(id));
        }
        let id = diesel::insert_into(people::table)
            .values((
                people::full_name.eq(name),
                people::search_text.eq(fold_for_search(name)),
            ))
            .returning(people::id)
            .get_result(conn)?;
        self.people.insert(name.clone(), id);
        Ok(Some(id))
    }

    /// The year itself, its movements and its conferences.
    fn load_year(&mut self, conn: &mut DbConn, y: &demo::Year) -> Result<i32, LoadError> {
        let cluster = lookup(&self.clusters, "cluster", &y.cluster)?;
        let chair_unit = lookup_opt(&self.units, "unit", y.chair.as_ref().map(|o| &o.unit))?;
        let chair_person = self.person(conn, y.chair.as_ref().and_then(|o| o.person.as_ref()))?;
        let vice_unit = lookup_opt(&self.units, "unit", y.vice_chair.as_ref().map(|o| &o.unit))?;
        let vice_person =
            self.person(conn, y.vice_chair.as_ref().and_then(|o| o.person.as_ref()))?;
        let year_id = diesel::insert_into(cluster_years::table)
            .values((
                cluster_years::cluster_id.eq(cluster),
                cluster_years::year.eq(y.year),
                cluster_years::theme.eq(&y.theme),
                cluster_years::chair_unit_id.eq(chair_unit),
                cluster_years::chair_person_id.eq(chair_person),
                cluster_years::chair_person_title
                    .eq(y.chair.as_ref().and_then(|o| o.title.clone())),
                cluster_years::vice_chair_unit_id.eq(vice_unit),
                cluster_years::vice_chair_person_id.eq(vice_person),
                cluster_years::vice_chair_person_title
                    .eq(y.vice_chair.as_ref().and_then(|o| o.title.clone())),
                cluster_years::chair_selection.eq(&y.chair_selection),
                cluster_years::chair_decision_number.eq(&y.chair_decision_number),
                cluster_years::chair_decision_date.eq(y.chair_decision_date),
                cluster_years::summary.eq(&y.summary),
                cluster_years::directions.eq(&y.directions),
                cluster_years::status.eq("published"),
            ))
            .returning(cluster_years::id)
            .get_result(conn)?;
        for (order, key) in y.movements.iter().enumerate() {
            let movement = lookup(&self.movements, "movement", key)?;
            diesel::insert_into(cluster_year_movements::table)
                .values((
                    cluster_year_movements::cluster_year_id.eq(year_id),
                    cluster_year_movements::movement_id.eq(movement),
                    cluster_year_movements::sort_order.eq(order as i32),
                ))
                .execute(conn)?;
        }
        for c in &y.conferences {
            let host = lookup_opt(&self.units, "unit", c.host.as_ref())?;
            let searchable = crate::domain::fold::conference_search_text(
                c.title.as_deref(),
                c.venue.as_deref(),
                c.locality.as_deref(),
            );
            let conference_id = diesel::insert_into(conferences::table)
                .values((
                    conferences::cluster_year_id.eq(year_id),
                    conferences::kind.eq(&c.kind),
                    conferences::title.eq(&c.title),
                    conferences::held_on.eq(c.held_on),
                    conferences::part_of_day.eq(&c.part_of_day),
                    conferences::locality.eq(&c.locality),
                    conferences::venue.eq(&c.venue),
                    conferences::host_unit_id.eq(host),
                    conferences::members_present.eq(c.members_present),
                    conferences::minutes.eq(&c.minutes),
                    conferences::source_title.eq(&c.source_title),
                    conferences::source_author.eq(&c.source_author),
                    conferences::source_published_on.eq(c.source_published_on),
                    conferences::search_text.eq(&searchable),
                ))
                .returning(conferences::id)
                .get_result(conn)?;
            self.conferences.insert(c.key.clone(), conference_id);
            for (order, p) in c.participants.iter().enumerate() {
                let person = self.person(conn, p.person.as_ref())?;
                let unit = lookup_opt(&self.units, "unit", p.unit.as_ref())?;
                diesel::insert_into(conference_participants::table)
                    .values((
                        conference_participants::conference_id.eq(conference_id),
                        conference_participants::role.eq(&p.role),
                        conference_participants::person_id.eq(person),
                        conference_participants::title.eq(&p.title),
                        conference_participants::organisation.eq(&p.organisation),
                        conference_participants::unit_id.eq(unit),
                        conference_participants::remarks.eq(&p.remarks),
                        conference_participants::sort_order.eq(order as i32),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(year_id)
    }

    /// Indicators, results, awards and covenant of a year.
    fn load_year_outcomes(
        &mut self,
        conn: &mut DbConn,
        y: &demo::Year,
        year_id: i32,
    ) -> Result<(), LoadError> {
        for (order, v) in y.indicators.iter().enumerate() {
            let indicator = lookup(&self.indicators, "indicator", &v.indicator)?;
            let unit = lookup_opt(&self.units, "unit", v.unit.as_ref())?;
            diesel::insert_into(indicator_values::table)
                .values((
                    indicator_values::cluster_year_id.eq(year_id),
                    indicator_values::indicator_id.eq(indicator),
                    indicator_values::unit_id.eq(unit),
                    indicator_values::value.eq(decimal("value", v.value.as_ref())?),
                    indicator_values::out_of.eq(decimal("out_of", v.out_of.as_ref())?),
                    indicator_values::estimated.eq(v.estimated),
                    indicator_values::bound.eq(v.bound.as_deref().unwrap_or("exact")),
                    indicator_values::growth_pct.eq(decimal("growth_pct", v.growth_pct.as_ref())?),
                    indicator_values::same_period_pct
                        .eq(decimal("same_period_pct", v.same_period_pct.as_ref())?),
                    indicator_values::plan_pct.eq(decimal("plan_pct", v.plan_pct.as_ref())?),
                    indicator_values::note.eq(&v.note),
                    indicator_values::sort_order.eq(order as i32),
                ))
                .execute(conn)?;
        }
        for r in &y.results {
            let unit = lookup(&self.units, "unit", &r.unit)?;
            diesel::insert_into(member_results::table)
                .values((
                    member_results::cluster_year_id.eq(year_id),
                    member_results::unit_id.eq(unit),
                    member_results::score.eq(decimal("score", r.score.as_ref())?),
                    member_results::rank.eq(r.rank),
                    member_results::grade.eq(&r.grade),
                    member_results::note.eq(&r.note),
                ))
                .execute(conn)?;
        }
        for (order, a) in y.awards.iter().enumerate() {
            let unit = lookup(&self.units, "unit", &a.unit)?;
            let kind = lookup(&self.award_kinds, "award kind", &a.kind)?;
            let conference = lookup_opt(&self.conferences, "conference", a.conference.as_ref())?;
            diesel::insert_into(award_proposals::table)
                .values((
                    award_proposals::cluster_year_id.eq(year_id),
                    award_proposals::unit_id.eq(unit),
                    award_proposals::award_kind_id.eq(kind),
                    award_proposals::conference_id.eq(conference),
                    award_proposals::votes_for.eq(a.votes_for),
                    award_proposals::votes_against.eq(a.votes_against),
                    award_proposals::votes_abstain.eq(a.votes_abstain),
                    award_proposals::unanimous.eq(a.unanimous),
                    award_proposals::status.eq(a.status.as_deref().unwrap_or("proposed")),
                    award_proposals::decision_number.eq(&a.decision_number),
                    award_proposals::decision_date.eq(a.decision_date),
                    award_proposals::decided_by.eq(&a.decided_by),
                    award_proposals::note.eq(&a.note),
                    award_proposals::sort_order.eq(order as i32),
                ))
                .execute(conn)?;
        }
        if let Some(c) = &y.covenant {
            let conference = lookup_opt(&self.conferences, "conference", c.conference.as_ref())?;
            diesel::insert_into(covenants::table)
                .values((
                    covenants::cluster_year_id.eq(year_id),
                    covenants::signed_on.eq(c.signed_on),
                    covenants::conference_id.eq(conference),
                    covenants::place.eq(&c.place),
                    covenants::content.eq(&c.content),
                ))
                .execute(conn)?;
        }
        Ok(())
    }
}
