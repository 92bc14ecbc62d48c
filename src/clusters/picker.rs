//! Entering any year within a cluster's life: the cluster page's year
//! picker is a plain GET form (no script), and a GET form cannot put the
//! year into the path, so this route checks the year and redirects to
//! that year's meeting form.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{ClusterPage, current_year, queries};
use crate::auth::{self, Viewer};
use crate::db::{self, DbPool};
use crate::models::Cluster;
use crate::web::error::AppError;

/// The earliest year the portal accepts for a cluster whose first year is
/// unknown (the meeting form accepts nothing earlier).
const EARLIEST: i32 = 1945;

/// The years a clerk may enter for this cluster: its life, up to next
/// year (a covenant or chair is often entered ahead).
pub fn year_bounds(cluster: &Cluster) -> (i32, i32) {
    let first = cluster.first_year.unwrap_or(EARLIEST).max(EARLIEST);
    let last = cluster
        .last_year
        .unwrap_or(i32::MAX)
        .min(current_year() + 1)
        .max(first);
    (first, last)
}

/// What the picker shows: the year typed, and why it was refused.
#[derive(Default)]
pub struct Picker {
    pub value: String,
    pub error: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct EnterQuery {
    pub year: Option<String>,
}

pub async fn enter_year(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    query: web::Query<EnterQuery>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    auth::require_cluster_editor(&pool, &req, &viewer, id).await?;
    let c = std::sync::Arc::new(db::read(&pool, move |conn| queries::overview(conn, id)).await?);
    let typed = query.year.as_deref().unwrap_or("").trim().to_string();
    let (first, last) = year_bounds(&c.cluster);
    let error = match typed.parse::<i32>() {
        Ok(year) if (first..=last).contains(&year) => {
            return Ok(HttpResponse::SeeOther()
                .insert_header((
                    header::LOCATION,
                    format!("/clusters/{id}/years/{year}/edit"),
                ))
                .finish());
        }
        Ok(year) => format!(
            "Năm {year} nằm ngoài thời gian có thể nhập của cụm (từ {first} đến {last}); hãy chọn một năm trong khoảng đó."
        ),
        Err(_) if typed.is_empty() => "Hãy nhập năm cần nhập kết quả, ví dụ 2015.".to_string(),
        Err(_) => format!("“{typed}” không phải là một năm; hãy nhập năm bằng số, ví dụ 2015."),
    };
    let page = ClusterPage {
        viewer,
        c,
        picker: Picker {
            value: typed,
            error: Some(error),
        },
    };
    let html = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(StatusCode::UNPROCESSABLE_ENTITY)
        .content_type(ContentType::html())
        .body(html))
}
