//! Writes a checked form in one IMMEDIATE transaction: the whole
//! cluster-year or nothing.

use diesel::prelude::*;

use super::validate::{Context, ValidYear};
use crate::audit::{self, Entry};
use crate::db::{DbConn, write};
use crate::domain::fold::fold_for_search;
use crate::schema::*;

#[derive(Debug)]
pub enum SaveError {
    /// Someone saved the record after this form was opened.
    Conflict,
    /// The save would delete proposals that carry a recorded decision.
    DecisionKept(Vec<KeptDecision>),
    Database(diesel::result::Error),
}

/// A proposal with a decision that the form no longer lists (its kind was
/// changed or its row removed): saving would delete the decision with it.
#[derive(Debug, Clone)]
pub struct KeptDecision {
    pub unit: i32,
    pub kind_name: String,
    pub status: String,
    pub decision: Option<String>,
}

impl From<diesel::result::Error> for SaveError {
    fn from(e: diesel::result::Error) -> Self {
        SaveError::Database(e)
    }
}

pub struct Author<'a> {
    pub user_id: i32,
    pub user_name: &'a str,
    pub address: &'a str,
}

fn person(conn: &mut DbConn, name: &Option<String>) -> QueryResult<Option<i32>> {
    let Some(name) = name else { return Ok(None) };
    if let Some(id) = people::table
        .filter(people::full_name.eq(name))
        .select(people::id)
        .first(conn)
        .optional()?
    {
        return Ok(Some(id));
    }
    diesel::insert_into(people::table)
        .values((
            people::full_name.eq(name),
            people::search_text.eq(fold_for_search(name)),
        ))
        .returning(people::id)
        .get_result(conn)
        .map(Some)
}

/// The year's row id, creating it (as a draft) when missing.
fn year_row(conn: &mut DbConn, cluster_id: i32, year: i32) -> QueryResult<(i32, i32)> {
    if let Some(found) = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster_id))
        .filter(cluster_years::year.eq(year))
        .select((cluster_years::id, cluster_years::version))
        .first(conn)
        .optional()?
    {
        return Ok(found);
    }
    let id = diesel::insert_into(cluster_years::table)
        .values((
            cluster_years::cluster_id.eq(cluster_id),
            cluster_years::year.eq(year),
            cluster_years::status.eq("draft"),
            cluster_years::version.eq(0),
        ))
        .returning(cluster_years::id)
        .get_result(conn)?;
    Ok((id, 0))
}

/// Saves the year; `before` is the form as it was on record, for the log.
pub fn save(
    conn: &mut DbConn,
    ctx: &Context,
    valid: &ValidYear,
    before: serde_json::Value,
    after: serde_json::Value,
    author: &Author<'_>,
) -> Result<Saved, SaveError> {
    // What changed is worked out before the write lock is taken: the
    // version check inside the transaction makes sure `before` is still
    // what is on record.
    let diff = super::changes::changed_fields(&before, &after);
    let mut kept = Vec::new();
    let saved = write(conn, |conn| {
        kept = decisions_dropped(conn, ctx, valid)?;
        if !kept.is_empty() {
            return Err(diesel::result::Error::RollbackTransaction);
        }
        save_in_transaction(conn, ctx, valid, (before, after, diff), author)
    });
    saved.map_err(|e| match e {
        diesel::result::Error::RollbackTransaction if !kept.is_empty() => {
            SaveError::DecisionKept(kept)
        }
        diesel::result::Error::RollbackTransaction => SaveError::Conflict,
        other => SaveError::Database(other),
    })
}

