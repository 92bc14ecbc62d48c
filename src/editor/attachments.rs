//! The signed minutes of a conference, uploaded as a PDF or an image and
//! served back for download.
//!
//! The type is decided by the file's first bytes, not by its name or the
//! browser's claim; it is served with that type, as an attachment, under
//! `nosniff`, so an upload can never run as a page of the portal.

use actix_multipart::Multipart;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use diesel::prelude::*;

use crate::audit::{self, Entry};
use crate::auth::{self, Viewer, client_address};
use crate::db::{self, DbPool};
use crate::schema::{attachments, cluster_years, conferences};
use crate::web::error::AppError;
use crate::web::form::Form;
use crate::web::url::encode;

/// The largest file accepted: a scanned multi-page minutes fits easily.
pub const MAX_FILE: usize = 10 * 1024 * 1024;
/// Past this much, the rest of a refused upload is not even read.
const DRAIN_LIMIT: usize = 64 * 1024 * 1024;

/// The content type a file's first bytes prove, if it is one we accept.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// A file name safe to store and show: no path, no control characters.
fn clean_name(name: &str) -> String {
    let cleaned = crate::web::input::clean_file_name(name);
    if cleaned.is_empty() {
        "bien-ban".to_string()
    } else {
        cleaned
    }
}

/// The cluster a conference belongs to (for the role check), its year,
/// and the year's record (whose history lists the files).
fn owner(conn: &mut db::DbConn, conference_id: i32) -> QueryResult<(i32, i32, i32)> {
    conferences::table
        .inner_join(cluster_years::table)
        .filter(conferences::id.eq(conference_id))
        .select((
            cluster_years::cluster_id,
            cluster_years::year,
            cluster_years::id,
        ))
        .first(conn)
}

pub async fn upload(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let conference_id = path.into_inner();
    let (cluster_id, year, year_id) =
        db::read(&pool, move |conn| owner(conn, conference_id)).await?;
    let user = auth::require_cluster_editor(&pool, &req, &viewer, cluster_id).await?;

    let mut parts = crate::web::upload::read(payload, MAX_FILE, DRAIN_LIMIT).await?;
    let csrf = parts.text("csrf", 200);
    let file = parts.take_file("file");
    auth::verify_csrf(&pool, &req, &user, &csrf).await?;
    let back = format!("/clusters/{cluster_id}/years/{year}/edit");
    if parts.oversized {
        return Err(AppError::TooLarge);
    }
    let Some((file_name, bytes)) = file else {
        return Err(AppError::BadUpload);
    };
    let Some(content_type) = sniff(&bytes) else {
        return Err(AppError::UnsupportedFile);
    };
    let file_name = clean_name(&file_name);
    let address = client_address(&req);
    db::read(&pool, move |conn| {
        db::write(conn, |conn| {
            diesel::insert_into(attachments::table)
                .values((
                    attachments::conference_id.eq(conference_id),
                    attachments::file_name.eq(&file_name),
                    attachments::content_type.eq(content_type),
                    attachments::size.eq(bytes.len() as i32),
                    attachments::content.eq(&bytes),
                    attachments::uploaded_at.eq(Utc::now().naive_utc()),
                    attachments::uploaded_by.eq(user.id),
                ))
                .execute(conn)?;
            audit::record(
                conn,
                Entry {
                    user_id: Some(user.id),
                    user_name: Some(&user.name),
                    address: Some(&address),
                    action: "update",
                    entity: Some("cluster_year"),
                    entity_id: Some(year_id),
                    note: Some(&format!(
                        "Tải lên biên bản: {file_name} ({} byte)",
                        bytes.len()
                    )),
                    ..Default::default()
                },
            )
        })
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((LOCATION, back))
        .finish())
}

pub async fn download(
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (file_name, content_type, content, cluster_id, status): (
        String,
        String,
        Vec<u8>,
        i32,
        String,
    ) = db::read(&pool, move |conn| {
        attachments::table
            .inner_join(conferences::table.inner_join(cluster_years::table))
            .filter(attachments::id.eq(id))
            .select((
                attachments::file_name,
                attachments::content_type,
                attachments::content,
                cluster_years::cluster_id,
                cluster_years::status,
            ))
            .first(conn)
    })
    .await?;
    // A draft's files are as private as the draft.
    if status != "published" && !viewer.can_edit_cluster(cluster_id) {
        return Err(AppError::NotFound);
    }
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type))
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
                encode(&file_name)
            ),
        ))
        .body(content))
}

#[derive(askama::Template)]
#[template(path = "admin/confirm.html")]
struct ConfirmRemoval {
    viewer: Viewer,
    title: String,
    question: String,
    action: String,
    back: String,
    message: Option<String>,
}

/// (file name, cluster id, year, year record id) of an attachment.
fn attachment_owner(conn: &mut db::DbConn, id: i32) -> QueryResult<(String, i32, i32, i32)> {
    let (file_name, conference_id): (String, i32) = attachments::table
        .find(id)
        .select((attachments::file_name, attachments::conference_id))
        .first(conn)?;
    let (cluster_id, year, year_id) = owner(conn, conference_id)?;
    Ok((file_name, cluster_id, year, year_id))
}

pub async fn confirm_remove(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    use askama::Template;
    let id = path.into_inner();
    let (file_name, cluster_id, year, _) =
        db::read(&pool, move |conn| attachment_owner(conn, id)).await?;
    auth::require_cluster_editor(&pool, &req, &viewer, cluster_id).await?;
    let page = ConfirmRemoval {
        viewer,
        title: "Xóa tệp biên bản".to_string(),
        question: format!("Xóa tệp “{file_name}” khỏi hồ sơ năm {year}?"),
        action: format!("/attachments/{id}/delete"),
        back: format!("/clusters/{cluster_id}/years/{year}/edit"),
        message: None,
    };
    let html = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html))
}

pub async fn remove(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
    body: Form<super::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (file_name, cluster_id, year, year_id) =
        db::read(&pool, move |conn| attachment_owner(conn, id)).await?;
    let user = auth::require_cluster_editor(&pool, &req, &viewer, cluster_id).await?;
    auth::verify_csrf(&pool, &req, &user, &body.csrf).await?;
    let address = client_address(&req);
    db::read(&pool, move |conn| {
        db::write(conn, |conn| {
            diesel::delete(attachments::table.find(id)).execute(conn)?;
            audit::record(
                conn,
                Entry {
                    user_id: Some(user.id),
                    user_name: Some(&user.name),
                    address: Some(&address),
                    action: "update",
                    entity: Some("cluster_year"),
                    entity_id: Some(year_id),
                    note: Some(&format!("Xóa tệp biên bản: {file_name}")),
                    ..Default::default()
                },
            )
        })
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((
            LOCATION,
            format!("/clusters/{cluster_id}/years/{year}/edit"),
        ))
        .finish())
}
