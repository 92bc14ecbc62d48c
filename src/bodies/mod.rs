//! An organising body's page: the clusters and blocks it organises and
//! the counts of titles it reports for itself by year ("1.250 cá nhân
//! đạt danh hiệu Lao động tiên tiến" for a whole district), with the
//! admin's form for those counts.

pub mod counts;

use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Datelike;
use diesel::prelude::*;
use serde::Deserialize;

use crate::auth::{self, Viewer, client_address};
use crate::db::{self, DbPool, failure};
use crate::domain::number;
use crate::editor::form::Fields;
use crate::models::{Cluster, OrganisingBody};
use crate::rotation::terms::Scope;
use crate::schema::{body_title_counts, clusters, organising_bodies};
use crate::titles::recipient_label;
use crate::web::error::AppError;
use crate::web::form::Form;
use counts::{Errors, Row};

fn render(page: &impl Template, status: StatusCode) -> Result<HttpResponse, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(html))
}

pub struct CountItem {
    pub title: String,
    pub recipient: &'static str,
    /// "1.250".
    pub count: String,
    pub note: Option<String>,
}

pub struct YearCounts {
    pub year: i32,
    pub counts: Vec<CountItem>,
}

#[derive(Template)]
#[template(path = "bodies/body.html")]
pub struct BodyPage {
    pub viewer: Viewer,
    pub body: OrganisingBody,
    pub clusters: Vec<crate::clusters::cards::ClusterItem>,
    pub years: Vec<YearCounts>,
    /// The year the form offers to enter: the last finished one.
    pub default_year: i32,
    pub saved: Option<i32>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub saved: Option<String>,
    pub year: Option<String>,
}

fn load_body(conn: &mut db::DbConn, id: i32) -> QueryResult<OrganisingBody> {
    organising_bodies::table
        .find(id)
        .select(OrganisingBody::as_select())
        .first(conn)
}

pub async fn body_page(
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let this_year = chrono::Local::now().year();
    let (body, mut clusters, rows) = db::read(&pool, move |conn| {
        let body = load_body(conn, id)?;
        let own: Vec<Cluster> = clusters::table
            .filter(clusters::organising_body_id.eq(id))
            .order(clusters::id)
            .select(Cluster::as_select())
            .load(conn)?;
        let clusters = crate::clusters::cards::cards(conn, own, Scope::Body(id), this_year)?;
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i32, String, String, i32, Option<String>)> = body_title_counts::table
            .filter(body_title_counts::organising_body_id.eq(id))
            .order((
                body_title_counts::year.desc(),
                body_title_counts::sort_order,
                body_title_counts::id,
            ))
            .select((
                body_title_counts::year,
                body_title_counts::title,
                body_title_counts::recipient,
                body_title_counts::count,
                body_title_counts::note,
            ))
            .load(conn)?;
        Ok((body, clusters, rows))
    })
    .await?;
    crate::domain::collate::sort_by_name(&mut clusters, |c| &c.cluster.name);
    let mut years: Vec<YearCounts> = Vec::new();
    for (year, title, recipient, n, note) in rows {
        let item = CountItem {
            title,
            recipient: recipient_label(&recipient),
            count: number::count(i64::from(n)),
            note,
        };
        match years.last_mut() {
            Some(y) if y.year == year => y.counts.push(item),
            _ => years.push(YearCounts {
                year,
                counts: vec![item],
            }),
        }
    }
    render(
        &BodyPage {
            viewer,
            body,
            clusters,
            years,
            default_year: chrono::Local::now().year() - 1,
            saved: query.saved.as_deref().and_then(|s| s.parse().ok()),
        },
        StatusCode::OK,
    )
}

#[derive(Template)]
#[template(path = "bodies/titles.html")]
pub struct TitlesPage {
    pub viewer: Viewer,
    pub body: OrganisingBody,
    pub year: i32,
    pub rows: Vec<Row>,
    pub seen: String,
    pub errors: Errors,
    pub message: Option<String>,
}

impl TitlesPage {
    pub fn fe(&self, key: impl AsRef<str>) -> Option<&str> {
        self.errors.get(key.as_ref()).map(String::as_str)
    }