/// The year's proposals that carry a decision (a status past "proposed"
/// or a decision field) and that the form no longer lists by unit and
/// kind: a save never drops a recorded decision silently.
fn decisions_dropped(
    conn: &mut DbConn,
    ctx: &Context,
    v: &ValidYear,
) -> QueryResult<Vec<KeptDecision>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        i32,
        i32,
        String,
        Option<String>,
        Option<chrono::NaiveDate>,
        Option<String>,
        String,
    )> = award_proposals::table
        .inner_join(cluster_years::table)
        .inner_join(award_kinds::table)
        .filter(cluster_years::cluster_id.eq(ctx.cluster.id))
        .filter(cluster_years::year.eq(ctx.year))
        .select((
            award_proposals::unit_id,
            award_proposals::award_kind_id,
            award_proposals::status,
            award_proposals::decision_number,
            award_proposals::decision_date,
            award_proposals::decided_by,
            award_kinds::name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(unit, kind, status, number, date, by, _)| {
            let recorded =
                status != "proposed" || number.is_some() || date.is_some() || by.is_some();
            recorded && !v.awards.iter().any(|a| a.unit == *unit && a.kind == *kind)
        })
        .map(|(unit, _, status, number, date, by, kind_name)| {
            let mut parts = Vec::new();
            if let Some(n) = number {
                parts.push(format!("số {n}"));
            }
            if let Some(d) = date {
                parts.push(format!("ngày {}", crate::domain::dates::short(d)));
            }
            if let Some(by) = by {
                parts.push(format!("của {by}"));
            }
            KeptDecision {
                unit,
                kind_name,
                status,
                decision: (!parts.is_empty()).then(|| format!("quyết định {}", parts.join(" "))),
            }
        })
        .collect())
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Written(i32),
    /// The form held what the record holds: nothing was written.
    Unchanged,
}

/// The form before and after a save, and the fields that changed
/// (`changes::changed_fields`).
type Logged = (
    serde_json::Value,
    serde_json::Value,
    Option<(serde_json::Value, serde_json::Value)>,
);

