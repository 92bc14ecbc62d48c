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

use super::{Context, ImportError, Kind, Plan};
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
    /// Clusters to pick for a table that does not name its own: id, name.
    pub clusters: Vec<(i32, String)>,
    /// What the upload form said, to show it again.
    pub kind: String,
    pub context: Context,
    /// The units chosen so far for names that fit several: the name as
    /// the file writes it, and the unit's full name.
    pub chosen_units: Vec<(String, String)>,
}

/// The kinds the upload form offers: code and what it holds.
const KIND_CHOICES: &[(&str, &str)] = &[
    ("units", "Đơn vị"),
    ("clusters", "Cụm, khối thi đua"),
    ("awards", "Danh mục khen thưởng"),
    ("memberships", "Thành viên cụm, khối"),
    (
        "years",
        "Khen thưởng các năm (Cụm trưởng, hội nghị, đề nghị, quyết định)",
    ),
    (
        "tables",
        "Chỉ tiêu, điểm, xếp hạng của một năm (mỗi dòng một đơn vị)",
    ),
    (
        "figures",
        "Chỉ tiêu của một năm (mỗi dòng một chỉ tiêu, của cả Cụm hoặc một đơn vị)",
    ),
];

impl ImportPage {
    /// The context's cluster as the form's select sends it.
    fn cluster_picked(&self, id: &i32) -> bool {
        self.context.cluster.as_deref() == Some(id.to_string().as_str())
    }

    fn year_typed(&self) -> String {
        self.context.year.map(|y| y.to_string()).unwrap_or_default()
    }

    /// The unit chosen so far for a name that fits several.
    fn chosen(&self, typed: &str, id: &i32) -> bool {
        self.context.choices.get(typed) == Some(id)
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

async fn page_for(
    pool: &web::Data<DbPool>,
    viewer: Viewer,
    kind: String,
    context: Context,
) -> Result<ImportPage, AppError> {
    let clusters = db::read(pool, |conn| {
        crate::schema::clusters::table
            .order(crate::schema::clusters::name)
            .select((crate::schema::clusters::id, crate::schema::clusters::name))
            .load::<(i32, String)>(conn)
    })
    .await?;
    Ok(ImportPage {
        viewer,
        preview: None,
        problem: None,
        done: None,
        clusters,
        kind,
        context,
        chosen_units: Vec::new(),
    })
}

pub async fn import_form(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    query: web::Query<DoneQuery>,
) -> Result<ImportPage, AppError> {
    auth::require_admin(&pool, &req, &viewer, "import").await?;
    let mut page = page_for(&pool, viewer, String::new(), Context::default()).await?;
    page.done = query.into_inner().done.filter(|d| d.chars().count() <= 300);
    Ok(page)
}

fn page(status: actix_web::http::StatusCode, page: ImportPage) -> Result<HttpResponse, AppError> {
    let body = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// The year a form field gives, None when empty or not a year.
fn typed_year(text: &str) -> Option<i32> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1945..=2100).contains(y))
}

/// Takes the file and shows its preview.
pub async fn upload(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let admin = auth::require_admin(&pool, &req, &viewer, "import").await?;
    // The file and a few short fields: the body is bounded too, not only
    // each part.
    let mut parts = crate::web::upload::read(payload, MAX_FILE, MAX_FILE + 64 * 1024).await?;
    if parts.oversized {
        return Err(AppError::TooLarge);
    }
    let text = |name: &str| parts.text(name, 200);
    let (csrf, kind, cluster, year) = (text("csrf"), text("kind"), text("cluster"), text("year"));
    let file = parts.take_file("file");
    auth::verify_csrf(&pool, &req, &admin, &csrf).await?;
    let Some((file_name, bytes)) = file else {
        return Err(AppError::BadUpload);
    };
    let file_name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let context = Context {
        cluster: Some(cluster).filter(|c| !c.trim().is_empty()),
        year: typed_year(&year),
        choices: Default::default(),
    };
    let kind = Kind::parse(&kind).map_or("", Kind::code).to_string();
    let token = auth::tokens::random_token().map_err(|e| AppError::Internal(e.to_string()))?;
    let kept = Upload {
        token,
        file_name,
        content: bytes,
        kind,
        context,
    };
    let user_id = admin.id;
    let stored = kept.clone();
    db::read(&pool, move |conn| {
        db::write_quiet(conn, |conn| {
            let stale = Utc::now().naive_utc() - chrono::Duration::hours(KEEP_HOURS);
            diesel::delete(import_uploads::table.filter(import_uploads::uploaded_at.lt(stale)))
                .execute(conn)?;
            diesel::insert_into(import_uploads::table)
                .values((
                    import_uploads::token.eq(&stored.token),
                    import_uploads::user_id.eq(user_id),
                    import_uploads::file_name.eq(&stored.file_name),
                    import_uploads::content.eq(&stored.content),
                    import_uploads::uploaded_at.eq(Utc::now().naive_utc()),
                    import_uploads::kind.eq(&stored.kind),
                    import_uploads::context.eq(stored.context_json()),
                ))
                .execute(conn)
        })
    })
    .await?;
    preview_page(&pool, viewer, kept).await
}

