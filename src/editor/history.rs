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
use crate::web::paging::Paging;

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
    pub paging: Paging,
}

#[derive(Template, WebTemplate)]
#[template(path = "editor/record_history.html")]
pub struct RecordHistoryPage {
    pub viewer: Viewer,
    pub title: String,
    pub back: String,
    pub events: Vec<Event>,
    pub paging: Paging,
}

/// Events on one page of a history: a record saved hundreds of times
/// still gives a short page.
pub const EVENTS_PER_PAGE: usize = 20;

#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    pub page: Option<String>,
}

/// One page of the lines `keys` (newest first): its paging and its full
/// lines with the names their changes mention.
fn one_page(
    conn: &mut crate::db::DbConn,
    keys: &[audit::LogKey],
    requested: Option<&str>,
    base: String,
    cluster_kind: &str,
) -> QueryResult<(Paging, Vec<LogRow>, Reader)> {
    let paging = Paging::new(keys.len(), EVENTS_PER_PAGE, requested, base);
    let ids: Vec<i32> = keys[paging.range()].iter().map(|k| k.id).collect();
    let rows = audit::rows_by_id(conn, &ids)?;
    let reader = Reader::load(conn, &rows, cluster_kind)?;
    Ok((paging, rows, reader))
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
    query: web::Query<PageQuery>,
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
    let requested = query.into_inner().page;
    let base = format!("{}?", req.path());
    let (paging, rows, reader) = db::read(&pool, move |conn| {
        let mut keys = audit::keys_of(conn, entity, &[id])?;
        audit::newest_first(&mut keys);
        one_page(conn, &keys, requested.as_deref(), base, "cluster")
    })
    .await?;
    Ok(RecordHistoryPage {
        viewer,
        title: "Lịch sử thay đổi".to_string(),
        back,
        events: events(&rows, &reader),
        paging,
    })
}

pub async fn history_page(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    query: web::Query<PageQuery>,
    viewer: Viewer,
) -> Result<HistoryPage, AppError> {
    if viewer.user().is_none() {
        return Err(AppError::LoginRequired(req.uri().to_string()));
    }
    let (cluster_id, year) = path.into_inner();
    let drafts = Drafts::of(&viewer);
    let requested = query.into_inner().page;
    let base = format!("{}?", req.path());
    let (cluster_name, paging, rows, reader) = db::read(&pool, move |conn| {
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
        let mut keys = audit::keys_of(conn, "cluster_year", &[year_id])?;
        audit::newest_first(&mut keys);
        // SQLite may give a deleted year's id to a new one; what was
        // logged before that deletion belongs to the old record.
        let since = keys
            .iter()
            .find(|k| k.action == "delete")
            .map_or(0, |k| k.id);
        let proposals: Vec<i32> = award_proposals::table
            .filter(award_proposals::cluster_year_id.eq(year_id))
            .select(award_proposals::id)
            .load(conn)?;
        keys.extend(audit::keys_of(conn, "award_proposal", &proposals)?);
        keys.retain(|k| k.id > since);
        audit::newest_first(&mut keys);
        let (paging, rows, reader) =
            one_page(conn, &keys, requested.as_deref(), base, &cluster_kind)?;
        Ok((cluster_name, paging, rows, reader))
    })
    .await?;
    let events = events(&rows, &reader);
    Ok(HistoryPage {
        viewer,
        cluster_id,
        cluster_name,
        year,
        events,
        paging,
    })
}