fn save_in_transaction(
    conn: &mut DbConn,
    ctx: &Context,
    v: &ValidYear,
    (before, after, diff): Logged,
    author: &Author<'_>,
) -> QueryResult<Saved> {
    let (cluster_id, year) = (ctx.cluster.id, ctx.year);
    let (year_id, version) = year_row(conn, cluster_id, year)?;
    // The version the clerk started from must still be the one on record
    // (0 for a year that did not exist when the form was opened).
    if version != v.version {
        return Err(diesel::result::Error::RollbackTransaction);
    }
    // A form saved as it was opened writes nothing: no new version, no
    // line in the log. The log keeps only the fields that changed.
    // A year new to the record is always written, even if blank.
    // A list the form sends back as it was is not written again: a clerk
    // correcting the minutes does not rewrite a country-sized year's
    // figures, scores and participants.
    let changed: Option<std::collections::HashSet<String>> = diff
        .as_ref()
        .and_then(|(_, is)| is.as_object())
        .map(|fields| fields.keys().cloned().collect());
    let writes = |field: &str| changed.as_ref().is_none_or(|c| c.contains(field));
    let (before, after) = match diff {
        Some(diff) => diff,
        None if version > 0 => return Ok(Saved::Unchanged),
        None => (before, after),
    };
    let (status, old_chair, old_vice, elected): (String, Option<i32>, Option<i32>, bool) =
        cluster_years::table
            .find(year_id)
            .select((
                cluster_years::status,
                cluster_years::chair_unit_id,
                cluster_years::vice_chair_unit_id,
                cluster_years::chair_elected_at_previous,
            ))
            .first(conn)?;
    let was_published = status == "published";
    let new_chair = v.chair.as_ref().map(|o| o.unit);
    let new_vice = v.vice_chair.as_ref().map(|o| o.unit);
    // The chair stays "elected at last year's conference" (public while
    // this year is a draft) only as long as this form keeps it unchanged;
    // a different chair typed here is part of the private draft.
    let still_elected = elected && old_chair == new_chair && old_vice == new_vice;
    let chair_person = person(conn, &v.chair.as_ref().and_then(|o| o.person.clone()))?;
    let vice_person = person(conn, &v.vice_chair.as_ref().and_then(|o| o.person.clone()))?;
    let updated = diesel::update(
        cluster_years::table
            .filter(cluster_years::id.eq(year_id))
            .filter(cluster_years::version.eq(version)),
    )
    .set((
        cluster_years::theme.eq(&v.theme),
        cluster_years::summary.eq(&v.summary),
        cluster_years::directions.eq(&v.directions),
        cluster_years::chair_unit_id.eq(new_chair),
        cluster_years::chair_person_id.eq(chair_person),
        cluster_years::chair_person_title.eq(v.chair.as_ref().and_then(|o| o.title.clone())),
        cluster_years::vice_chair_unit_id.eq(new_vice),
        cluster_years::vice_chair_person_id.eq(vice_person),
        cluster_years::vice_chair_person_title
            .eq(v.vice_chair.as_ref().and_then(|o| o.title.clone())),
        cluster_years::status.eq(&v.status),
        cluster_years::chair_elected_at_previous.eq(still_elected),
        cluster_years::version.eq(version + 1),
    ))
    .execute(conn)?;
    if updated != 1 {
        return Err(diesel::result::Error::RollbackTransaction);
    }

    // The conference and who took part.
    let conference_id = match &v.conference {
        Some(c) => {
            let searchable = crate::domain::fold::conference_search_text(
                c.title.as_deref(),
                c.venue.as_deref(),
                c.locality.as_deref(),
            );
            let values = (
                conferences::kind.eq(&c.kind),
                conferences::title.eq(&c.title),
                conferences::held_on.eq(c.date),
                conferences::held_on_precision.eq(c.precision.code()),
                conferences::part_of_day.eq(&c.part),
                conferences::locality.eq(&c.locality),
                conferences::venue.eq(&c.venue),
                conferences::host_unit_id.eq(c.host),
                conferences::members_present.eq(c.members_present),
                conferences::minutes.eq(&c.minutes),
                conferences::search_text.eq(&searchable),
            );
            // Only a conference of this very year may be updated.
            let existing = match c.id {
                Some(id) => conferences::table
                    .filter(conferences::id.eq(id))
                    .filter(conferences::cluster_year_id.eq(year_id))
                    .select(conferences::id)
                    .first::<i32>(conn)
                    .optional()?,
                None => None,
            };
            let id = match existing {
                Some(id) => {
                    diesel::update(conferences::table.find(id))
                        .set(values)
                        .execute(conn)?;
                    id
                }
                None => diesel::insert_into(conferences::table)
                    .values((conferences::cluster_year_id.eq(year_id), values))
                    .returning(conferences::id)
                    .get_result(conn)?,
            };
            // The form was opened on this very conference (see `which` in
            // the handler), so unchanged participants are the ones on record.
            let participants_kept = existing.is_some() && !writes("participants");
            if !participants_kept {
                write_participants(conn, id, &c.participants)?;
            }
            Some(id)
        }
        None => None,
    };

    // Movements are shared by name across clusters and years, and never
    // edited from here: a new name adds one, and the period this report
    // gives is kept on the year's own link (unless it is the movement's).
    if writes("movements") {
        write_movements(conn, year_id, v)?;
    }

    // Figures. A figure already on record keeps its place, so the order
    // in which the report gave them survives a save; new ones follow.
    if writes("indicators") {
        write_figures(conn, year_id, v)?;
    }
    if writes("results") {
        write_results(conn, year_id, v)?;
    }

    // Awards: a proposal kept in the form keeps any decision recorded on it.
    let existing: Vec<(i32, i32, i32)> = award_proposals::table
        .filter(award_proposals::cluster_year_id.eq(year_id))
        .select((
            award_proposals::id,
            award_proposals::unit_id,
            award_proposals::award_kind_id,
        ))
        .load(conn)?;
    for (id, unit, kind) in &existing {
        if !v.awards.iter().any(|a| a.unit == *unit && a.kind == *kind) {
            diesel::delete(award_proposals::table.find(id)).execute(conn)?;
        }
    }
    // The vote is taken at the year-end summary; saving a mid-year review
    // leaves the proposals' conference as it was.
    let vote_conference = v
        .conference
        .as_ref()
        .filter(|c| c.kind == "year_end_summary")
        .and(conference_id);
    for (order, a) in v.awards.iter().enumerate() {
        let votes = (
            award_proposals::conference_id.eq(vote_conference),
            award_proposals::votes_for.eq(a.votes_for),
            award_proposals::votes_against.eq(a.votes_against),
            award_proposals::votes_abstain.eq(a.votes_abstain),
            award_proposals::unanimous.eq(a.unanimous),
            award_proposals::sort_order.eq(order as i32),
        );
        match existing
            .iter()
            .find(|(_, u, k)| *u == a.unit && *k == a.kind)
        {
            Some((id, _, _)) => {
                diesel::update(award_proposals::table.find(id))
                    .set(votes)
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(award_proposals::table)
                    .values((
                        award_proposals::cluster_year_id.eq(year_id),
                        award_proposals::unit_id.eq(a.unit),
                        award_proposals::award_kind_id.eq(a.kind),
                        votes,
                    ))
                    .execute(conn)?;
            }
        }
    }

    // Counts of titles, in the order the form lists them; written again
    // only when they changed, so that a save of other parts leaves the
    // tallies counted (see db::version).
    if writes("title_counts") {
        diesel::delete(title_counts::table.filter(title_counts::cluster_year_id.eq(year_id)))
            .execute(conn)?;
        for (order, t) in v.title_counts.iter().enumerate() {
            diesel::insert_into(title_counts::table)
                .values((
                    title_counts::cluster_year_id.eq(year_id),
                    title_counts::unit_id.eq(t.unit),
                    title_counts::title.eq(&t.title),
                    title_counts::recipient.eq(&t.recipient),
                    title_counts::count.eq(t.count),
                    title_counts::note.eq(&t.note),
                    title_counts::sort_order.eq(order as i32),
                ))
                .execute(conn)?;
        }
    }

    // Next year's chair and covenant start next year's record.
    if v.next_chair.is_some()
        || v.next_vice.is_some()
        || v.next_decision_number.is_some()
        || v.covenant.is_some()
    {
        let (next_id, _) = year_row(conn, cluster_id, year + 1)?;
        diesel::update(cluster_years::table.find(next_id))
            .set((
                cluster_years::chair_unit_id.eq(v.next_chair),
                cluster_years::vice_chair_unit_id.eq(v.next_vice),
                cluster_years::chair_selection.eq(&v.next_selection),
                cluster_years::chair_decision_number.eq(&v.next_decision_number),
                cluster_years::chair_decision_date.eq(v.next_decision_date.map(|d| d.0)),
                cluster_years::chair_decision_date_precision
                    .eq(v.next_decision_date.map_or("day", |d| d.1.code())),
                // The chair now comes from this year's report; the flag
                // matters only while next year is a draft, so a published
                // next year keeps its own value.
                cluster_years::chair_elected_at_previous
                    .eq(cluster_years::chair_elected_at_previous
                        .or(cluster_years::status.ne("published"))),
                cluster_years::version.eq(cluster_years::version + 1),
            ))
            .execute(conn)?;
        diesel::delete(covenants::table.filter(covenants::cluster_year_id.eq(next_id)))
            .execute(conn)?;
        if let Some(c) = &v.covenant {
            diesel::insert_into(covenants::table)
                .values((
                    covenants::cluster_year_id.eq(next_id),
                    covenants::signed_on.eq(c.date.map(|d| d.0)),
                    covenants::signed_on_precision.eq(c.date.map_or("day", |d| d.1.code())),
                    covenants::conference_id.eq(conference_id),
                    covenants::place.eq(&c.place),
                    covenants::content.eq(&c.content),
                ))
                .execute(conn)?;
        }
    }

    let action = match (was_published, v.status.as_str()) {
        (false, "published") => "publish",
        (true, "draft") => "unpublish",
        _ if version == 0 => "create",
        _ => "update",
    };
    audit::record(
        conn,
        Entry {
            user_id: Some(author.user_id),
            user_name: Some(author.user_name),
            address: Some(author.address),
            action,
            entity: Some("cluster_year"),
            entity_id: Some(year_id),
            before: Some(before),
            after: Some(after),
            note: Some(&format!("{} — năm {year}", ctx.cluster.name)),
        },
    )?;
    Ok(Saved::Written(year_id))
}