/// An uploaded file waiting for the admin's confirmation.
#[derive(Clone)]
struct Upload {
    token: String,
    file_name: String,
    content: Vec<u8>,
    kind: String,
    context: Context,
}

impl Upload {
    fn context_json(&self) -> String {
        serde_json::to_string(&self.context).unwrap_or_else(|_| "{}".into())
    }

    fn prepare(&self) -> Result<super::Prepared, ImportError> {
        super::prepare(
            &self.file_name,
            &self.content,
            Kind::parse(&self.kind),
            self.context.clone(),
        )
    }

    /// The admin's upload by its token; None when applied or expired.
    fn load(conn: &mut db::DbConn, token: &str, user_id: i32) -> QueryResult<Option<Upload>> {
        let row: Option<(String, String, Vec<u8>, String, String)> = import_uploads::table
            .filter(import_uploads::token.eq(token))
            .filter(import_uploads::user_id.eq(user_id))
            .select((
                import_uploads::token,
                import_uploads::file_name,
                import_uploads::content,
                import_uploads::kind,
                import_uploads::context,
            ))
            .first(conn)
            .optional()?;
        Ok(
            row.map(|(token, file_name, content, kind, context)| Upload {
                token,
                file_name,
                content,
                kind,
                context: serde_json::from_str(&context).unwrap_or_default(),
            }),
        )
    }
}

/// The preview of a kept upload: 200 when it can be applied, 422 with
/// every row's error (and the choices to make) when not.
async fn preview_page(
    pool: &web::Data<DbPool>,
    viewer: Viewer,
    upload: Upload,
) -> Result<HttpResponse, AppError> {
    let mut shown = page_for(pool, viewer, upload.kind.clone(), upload.context.clone()).await?;
    let choices: Vec<(String, i32)> = upload
        .context
        .choices
        .iter()
        .map(|(typed, id)| (typed.clone(), *id))
        .collect();
    shown.chosen_units = db::read(pool, move |conn| {
        use crate::schema::units;
        let ids: Vec<i32> = choices.iter().map(|c| c.1).collect();
        let names: Vec<(i32, String, String)> = units::table
            .filter(units::id.eq_any(&ids))
            .select((units::id, units::kind, units::name))
            .load(conn)?;
        let mut chosen: Vec<(String, String)> = choices
            .iter()
            .filter_map(|(typed, id)| {
                let (_, kind, name) = names.iter().find(|n| n.0 == *id)?;
                Some((
                    typed.clone(),
                    crate::domain::labels::unit_full_name(kind, name),
                ))
            })
            .collect();
        chosen.sort();
        Ok(chosen)
    })
    .await?;
    let prepared = match upload.prepare() {
        Ok(p) => p,
        Err(e) => {
            shown.problem = Some(e.to_string());
            return page(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY, shown);
        }
    };
    let plan = db::read(pool, move |conn| {
        super::preview(conn, &prepared).map_err(|e| match e {
            ImportError::Database(d) => d,
            other => diesel::result::Error::QueryBuilderError(other.to_string().into()),
        })
    })
    .await?;
    let status = if plan.is_clean() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    shown.preview = Some((upload.file_name, upload.token, plan));
    page(status, shown)
}

