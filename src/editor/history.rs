//! "Lịch sử thay đổi": who changed a cluster-year, when, and what, read
//! from the audit log. For signed-in users.

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;
use diesel::prelude::*;

use super::changes::{Change, Reader};
use crate::audit::{self, LogRow};
use crate::auth::Viewer;
use crate::auth::drafts::Drafts;
use crate::db::{self, DbPool};
use crate::schema::{award_proposals, cluster_years, clusters};
use crate::web::error::AppError;

fn action_label(action: &str) -> &'static str {
    match action {
        "create" => "Tạo mới",
        "update" => "Sửa",
        "delete" => "Xóa",
        "publish" => "Công bố",
        "unpublish" => "Chuyển về bản nháp",
        _ => "Khác",
    }
}

pub struct Event {
    pub at: String,
    pub who: String,
    pub action: &'static str,
    pub note: String,
    pub changes: Vec<Change>,
}

#[derive(Template, WebTemplate)]
#[template(path = "editor/history.html")]
pub struct HistoryPage {
    pub viewer: Viewer,
    pub cluster_id: i32,
    pub cluster_name: String,
    pub year: i32,
    pub events: Vec<Event>,
}

#[derive(Template, WebTemplate)]
#[template(path = "editor/record_history.html")]
pub struct RecordHistoryPage {
    pub viewer: Viewer,
    pub title: String,
    pub back: String,
    pub events: Vec<Event>,
}

fn events(rows: &[LogRow], reader: &Reader) -> Vec<Event> {
    rows.iter()
        .map(|row| Event {
            at: row.at.format("%d/%m/%Y %H:%M").to_string(),
            who: row.user_name.clone().unwrap_or_default(),
            action: action_label(&row.action),
            note: row.note.clone().unwrap_or_default(),
            changes: reader.changes(row),
        })
        .collect()
}

/// The history of a unit or a cluster (the admin's records).
pub async fn record_history(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(String, i32)>,
    viewer: Viewer,
) -> Result<RecordHistoryPage, AppError> {
    if viewer.user().is_none() {
        return Err(AppError::LoginRequired(req.uri().to_string()));
    }
    let (entity, id) = path.into_inner();
    let (entity, back): (&'static str, String) = match entity.as_str() {
        "units" => ("unit", format!("/units/{id}")),
        "clusters" => ("cluster", format!("/clusters/{id}")),
        _ => return Err(AppError::NotFound),
    };
    let (rows, reader) = db::read(&pool, move |conn| {
        let rows = audit::history(conn, entity, id)?;
        let reader = Reader::load(conn, &rows, "cluster")?;
        Ok((rows, reader))
    })
    .await?;
    Ok(RecordHistoryPage {
        viewer,
        title: "Lịch sử thay đổi".to_string(),
        back,
        events: events(&rows, &reader),
    })
}

pub async fn history_page(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
) -> Result<HistoryPage, AppError> {
    if viewer.user().is_none() {
        return Err(AppError::LoginRequired(req.uri().to_string()));
    }
    let (cluster_id, year) = path.into_inner();
    let drafts = Drafts::of(&viewer);
    let (cluster_name, rows, reader) = db::read(&pool, move |conn| {
        let (cluster_name, cluster_kind): (String, String) = clusters::table
            .find(cluster_id)
            .select((clusters::name, clusters::kind))
            .first(conn)?;
        let (year_id, status): (i32, String) = cluster_years::table
            .filter(cluster_years::cluster_id.eq(cluster_id))
            .filter(cluster_years::year.eq(year))
            .select((cluster_years::id, cluster_years::status))
            .first(conn)?;
        // The history of a draft is as private as the draft.
        if !drafts.shows(cluster_id, &status) {
            return Err(diesel::result::Error::NotFound);
        }
        let mut rows = audit::history(conn, "cluster_year", year_id)?;
        // SQLite may give a deleted year's id to a new one; what was
        // logged before that deletion belongs to the old record.
        let since = rows
            .iter()
            .find(|r| r.action == "delete")
            .map_or(0, |r| r.id);
        let proposals: Vec<i32> = award_proposals::table
            .filter(award_proposals::cluster_year_id.eq(year_id))
            .select(award_proposals::id)
            .load(conn)?;
        rows.extend(audit::history_of_many(conn, "award_proposal", &proposals)?);
        rows.retain(|r| r.id > since);
        rows.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
        let reader = Reader::load(conn, &rows, &cluster_kind)?;
        Ok((cluster_name, rows, reader))
    })
    .await?;
    let events = events(&rows, &reader);
    Ok(HistoryPage {
        viewer,
        cluster_id,
        cluster_name,
        year,
        events,
    })
}
