//! A council's decision on many proposals at once: one Quyết định
//! (number, date, issuer) awards a kind to some of the units the clusters
//! proposed for a year, and may mark others not awarded. The clerk enters
//! the decision once and ticks the proposals it settles; all are saved in
//! one transaction or none.

pub mod queries;

use std::collections::{BTreeMap, BTreeSet};

use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::{self, Viewer, client_address};
use crate::db::{self, DbPool, failure};
use crate::domain::{number, typed};
use crate::editor::form::Fields;
use crate::web::error::AppError;
use crate::web::form::Form;
use queries::{Change, Decision, Pending, SaveError, Scope, Waiting};

pub type Errors = BTreeMap<String, String>;

/// What a row's radio buttons offer: settle it one way or leave it.
pub const CHOICES: &[(&str, &str)] = &[
    ("decided", "Được khen thưởng"),
    ("declined", "Không được khen thưởng"),
    ("pending", "Chưa quyết định"),
];

fn render(page: &impl Template, status: StatusCode) -> Result<HttpResponse, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(html))
}

#[derive(Template)]
#[template(path = "decisions/index.html")]
pub struct IndexPage {
    pub viewer: Viewer,
    pub groups: Vec<(String, Vec<Waiting>)>,
    pub saved: Option<usize>,
}

