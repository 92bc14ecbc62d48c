//! `/admin/import`: an admin uploads a file, sees what importing it would
//! do (created, changed, left alone, every row's error), and confirms; the
//! file waits on the server between the two (import_uploads) so that it is
//! not chosen twice.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use askama_web::WebTemplate;
use chrono::Utc;
use diesel::prelude::*;
use futures_util::StreamExt;

use super::{ImportError, Kind, Plan};
use crate::auth::{self, Viewer};
use crate::db::{self, DbPool};
use crate::schema::import_uploads;
use crate::web::error::AppError;
use crate::web::form::Form;

/// The largest file taken, as for signed minutes.
const MAX_FILE: usize = 10 * 1024 * 1024;
/// An upload not confirmed within this long is dropped.
const KEEP_HOURS: i64 = 6;

#[derive(Template, WebTemplate)]
#[template(path = "admin/import.html")]
pub struct ImportPage {
    pub viewer: Viewer,
    /// The file previewed: its name, the token to confirm it by, its plan.
    pub preview: Option<(String, String, Plan)>,
    /// A message about the file as a whole (not a spreadsheet, no header).
    pub problem: Option<String>,
    pub done: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

pub async fn import_form(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    query: web::Query<DoneQuery>,
) -> Result<ImportPage, AppError> {
    auth::require_admin(&pool, &req, &viewer, "import").await?;
    Ok(ImportPage {
        viewer,
        preview: None,
        problem: None,
        done: query.into_inner().done.filter(|d| d.chars().count() <= 300),
    })
}

fn page(status: actix_web::http::StatusCode, page: ImportPage) -> Result<HttpResponse, AppError> {
    let body = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// Takes the file and shows its preview.
pub async fn upload(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    mut payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let admin = auth::require_admin(&pool, &req, &viewer, "import").await?;
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut kind = String::new();
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadUpload)?;
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_string);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| AppError::BadUpload)?;
            if bytes.len() + chunk.len() > MAX_FILE {
                return Err(AppError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "kind" => kind = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => file = Some((file_name.unwrap_or_default(), bytes)),
            _ => {}
        }
    }
    auth::verify_csrf(&pool, &req, &admin, &csrf).await?;
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Err(AppError::BadUpload);
    };
    let file_name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let prepared = match super::prepare(&file_name, &bytes, Kind::parse(&kind)) {
        Ok(p) => p,
        Err(e) => {
            let problem = Some(e.to_string());
            return page(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                ImportPage {
                    viewer,
                    preview: None,
                    problem,
                    done: None,
                },
            );
        }
    };
    let token = auth::tokens::random_token().map_err(|e| AppError::Internal(e.to_string()))?;
    let (kept_token, kept_name, user_id) = (token.clone(), file_name.clone(), admin.id);
    let plan = db::read(&pool, move |conn| {
        let plan = super::preview(conn, &prepared).map_err(|e| match e {
            ImportError::Database(d) => d,
            other => diesel::result::Error::QueryBuilderError(other.to_string().into()),
        })?;
        if plan.is_clean() {
            db::write_quiet(conn, |conn| {
                let stale = Utc::now().naive_utc() - chrono::Duration::hours(KEEP_HOURS);
                diesel::delete(import_uploads::table.filter(import_uploads::uploaded_at.lt(stale)))
                    .execute(conn)?;
                diesel::insert_into(import_uploads::table)
                    .values((
                        import_uploads::token.eq(&kept_token),
                        import_uploads::user_id.eq(user_id),
                        import_uploads::file_name.eq(&kept_name),
                        import_uploads::content.eq(&bytes),
                        import_uploads::uploaded_at.eq(Utc::now().naive_utc()),
                    ))
                    .execute(conn)
            })?;
        }
        Ok(plan)
    })
    .await?;
    let status = if plan.is_clean() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    page(
        status,
        ImportPage {
            viewer,
            preview: Some((file_name, token, plan)),
            problem: None,
            done: None,
        },
    )
}