/// A form body as pairs, read by key.
fn field(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The admin chose units for names that fit several: the kept file is
/// previewed again with those choices, and keeps them for applying.
pub async fn choose(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let admin = auth::require_admin(&pool, &req, &viewer, "import").await?;
    let pairs = body.into_inner();
    auth::verify_csrf(&pool, &req, &admin, &field(&pairs, "csrf")).await?;
    let token = field(&pairs, "upload");
    let user_id = admin.id;
    // Each choice comes as typed-N (the name as the file writes it) and
    // choice-N (the unit id; empty: not chosen yet).
    let chosen: Vec<(String, i32)> = pairs
        .iter()
        .filter_map(|(k, v)| {
            let n = k.strip_prefix("choice-")?;
            let id = v.parse::<i32>().ok()?;
            Some((field(&pairs, &format!("typed-{n}")), id))
        })
        .filter(|(typed, _)| !typed.is_empty())
        .take(500)
        .collect();
    let upload = db::read(&pool, move |conn| {
        db::write_quiet(conn, |conn| {
            let Some(mut upload) = Upload::load(conn, &token, user_id)? else {
                return Ok(None);
            };
            for (typed, id) in chosen {
                upload.context.choices.insert(typed, id);
            }
            diesel::update(import_uploads::table.filter(import_uploads::token.eq(&upload.token)))
                .set(import_uploads::context.eq(upload.context_json()))
                .execute(conn)?;
            Ok(Some(upload))
        })
    })
    .await?;
    match upload {
        Some(upload) => preview_page(&pool, viewer, upload).await,
        None => {
            let mut shown = page_for(&pool, viewer, String::new(), Context::default()).await?;
            shown.problem = Some(EXPIRED.to_string());
            page(actix_web::http::StatusCode::CONFLICT, shown)
        }
    }
}

const EXPIRED: &str = "Tệp đã được nhập hoặc đã hết hạn; hãy tải lên lại.";

/// Applies the file the admin previewed, with what was said beside it.
pub async fn apply(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let admin = auth::require_admin(&pool, &req, &viewer, "import").await?;
    let pairs = body.into_inner();
    auth::verify_csrf(&pool, &req, &admin, &field(&pairs, "csrf")).await?;
    let token = field(&pairs, "upload");
    let user = (admin.id, admin.name.clone());
    let outcome = db::read(&pool, move |conn| {
        let Some(upload) = Upload::load(conn, &token, user.0)? else {
            return Ok(Err(EXPIRED.to_string()));
        };
        let result = upload
            .prepare()
            .and_then(|p| super::apply(conn, &p, &upload.file_name, Some((user.0, &user.1))));
        db::write_quiet(conn, |conn| {
            diesel::delete(import_uploads::table.filter(import_uploads::token.eq(&upload.token)))
                .execute(conn)
        })?;
        Ok(match result {
            Ok(plan) => Ok(format!(
                "Đã nhập tệp {}: {}.",
                upload.file_name,
                plan.summary()
            )),
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
        Err(problem) => {
            let mut shown = page_for(&pool, viewer, String::new(), Context::default()).await?;
            shown.problem = Some(problem);
            page(actix_web::http::StatusCode::CONFLICT, shown)
        }
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
                "",
                "Bầu",
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
        "chi-tieu.csv" => (
            Kind::Tables,
            &[
                "Cụm thi đua số 2",
                "2021",
                "1",
                "huyện Lộc Hà",
                "ước đạt 1.854,5",
                "3,2",
                "",
                "1",
                "",
                "",
                "",
            ],
        ),
        "chi-tieu-chung.csv" => (
            Kind::Figures,
            &[
                "Cụm thi đua số 2",
                "2021",
                "1",
                "Thu ngân sách",
                "tỷ đồng",
                "ước đạt 2.636,5",
                "8,3",
                "",
                "",
            ],
        ),
        _ => return Err(AppError::NotFound),
    };
    // A table's columns are its indicators: the template shows one.
    let headers: Vec<&str> = match kind {
        Kind::Tables => vec![
            "Cụm, khối",
            "Năm",
            "STT",
            "Đơn vị",
            "Giá trị sản xuất nông lâm thủy sản (tỷ đồng)",
            "Giá trị sản xuất nông lâm thủy sản — tăng so với cùng kỳ (%)",
            "Điểm",
            "Xếp hạng",
            "Xếp loại",
            "Ghi chú",
            "Cơ quan tổ chức",
        ],
        Kind::Figures => vec![
            "Cụm, khối",
            "Năm",
            "STT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Giá trị",
            "Tăng so với cùng kỳ (%)",
            "Đạt kế hoạch (%)",
            "Ghi chú",
        ],
        _ => kind.fields().iter().map(|f| f.label).collect(),
    };
    let mut sheet = crate::documents::sheet::Sheet::new("Mẫu", &headers);
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
        Kind::Tables => "Mẫu nhập chỉ tiêu điểm xếp hạng",
        Kind::Figures => "Mẫu nhập chỉ tiêu chung",
    };
    let body = match format {
        crate::documents::download::Format::Xlsx => crate::documents::xlsx::write(words, &[sheet])
            .map_err(|e| AppError::Internal(e.to_string()))?,
        _ => crate::documents::csv::write(&sheet).map_err(|e| AppError::Internal(e.to_string()))?,
    };
    Ok(crate::documents::download::attachment(body, format, words))
}
