//! "Lịch sử thay đổi": who changed a cluster-year, when, and what, read
//! from the audit log. For signed-in users.

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;
use diesel::prelude::*;

use crate::audit::{self, LogRow};
use crate::auth::Viewer;
use crate::auth::drafts::Drafts;
use crate::db::{self, DbPool};
use crate::schema::{award_proposals, cluster_years, clusters};
use crate::web::error::AppError;

/// Field names of the saved forms, as a clerk knows them.
fn field_label(key: &str) -> &str {
    match key {
        "status" => "Trạng thái",
        "theme" => "Chủ đề thi đua",
        "summary" => "Kết quả nổi bật",
        "directions" => "Phương hướng",
        "conf_kind" => "Loại hội nghị",
        "conf_title" => "Tên hội nghị",
        "conf_date" => "Ngày họp",
        "conf_part" => "Buổi",
        "conf_locality" => "Địa danh",
        "conf_venue" => "Địa điểm",
        "conf_host" => "Đơn vị đăng cai",
        "members_present" => "Số đơn vị có mặt",
        "minutes" => "Biên bản",
        "participants" => "Đại biểu",
        "movements" => "Phong trào",
        "chair_unit" => "Cụm trưởng",
        "chair_person" => "Người đại diện Cụm trưởng",
        "chair_title" => "Chức vụ người đại diện Cụm trưởng",
        "vice_unit" => "Cụm phó",
        "vice_person" => "Người đại diện Cụm phó",
        "vice_title" => "Chức vụ người đại diện Cụm phó",
        "indicators" => "Chỉ tiêu",
        "results" => "Chấm điểm, xếp hạng",
        "awards" => "Đề nghị khen thưởng",
        "next_chair" => "Cụm trưởng năm sau",
        "next_vice" => "Cụm phó năm sau",
        "next_selection" => "Hình thức chọn Cụm trưởng năm sau",
        "next_decision_number" => "Quyết định công nhận Cụm trưởng năm sau",
        "next_decision_date" => "Ngày quyết định công nhận",
        "cov_date" => "Ngày ký giao ước",
        "cov_place" => "Nơi ký giao ước",
        "cov_content" => "Nội dung giao ước",
        "decision_number" => "Số quyết định",
        "decision_date" => "Ngày quyết định",
        "decided_by" => "Cơ quan quyết định",
        "note" => "Ghi chú",
        "name" => "Tên",
        "short_name" => "Tên ngắn",
        "kind" => "Loại",
        "parent" => "Thuộc đơn vị",
        "valid_from" => "Tồn tại từ",
        "valid_to" => "Đến",
        "successor" => "Đơn vị kế thừa",
        "body" => "Cơ quan tổ chức",
        "first_year" => "Năm bắt đầu",
        "last_year" => "Năm kết thúc",
        "member_count" => "Số thành viên",
        "description" => "Mô tả",
        other => other,
    }
}

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

pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

pub struct Event {
    pub at: String,
    pub who: String,
    pub action: &'static str,
    pub note: String,
    pub changes: Vec<Change>,
}

fn shown(value: Option<&serde_json::Value>) -> String {
    let text = match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Array(items)) => format!("{} dòng", items.len()),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > 160 {
        format!("{}…", text.chars().take(160).collect::<String>())
    } else {
        text
    }
}

/// The fields whose values differ between before and after.
fn changes(row: &LogRow) -> Vec<Change> {
    let parse = |text: &Option<String>| {
        text.as_deref()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default()
    };
    let (before, after) = (parse(&row.before_json), parse(&row.after_json));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !matches!(k.as_str(), "version" | "csrf" | "conference_id"))
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| Change {
            field: field_label(k).to_string(),
            before: shown(before.get(k)),
            after: shown(after.get(k)),
        })
        .filter(|c| c.before != c.after || c.field == field_label("indicators"))
        .collect()
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

fn events(rows: &[LogRow]) -> Vec<Event> {
    rows.iter()
        .map(|row| Event {
            at: row.at.format("%d/%m/%Y %H:%M").to_string(),
            who: row.user_name.clone().unwrap_or_default(),
            action: action_label(&row.action),
            note: row.note.clone().unwrap_or_default(),
            changes: changes(row),
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
    let rows = db::read(&pool, move |conn| audit::history(conn, entity, id)).await?;
    Ok(RecordHistoryPage {
        viewer,
        title: "Lịch sử thay đổi".to_string(),
        back,
        events: events(&rows),
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
    let (cluster_name, rows) = db::read(&pool, move |conn| {
        let cluster_name: String = clusters::table
            .find(cluster_id)
            .select(clusters::name)
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
        Ok((cluster_name, rows))
    })
    .await?;
    let events = events(&rows);
    Ok(HistoryPage {
        viewer,
        cluster_id,
        cluster_name,
        year,
        events,
    })
}
