//! Batch look-ups shared by pages: names for many ids in one query each,
//! so no page asks the database once per row.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::DbConn;
use crate::domain::labels;
use crate::models::{Person, Unit};
use crate::schema::{people, units};

/// A link to a unit page with the unit's name as it was.
#[derive(Debug, Clone)]
pub struct UnitLink {
    pub id: i32,
    pub name: String,
}

impl UnitLink {
    pub fn of(unit: &Unit) -> Self {
        UnitLink {
            id: unit.id,
            name: unit.full_name(),
        }
    }
}

pub struct Names {
    /// Full names ("Ủy ban nhân dân …"), from the two columns they need.
    units: HashMap<i32, String>,
    people: HashMap<i32, String>,
}

impl Names {
    /// Loads the named units and people (ids may repeat or be absent).
    pub fn load(
        conn: &mut DbConn,
        unit_ids: impl IntoIterator<Item = Option<i32>>,
        person_ids: impl IntoIterator<Item = Option<i32>>,
    ) -> QueryResult<Self> {
        let mut unit_ids: Vec<i32> = unit_ids.into_iter().flatten().collect();
        unit_ids.sort_unstable();
        unit_ids.dedup();
        let mut person_ids: Vec<i32> = person_ids.into_iter().flatten().collect();
        person_ids.sort_unstable();
        person_ids.dedup();
        let units = if unit_ids.is_empty() {
            Vec::new()
        } else {
            units::table
                .filter(units::id.eq_any(&unit_ids))
                .select((units::id, units::kind, units::name))
                .load::<(i32, String, String)>(conn)?
        };
        let people = if person_ids.is_empty() {
            Vec::new()
        } else {
            people::table
                .filter(people::id.eq_any(&person_ids))
                .select(Person::as_select())
                .load(conn)?
        };
        Ok(Names {
            units: units
                .into_iter()
                .map(|(id, kind, name)| (id, labels::unit_full_name(&kind, &name)))
                .collect(),
            people: people.into_iter().map(|p| (p.id, p.full_name)).collect(),
        })
    }

    pub fn unit(&self, id: i32) -> Option<UnitLink> {
        self.units.get(&id).map(|name| UnitLink {
            id,
            name: name.clone(),
        })
    }

    pub fn unit_opt(&self, id: Option<i32>) -> Option<UnitLink> {
        id.and_then(|id| self.unit(id))
    }

    /// The unit's full name, or an empty string for an unknown id.
    pub fn unit_name(&self, id: i32) -> String {
        self.units.get(&id).cloned().unwrap_or_default()
    }

    pub fn person(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|id| self.people.get(&id).cloned())
    }
}