    pub fn attrs(&self, key: impl AsRef<str>) -> String {
        let key = key.as_ref();
        if self.errors.contains_key(key) {
            format!(" class=\"invalid\" aria-invalid=\"true\" aria-describedby=\"err-{key}\"")
        } else {
            String::new()
        }
    }

    pub fn recipients(&self) -> &'static [(&'static str, &'static str)] {
        crate::editor::validate::RECIPIENTS
    }

    pub fn common_titles(&self) -> &'static [&'static str] {
        crate::editor::validate::COMMON_TITLES
    }
}

/// A year the form may hold; anything else is a page that does not exist.
fn parse_year(text: &str) -> Result<i32, AppError> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1945..=2100).contains(y))
        .ok_or(AppError::NotFound)
}

pub async fn titles_form(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    auth::require_admin(&pool, &req, &viewer, "organising_body").await?;
    let id = path.into_inner();
    let year = match query.year.as_deref() {
        Some(y) => parse_year(y)?,
        None => chrono::Local::now().year() - 1,
    };
    let (body, stored) = db::read(&pool, move |conn| {
        Ok((load_body(conn, id)?, counts::stored(conn, id, year)?))
    })
    .await?;
    render(
        &TitlesPage {
            viewer,
            body,
            year,
            rows: counts::as_rows(&stored),
            seen: counts::fingerprint(&stored),
            errors: Errors::new(),
            message: None,
        },
        StatusCode::OK,
    )
}

pub async fn save_titles(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let user = auth::require_admin(&pool, &req, &viewer, "organising_body").await?;
    let fields = Fields::new(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &fields.get("csrf")).await?;
    let id = path.into_inner();
    let year = parse_year(&fields.get("year"))?;
    let organising_body = db::read(&pool, move |conn| load_body(conn, id)).await?;
    let mut rows = counts::read_rows(&fields);
    let seen = fields.get("seen");
    let page = |rows: Vec<Row>, errors: Errors, message: String| TitlesPage {
        viewer: viewer.clone(),
        body: organising_body.clone(),
        year,
        rows,
        seen: seen.clone(),
        errors,
        message: Some(message),
    };
    let checked = match counts::check(&rows, &fields) {
        Ok(c) => c,
        Err(errors) => {
            let message = format!(
                "Chưa lưu: có {} chỗ cần sửa, được đánh dấu bên dưới. Những gì bạn đã nhập vẫn còn nguyên.",
                errors.len()
            );
            return render(
                &page(rows, errors, message),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let address = client_address(&req);
    let (user_id, user_name) = (user.id, user.name.clone());
    let seen_now = seen.clone();
    let pool2 = pool.clone();
    let outcome = web::block(move || {
        let Ok(mut conn) = pool2.get() else {
            return Err(None);
        };
        let author = counts::Author {
            user_id,
            user_name: &user_name,
            address: &address,
        };
        counts::save(&mut conn, id, year, &seen_now, &checked, &author).map_err(Some)
    })
    .await?;
    let (status, message) = match outcome {
        Ok(_) => {
            return Ok(HttpResponse::SeeOther()
                .insert_header((LOCATION, format!("/bodies/{id}?saved={year}#y{year}")))
                .finish());
        }
        Err(Some(counts::SaveError::Stale)) => (
            StatusCode::CONFLICT,
            "Chưa lưu: số lượng danh hiệu của năm này vừa được người khác cập nhật sau khi bạn mở trang. \
             Những gì bạn nhập vẫn còn bên dưới; hãy mở lại trang để xem bản mới nhất rồi nhập lại."
                .to_string(),
        ),
        Err(None) => (
            StatusCode::SERVICE_UNAVAILABLE,
            failure::Unavailable::Busy.message().to_string(),
        ),
        Err(Some(counts::SaveError::Database(e))) => match failure::unavailable(&e) {
            Some(why) => (StatusCode::SERVICE_UNAVAILABLE, why.message().to_string()),
            None => {
                tracing::error!(cause = %e, "body title counts not saved");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Chưa lưu: hệ thống gặp lỗi khi ghi dữ liệu; lỗi đã được ghi lại. \
                     Những gì bạn nhập vẫn còn bên dưới; hãy thử lưu lại sau."
                        .to_string(),
                )
            }
        },
    };
    counts::pad(&mut rows);
    render(&page(rows, Errors::new(), message), status)
}
