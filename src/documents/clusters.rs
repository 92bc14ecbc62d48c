//! The catalogue of clusters and blocks with their members by year, as
//! Excel and CSV files: a sheet of clusters and a sheet of memberships,
//! each span of years a member belonged (or, with `?year=`, the members
//! of that year).

use actix_web::{HttpResponse, web};
use diesel::prelude::*;
use serde::Deserialize;

use super::download::{self, Format};
use super::sheet::{Cell, Sheet};
use crate::db::{self, DbConn, DbPool};
use crate::models::{Cluster, Membership, Unit};
use crate::schema::{clusters, memberships, organising_bodies, units};
use crate::web::error::AppError;

const TITLE: &str = "Danh sách cụm, khối thi đua và đơn vị thành viên";

#[derive(Debug, Default, Deserialize)]
pub struct ClustersQuery {
    pub year: Option<String>,
}

impl ClustersQuery {
    /// A year that is not a number lists every span, as no year does.
    fn year(&self) -> Option<i32> {
        self.year.as_deref().and_then(|y| y.trim().parse().ok())
    }

    fn words(&self) -> String {
        match self.year() {
            Some(y) => format!("{TITLE} năm {y}"),
            None => TITLE.to_string(),
        }
    }
}

pub async fn clusters_xlsx(
    pool: web::Data<DbPool>,
    query: web::Query<ClustersQuery>,
) -> Result<HttpResponse, AppError> {
    let year = query.year();
    let sheets = db::read(&pool, move |conn| sheets(conn, year)).await?;
    let words = query.words();
    let body =
        super::xlsx::write(&words, &sheets).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download::attachment(body, Format::Xlsx, &words))
}

/// The memberships alone: a CSV file holds one table.
pub async fn clusters_csv(
    pool: web::Data<DbPool>,
    query: web::Query<ClustersQuery>,
) -> Result<HttpResponse, AppError> {
    let year = query.year();
    let mut sheets = db::read(&pool, move |conn| sheets(conn, year)).await?;
    let Some(members) = sheets.pop() else {
        return Err(AppError::Internal("no memberships sheet".into()));
    };
    let body = super::csv::write(&members).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download::attachment(body, Format::Csv, &query.words()))
}

fn sheets(conn: &mut DbConn, year: Option<i32>) -> QueryResult<Vec<Sheet>> {
    let mut query = clusters::table
        .inner_join(organising_bodies::table)
        .order((organising_bodies::sort_order, clusters::id))
        .select((Cluster::as_select(), organising_bodies::name))
        .into_boxed();
    if let Some(y) = year {
        query = query
            .filter(
                clusters::first_year
                    .is_null()
                    .or(clusters::first_year.le(y)),
            )
            .filter(clusters::last_year.is_null().or(clusters::last_year.ge(y)));
    }
    let listed: Vec<(Cluster, String)> = query.load(conn)?;
    let mut query = memberships::table
        .inner_join(units::table)
        .select((Membership::as_select(), Unit::as_select()))
        .into_boxed();
    if let Some(y) = year {
        query = query.filter(memberships::from_year.le(y)).filter(
            memberships::to_year
                .is_null()
                .or(memberships::to_year.ge(y)),
        );
    }
    let mut members: Vec<(Membership, Unit)> = query.load(conn)?;
    // In the clusters' order, then each cluster's own listing order.
    let position: std::collections::HashMap<i32, usize> = listed
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.id, i))
        .collect();
    members.retain(|(m, _)| position.contains_key(&m.cluster_id));
    members.sort_by_key(|(m, _)| (position[&m.cluster_id], m.sort_order, m.from_year, m.id));

    let mut clusters_sheet = Sheet::new(
        "Cụm, khối",
        &[
            "STT",
            "Cơ quan tổ chức",
            "Cụm, khối",
            "Loại",
            "Từ năm",
            "Đến năm",
            "Số đơn vị theo quyết định",
            "Số đơn vị trong danh sách",
            "Ghi chú",
        ],
    )
    .with_title(match year {
        Some(y) => format!("{} NĂM {y}", TITLE.to_uppercase()),
        None => TITLE.to_uppercase(),
    });
    let names: std::collections::HashMap<i32, &str> = listed
        .iter()
        .map(|(c, _)| (c.id, c.name.as_str()))
        .collect();
    for (i, (c, body)) in listed.iter().enumerate() {
        let count = members.iter().filter(|(m, _)| m.cluster_id == c.id).count();
        clusters_sheet.push(vec![
            Cell::Integer(i as i64 + 1),
            Cell::text(body.clone()),
            Cell::text(c.name.clone()),
            Cell::text(c.kind_label()),
            Cell::opt_integer(c.first_year),
            Cell::opt_integer(c.last_year),
            Cell::opt_integer(c.member_count),
            Cell::Integer(count as i64),
            Cell::opt_text(c.description.as_deref()),
        ]);
    }
    let mut members_sheet = Sheet::new(
        "Đơn vị thành viên",
        &[
            "Cụm, khối",
            "STT",
            "Đơn vị",
            "Loại đơn vị",
            "Từ năm",
            "Đến năm",
            "Quyết định",
            "Ngày quyết định",
        ],
    );
    let mut previous = None;
    let mut number = 0;
    for (m, unit) in &members {
        number = if previous == Some(m.cluster_id) {
            number + 1
        } else {
            1
        };
        previous = Some(m.cluster_id);
        members_sheet.push(vec![
            Cell::text(names[&m.cluster_id]),
            Cell::Integer(number),
            Cell::text(unit.name.clone()),
            Cell::text(unit.kind_label()),
            Cell::Integer(m.from_year.into()),
            Cell::opt_integer(m.to_year),
            Cell::opt_text(m.decision_number.as_deref()),
            m.decision_date.map_or(Cell::Empty, Cell::Date),
        ]);
    }
    Ok(vec![clusters_sheet, members_sheet])
}