/// The year's figures, in place of those on record.
fn write_figures(conn: &mut DbConn, year_id: i32, v: &ValidYear) -> QueryResult<()> {
    let places: Vec<(i32, Option<i32>, i32)> = indicator_values::table
        .filter(indicator_values::cluster_year_id.eq(year_id))
        .select((
            indicator_values::indicator_id,
            indicator_values::unit_id,
            indicator_values::sort_order,
        ))
        .load(conn)?;
    diesel::delete(indicator_values::table.filter(indicator_values::cluster_year_id.eq(year_id)))
        .execute(conn)?;
    let mut next_place = places.iter().map(|p| p.2 + 1).max().unwrap_or(0);
    for indicator in &v.indicators {
        let indicator_id = match indicators::table
            .filter(indicators::name.eq(&indicator.name))
            .filter(indicators::measure_unit.eq(&indicator.measure))
            .select(indicators::id)
            .first::<i32>(conn)
            .optional()?
        {
            Some(id) => id,
            None => diesel::insert_into(indicators::table)
                .values((
                    indicators::name.eq(&indicator.name),
                    indicators::measure_unit.eq(&indicator.measure),
                ))
                .returning(indicators::id)
                .get_result(conn)?,
        };
        for (unit, f) in &indicator.figures {
            let order = match places
                .iter()
                .find(|(i, u, _)| *i == indicator_id && u == unit)
            {
                Some((_, _, place)) => *place,
                None => {
                    next_place += 1;
                    next_place - 1
                }
            };
            diesel::insert_into(indicator_values::table)
                .values((
                    indicator_values::cluster_year_id.eq(year_id),
                    indicator_values::indicator_id.eq(indicator_id),
                    indicator_values::unit_id.eq(unit),
                    indicator_values::value.eq(&f.value),
                    indicator_values::out_of.eq(&f.out_of),
                    indicator_values::estimated.eq(f.estimated),
                    indicator_values::bound.eq(f.bound),
                    indicator_values::growth_pct.eq(&f.growth),
                    indicator_values::same_period_pct.eq(&f.same_period),
                    indicator_values::plan_pct.eq(&f.plan),
                    indicator_values::note.eq(&f.note),
                    indicator_values::sort_order.eq(order),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The year's scores and ranks, in place of those on record.
fn write_results(conn: &mut DbConn, year_id: i32, v: &ValidYear) -> QueryResult<()> {
    diesel::delete(member_results::table.filter(member_results::cluster_year_id.eq(year_id)))
        .execute(conn)?;
    for r in &v.results {
        diesel::insert_into(member_results::table)
            .values((
                member_results::cluster_year_id.eq(year_id),
                member_results::unit_id.eq(r.unit),
                member_results::score.eq(&r.score),
                member_results::rank.eq(r.rank),
                member_results::grade.eq(&r.grade),
                member_results::note.eq(&r.note),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Who took part in a conference, in place of those on record.
fn write_participants(
    conn: &mut DbConn,
    id: i32,
    participants: &[super::validate::Participant],
) -> QueryResult<()> {
    diesel::delete(
        conference_participants::table.filter(conference_participants::conference_id.eq(id)),
    )
    .execute(conn)?;
    for (order, p) in participants.iter().enumerate() {
        let person_id = person(conn, &p.name)?;
        diesel::insert_into(conference_participants::table)
            .values((
                conference_participants::conference_id.eq(id),
                conference_participants::role.eq(&p.role),
                conference_participants::person_id.eq(person_id),
                conference_participants::title.eq(&p.title),
                conference_participants::organisation.eq(&p.organisation),
                conference_participants::unit_id.eq(p.unit),
                conference_participants::remarks.eq(&p.remarks),
                conference_participants::sort_order.eq(order as i32),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The movements the year reports, in place of those on record.
fn write_movements(conn: &mut DbConn, year_id: i32, v: &ValidYear) -> QueryResult<()> {
    diesel::delete(
        cluster_year_movements::table.filter(cluster_year_movements::cluster_year_id.eq(year_id)),
    )
    .execute(conn)?;
    for (order, (name, from, to)) in v.movements.iter().enumerate() {
        let found: Option<(i32, Option<i32>, Option<i32>)> = movements::table
            .filter(movements::name.eq(name))
            .select((movements::id, movements::from_year, movements::to_year))
            .first(conn)
            .optional()?;
        let (movement_id, own_period) = match found {
            Some((id, a, b)) => (id, (a, b)),
            None => {
                let id = diesel::insert_into(movements::table)
                    .values((
                        movements::name.eq(name),
                        movements::from_year.eq(from),
                        movements::to_year.eq(to),
                    ))
                    .returning(movements::id)
                    .get_result(conn)?;
                (id, (*from, *to))
            }
        };
        let reported = if (*from, *to) == own_period {
            (None, None)
        } else {
            (*from, *to)
        };
        diesel::insert_into(cluster_year_movements::table)
            .values((
                cluster_year_movements::cluster_year_id.eq(year_id),
                cluster_year_movements::movement_id.eq(movement_id),
                cluster_year_movements::sort_order.eq(order as i32),
                cluster_year_movements::from_year.eq(reported.0),
                cluster_year_movements::to_year.eq(reported.1),
            ))
            .execute(conn)?;
    }
    Ok(())
}