/// Applies the file the admin previewed.
pub async fn apply(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let admin = auth::require_admin(&pool, &req, &viewer, "import").await?;
    let pairs = body.into_inner();
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    auth::verify_csrf(&pool, &req, &admin, &get("csrf")).await?;
    let token = get("upload");
    let user = (admin.id, admin.name.clone());
    let outcome = db::read(&pool, move |conn| {
        let Some((id, file_name, content)) = import_uploads::table
            .filter(import_uploads::token.eq(&token))
            .filter(import_uploads::user_id.eq(user.0))
            .select((
                import_uploads::id,
                import_uploads::file_name,
                import_uploads::content,
            ))
            .first::<(i32, String, Vec<u8>)>(conn)
            .optional()?
        else {
            return Ok(Err(
                "Tệp đã được nhập hoặc đã hết hạn; hãy tải lên lại.".to_string()
            ));
        };
        let result = super::prepare(&file_name, &content, None)
            .and_then(|p| super::apply(conn, &p, &file_name, Some((user.0, &user.1))));
        db::write_quiet(conn, |conn| {
            diesel::delete(import_uploads::table.find(id)).execute(conn)
        })?;
        Ok(match result {
            Ok(plan) => Ok(format!("Đã nhập tệp {file_name}: {}.", plan.summary())),
            Err(e) => Err(e.to_string()),
        })
    })
    .await?;
    match outcome {
        Ok(message) => Ok(HttpResponse::SeeOther()
            .insert_header((
                actix_web::http::header::LOCATION,
                format!("/admin/import?done={}", crate::web::url::encode(&message)),
            ))
            .finish()),
        Err(problem) => page(
            actix_web::http::StatusCode::CONFLICT,
            ImportPage {
                viewer,
                preview: None,
                problem: Some(problem),
                done: None,
            },
        ),
    }
}

/// A template for each kind: its Vietnamese headers and one example row.
pub async fn template(path: web::Path<String>) -> Result<HttpResponse, AppError> {
    // Each template as CSV or as an Excel workbook.
    let (stem, format) = match path.rsplit_once('.') {
        Some((stem, "csv")) => (stem, crate::documents::download::Format::Csv),
        Some((stem, "xlsx")) => (stem, crate::documents::download::Format::Xlsx),
        _ => return Err(AppError::NotFound),
    };
    let (kind, example): (Kind, &[&str]) = match format!("{stem}.csv").as_str() {
        "don-vi.csv" => (
            Kind::Units,
            &["huyện Lộc Hà", "huyện", "tỉnh Hà Tĩnh", "", "", "", ""],
        ),
        "thanh-vien.csv" => (
            Kind::Memberships,
            &[
                "Cụm thi đua số 2",
                "huyện Lộc Hà",
                "Huyện",
                "2021",
                "",
                "",
                "",
            ],
        ),
        "cac-nam.csv" => (
            Kind::Years,
            &[
                "Cụm thi đua số 2",
                "2021",
                "huyện Vũ Quang",
                "",
                "07/01/2022",
                "huyện Vũ Quang",
                "huyện Lộc Hà",
                "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
                "6",
                "0",
                "0",
                "Đề nghị",
                "",
                "",
                "",
            ],
        ),
        "cum-khoi.csv" => (
            Kind::Clusters,
            &[
                "Cụm thi đua số 2",
                "Cụm",
                "UBND tỉnh Hà Tĩnh",
                "2021",
                "",
                "6",
                "",
            ],
        ),
        "danh-muc.csv" => (
            Kind::Catalogue,
            &[
                "Cờ thi đua của Ủy ban nhân dân tỉnh",
                "Cờ thi đua của UBND tỉnh",
                "Ủy ban nhân dân tỉnh",
                "Danh hiệu thi đua",
                "1",
                "",
            ],
        ),
        _ => return Err(AppError::NotFound),
    };
    let mut sheet = crate::documents::sheet::Sheet::new(
        "Mẫu",
        &kind.fields().iter().map(|f| f.label).collect::<Vec<_>>(),
    );
    sheet.push(
        example
            .iter()
            .map(|t| crate::documents::sheet::Cell::text(*t))
            .collect(),
    );
    let words = match kind {
        Kind::Units => "Mẫu nhập đơn vị",
        Kind::Memberships => "Mẫu nhập thành viên cụm khối",
        Kind::Years => "Mẫu nhập khen thưởng các năm",
        Kind::Clusters => "Mẫu nhập cụm khối thi đua",
        Kind::Catalogue => "Mẫu nhập danh mục khen thưởng",
    };
    let body = match format {
        crate::documents::download::Format::Xlsx => crate::documents::xlsx::write(words, &[sheet])
            .map_err(|e| AppError::Internal(e.to_string()))?,
        _ => crate::documents::csv::write(&sheet).map_err(|e| AppError::Internal(e.to_string()))?,
    };
    Ok(crate::documents::download::attachment(body, format, words))
}