impl IndexPage {
    pub fn n(n: &i64) -> String {
        number::count(*n)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct IndexQuery {
    pub saved: Option<String>,
}

/// The picker: every kind, year and organising body with proposals, and
/// how many still wait for a decision.
pub async fn index(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    query: web::Query<IndexQuery>,
) -> Result<HttpResponse, AppError> {
    auth::require_admin(&pool, &req, &viewer, "award_proposal").await?;
    let groups = db::read(&pool, queries::waiting).await?;
    let saved = query.saved.as_deref().and_then(|s| s.parse().ok());
    render(
        &IndexPage {
            viewer,
            groups,
            saved,
        },
        StatusCode::OK,
    )
}

/// The decision as typed, and each row's choice by proposal id.
#[derive(Debug, Clone, Default)]
pub struct BatchForm {
    pub decision_number: String,
    pub decision_date: String,
    pub decided_by: String,
    /// What rows left "Chưa quyết định" become: "pending" or "declined".
    pub rest: String,
    pub choices: BTreeMap<i32, String>,
}

#[derive(Template)]
#[template(path = "decisions/batch.html")]
pub struct BatchPage {
    pub viewer: Viewer,
    pub scope: Scope,
    pub rows: Vec<Pending>,
    pub settled: i64,
    pub form: BatchForm,
    pub errors: Errors,
    pub message: Option<String>,
    /// Rows someone changed since the page was shown.
    pub changed: BTreeSet<i32>,
}

impl BatchPage {
    pub fn fe(&self, key: &str) -> Option<&str> {
        self.errors.get(key).map(String::as_str)
    }

    pub fn attrs(&self, key: &str) -> String {
        if self.errors.contains_key(key) {
            format!(" class=\"invalid\" aria-invalid=\"true\" aria-describedby=\"err-{key}\"")
        } else {
            String::new()
        }
    }

    pub fn choices(&self) -> &'static [(&'static str, &'static str)] {
        CHOICES
    }

    pub fn chosen(&self, id: &i32, code: &str) -> bool {
        self.form
            .choices
            .get(id)
            .map(String::as_str)
            .unwrap_or("pending")
            == code
    }

    pub fn body_param(&self) -> String {
        self.scope
            .body
            .as_ref()
            .map(|b| b.id.to_string())
            .unwrap_or_default()
    }

    pub fn n(&self, n: usize) -> String {
        number::count(n as i64)
    }

    pub fn settled_text(&self) -> String {
        number::count(self.settled)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ScopeQuery {
    pub kind: Option<String>,
    pub year: Option<String>,
    pub body: Option<String>,
}

/// Kind, year and (optional) body from the query or the form; anything
/// else is a page that does not exist.
fn parse_scope(kind: &str, year: &str, body: &str) -> Result<(i32, i32, Option<i32>), AppError> {
    let kind: i32 = kind.trim().parse().map_err(|_| AppError::NotFound)?;
    let year: i32 = year.trim().parse().map_err(|_| AppError::NotFound)?;
    if !(1945..=2100).contains(&year) {
        return Err(AppError::NotFound);
    }
    let body = match body.trim() {
        "" => None,
        b => Some(b.parse().map_err(|_| AppError::NotFound)?),
    };
    Ok((kind, year, body))
}

async fn load(
    pool: &web::Data<DbPool>,
    (kind, year, body): (i32, i32, Option<i32>),
) -> Result<(Scope, Vec<Pending>, i64), AppError> {
    db::read(pool, move |conn| {
        let scope = queries::scope(conn, kind, year, body)?;
        let (rows, settled) = queries::pending(conn, &scope)?;
        Ok((scope, rows, settled))
    })
    .await
}

pub async fn batch_form(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    query: web::Query<ScopeQuery>,
) -> Result<HttpResponse, AppError> {
    auth::require_admin(&pool, &req, &viewer, "award_proposal").await?;
    let q = query.into_inner();
    let wanted = parse_scope(
        q.kind.as_deref().unwrap_or(""),
        q.year.as_deref().unwrap_or(""),
        q.body.as_deref().unwrap_or(""),
    )?;
    let (scope, rows, settled) = load(&pool, wanted).await?;
    let form = BatchForm {
        decided_by: scope.kind.issuing_authority.clone(),
        rest: "pending".into(),
        ..Default::default()
    };
    render(
        &BatchPage {
            viewer,
            scope,
            rows,
            settled,
            form,
            errors: Errors::new(),
            message: None,
            changed: BTreeSet::new(),
        },
        StatusCode::OK,
    )
}

/// The form as sent: the decision's fields, and per row `c{id}` (choice)
/// and `v{id}` (the version the page showed).
fn read_form(fields: &Fields, rows: &[Pending]) -> (BatchForm, BTreeMap<i32, i32>) {
    let mut form = BatchForm {
        decision_number: fields.get("decision_number"),
        decision_date: fields.get("decision_date"),
        decided_by: fields.get("decided_by"),
        rest: fields.get("rest"),
        choices: BTreeMap::new(),
    };
    let mut versions = BTreeMap::new();
    for row in rows {
        let choice = fields.get(&format!("c{}", row.id));
        if !choice.is_empty() {
            form.choices.insert(row.id, choice);
        }
        if let Ok(v) = fields.get(&format!("v{}", row.id)).parse() {
            versions.insert(row.id, v);
        }
    }
    (form, versions)
}

fn validate(form: &BatchForm, fields: &Fields) -> Result<Decision, Errors> {
    let mut errors = Errors::new();
    for key in ["decision_number", "decision_date", "decided_by", "rest"] {
        if let Some(m) = fields.refused().get(key) {
            errors.insert(key.into(), m.clone());
        }
    }
    let limit = |errors: &mut Errors, key: &str, value: &str, max: usize| {
        if value.chars().count() > max {
            errors.insert(key.into(), format!("Quá dài: tối đa {max} ký tự."));
        }
    };
    limit(&mut errors, "decision_number", &form.decision_number, 100);
    limit(&mut errors, "decided_by", &form.decided_by, 300);
    if form.decided_by.is_empty() {
        errors.insert(
            "decided_by".into(),
            "Nhập cơ quan, người quyết định (như trên quyết định).".into(),
        );
    }
    // A decision's date as far as the report gives it (day, month, year).
    let date = typed::partial_date(&form.decision_date)
        .map_err(|m| errors.insert("decision_date".into(), m))
        .ok()
        .flatten();
    if !["pending", "declined", ""].contains(&form.rest.as_str()) {
        errors.insert("rest".into(), "Chọn một cách trong danh sách.".into());
    }
    for (id, choice) in &form.choices {
        if !CHOICES.iter().any(|(code, _)| code == choice) {
            errors.insert(format!("c{id}"), "Chọn một cách trong danh sách.".into());
        }
    }
    if errors.is_empty() {
        Ok(Decision {
            number: (!form.decision_number.is_empty()).then(|| form.decision_number.clone()),
            date,
            by: form.decided_by.clone(),
        })
    } else {
        Err(errors)
    }
}

/// Each row's new status: its own choice, or what the rest become.
fn changes(form: &BatchForm, rows: &[Pending], versions: &BTreeMap<i32, i32>) -> Vec<Change> {
    rows.iter()
        .filter_map(|row| {
            let choice = form
                .choices
                .get(&row.id)
                .map(String::as_str)
                .unwrap_or("pending");
            let status = match (choice, form.rest.as_str()) {
                ("decided", _) => "decided",
                ("declined", _) | ("pending", "declined") => "declined",
                _ => return None,
            };
            Some(Change {
                id: row.id,
                // A row without the version it was shown with is treated
                // as changed meanwhile.
                version: versions.get(&row.id).copied().unwrap_or(-1),
                status,
            })
        })
        .collect()
}

pub async fn save_batch(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let user = auth::require_admin(&pool, &req, &viewer, "award_proposal").await?;
    let pairs = body.into_inner();
    let shown = shown_choices(&pairs);
    let fields = Fields::new(pairs);
    auth::verify_csrf(&pool, &req, &user, &fields.get("csrf")).await?;
    let wanted = parse_scope(
        &fields.get("kind"),
        &fields.get("year"),
        &fields.get("body"),
    )?;
    let (scope, rows, settled) = load(&pool, wanted).await?;
    let (form, versions) = read_form(&fields, &rows);
    let page = |form: BatchForm, errors, message: String, changed| BatchPage {
        viewer: viewer.clone(),
        scope: scope.clone(),
        rows: rows.clone(),
        settled,
        form,
        errors,
        message: Some(message),
        changed,
    };

    // A proposal the page would settle that is no longer pending here
    // (someone settled it meanwhile) makes the whole form stale.
    let gone: Vec<i32> = shown
        .iter()
        .filter(|(id, choice)| {
            !rows.iter().any(|r| r.id == *id)
                && (choice != "pending" || fields.get("rest") == "declined")
        })
        .map(|(id, _)| *id)
        .collect();

    let decision = match validate(&form, &fields) {
        Ok(d) => d,
        Err(errors) => {
            let message = format!(
                "Chưa lưu: có {} chỗ cần sửa, được đánh dấu bên dưới. Những gì bạn đã nhập vẫn còn nguyên.",
                errors.len()
            );
            return render(
                &page(form, errors, message, BTreeSet::new()),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let changes = changes(&form, &rows, &versions);
    if changes.is_empty() && gone.is_empty() {
        let message =
            "Chưa lưu: chưa chọn đề nghị nào được hay không được khen thưởng.".to_string();
        return render(
            &page(form, Errors::new(), message, BTreeSet::new()),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let outcome = if gone.is_empty() {
        let address = client_address(&req);
        let (user_id, user_name) = (user.id, user.name.clone());
        let pool = pool.clone();
        web::block(move || {
            let Ok(mut conn) = pool.get() else {
                return Err(None);
            };
            let author = queries::Author {
                user_id,
                user_name: &user_name,
                address: &address,
            };
            queries::save(&mut conn, &decision, &changes, &author).map_err(Some)
        })
        .await?
    } else {
        Err(Some(SaveError::Stale(gone)))
    };
    let (status, message, changed) = match outcome {
        Ok(n) => {
            return Ok(HttpResponse::SeeOther()
                .insert_header((LOCATION, format!("/decisions?saved={n}")))
                .finish());
        }
        Err(Some(SaveError::Stale(ids))) => {
            let changed: BTreeSet<i32> = ids.into_iter().collect();
            (
                StatusCode::CONFLICT,
                format!(
                    "Chưa lưu: {} đề nghị vừa được người khác cập nhật sau khi bạn mở trang, nên chưa ghi đề nghị nào. \
                     Những gì bạn nhập vẫn còn bên dưới, danh sách là bản mới nhất; dòng được đánh dấu đã thay đổi. \
                     Hãy đối chiếu rồi bấm Lưu lại.",
                    number::count(changed.len() as i64)
                ),
                changed,
            )
        }
        // No free connection is a busy database, answered like one.
        Err(None) => (
            StatusCode::SERVICE_UNAVAILABLE,
            failure::Unavailable::Busy.message().to_string(),
            BTreeSet::new(),
        ),
        Err(Some(SaveError::Database(e))) => match failure::unavailable(&e) {
            Some(why) => {
                tracing::warn!(cause = %e, "batch decision not saved: database unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    why.message().to_string(),
                    BTreeSet::new(),
                )
            }
            None => {
                tracing::error!(cause = %e, "batch decision not saved");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Chưa lưu: hệ thống gặp lỗi khi ghi dữ liệu; lỗi đã được ghi lại. \
                     Những gì bạn nhập vẫn còn bên dưới; hãy thử lưu lại sau."
                        .to_string(),
                    BTreeSet::new(),
                )
            }
        },
    };
    render(&page(form, Errors::new(), message, changed), status)
}

/// The proposals the page carried (its `v{id}` fields), each with the
/// choice sent for it.
fn shown_choices(pairs: &[(String, String)]) -> Vec<(i32, String)> {
    pairs
        .iter()
        .filter_map(|(k, _)| k.strip_prefix('v')?.parse::<i32>().ok())
        .map(|id| {
            let key = format!("c{id}");
            let choice = pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_else(|| "pending".into());
            (id, choice)
        })
        .collect()
}
