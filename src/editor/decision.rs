//! Recording an authority's decision on a proposed award, later and
//! separately from the meeting: decided (number, date, authority),
//! appraised, returned or declined.

use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::validate::Errors;
use crate::audit::{self, Entry};
use crate::auth::{self, Viewer, client_address};
use crate::db::{self, DbConn, DbPool, failure};
use crate::domain::dates::Precision;
use crate::domain::{dates, labels, typed};
use crate::schema::*;
use crate::web::error::AppError;
use crate::web::form::Form;
use crate::web::input::{is_long_text, refused_characters};

pub const STATUSES: &[&str] = &["proposed", "appraised", "returned", "decided", "declined"];

/// The proposal being decided, with what the page shows about it.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: i32,
    pub cluster_id: i32,
    pub cluster_name: String,
    pub year: i32,
    pub unit_name: String,
    pub kind_name: String,
    pub issuing_authority: String,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct DecisionForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub decision_number: String,
    #[serde(default)]
    pub decision_date: String,
    #[serde(default)]
    pub decided_by: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Template)]
#[template(path = "editor/decision.html")]
pub struct DecisionPage {
    pub viewer: Viewer,
    pub p: Proposal,
    pub form: DecisionForm,
    pub errors: Errors,
    pub message: Option<String>,
}

impl DecisionPage {
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

    pub fn statuses(&self) -> Vec<(&'static str, &'static str)> {
        STATUSES
            .iter()
            .map(|s| (*s, labels::award_status_label(s)))
            .collect()
    }

    pub fn is(a: &str, b: &str) -> bool {
        a == b
    }
}

fn load(conn: &mut DbConn, id: i32) -> QueryResult<(Proposal, DecisionForm)> {
    #[allow(clippy::type_complexity)]
    let row: (
        (
            i32,
            i32,
            String,
            Option<String>,
            Option<NaiveDate>,
            Option<String>,
            Option<String>,
            String,
        ),
        (i32, String, i32),
        (String, String),
        String,
        String,
    ) = award_proposals::table
        .inner_join(cluster_years::table.inner_join(clusters::table))
        .inner_join(award_kinds::table)
        .inner_join(units::table)
        .filter(award_proposals::id.eq(id))
        .select((
            (
                award_proposals::id,
                award_proposals::version,
                award_proposals::status,
                award_proposals::decision_number,
                award_proposals::decision_date,
                award_proposals::decided_by,
                award_proposals::note,
                award_proposals::decision_date_precision,
            ),
            (clusters::id, clusters::name, cluster_years::year),
            (award_kinds::name, award_kinds::issuing_authority),
            units::name,
            units::kind,
        ))
        .first(conn)?;
    let (
        (id, version, status, number, date, by, note, precision),
        (cluster_id, cluster_name, year),
        (kind_name, authority),
        unit,
        kind,
    ) = row;
    Ok((
        Proposal {
            id,
            cluster_id,
            cluster_name,
            year,
            unit_name: labels::unit_full_name(&kind, &unit),
            kind_name,
            issuing_authority: authority,
            version,
        },
        DecisionForm {
            csrf: String::new(),
            version: version.to_string(),
            status,
            decision_number: number.unwrap_or_default(),
            decision_date: date
                .map(|d| dates::typed_back(d, Precision::from_code(&precision)))
                .unwrap_or_default(),
            decided_by: by.unwrap_or_default(),
            note: note.unwrap_or_default(),
        },
    ))
}

fn render(page: &DecisionPage, status: StatusCode) -> Result<HttpResponse, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(html))
}

pub async fn decision_form(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (p, form) = db::read(&pool, move |conn| load(conn, id)).await?;
    auth::require_cluster_editor(&pool, &req, &viewer, p.cluster_id).await?;
    render(
        &DecisionPage {
            viewer,
            p,
            form,
            errors: Errors::new(),
            message: None,
        },
        StatusCode::OK,
    )
}

struct Valid {
    version: i32,
    status: String,
    number: Option<String>,
    date: Option<(NaiveDate, Precision)>,
    by: Option<String>,
    note: Option<String>,
}

fn validate(form: &DecisionForm) -> Result<Valid, Errors> {
    let mut errors = Errors::new();
    let text = |errors: &mut Errors, key: &str, value: &str, limit: usize| -> Option<String> {
        if value.chars().count() > limit {
            errors.insert(key.into(), format!("Quá dài: tối đa {limit} ký tự."));
        }
        (!value.is_empty()).then(|| value.to_string())
    };
    if !STATUSES.contains(&form.status.as_str()) {
        errors.insert(
            "status".into(),
            "Chọn một tình trạng trong danh sách.".into(),
        );
    }
    let number = text(&mut errors, "decision_number", &form.decision_number, 100);
    let by = text(&mut errors, "decided_by", &form.decided_by, 300);
    let note = text(&mut errors, "note", &form.note, 2000);
    // Reports often name a decision without its number, or its number
    // without the day: take what is given, never ask for filler.
    let date = typed::partial_date(&form.decision_date)
        .map_err(|message| errors.insert("decision_date".into(), message))
        .ok()
        .flatten();
    let version = form.version.parse().unwrap_or(-1);
    if errors.is_empty() {
        Ok(Valid {
            version,
            status: form.status.clone(),
            number,
            date,
            by,
            note,
        })
    } else {
        Err(errors)
    }
}

pub async fn save_decision(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<i32>,
    viewer: Viewer,
    body: Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (p, before) = db::read(&pool, move |conn| load(conn, id)).await?;
    let user = auth::require_cluster_editor(&pool, &req, &viewer, p.cluster_id).await?;
    let mut form = body.into_inner();
    auth::verify_csrf(&pool, &req, &user, &form.csrf).await?;
    for field in [
        &mut form.decision_number,
        &mut form.decision_date,
        &mut form.decided_by,
        &mut form.note,
    ] {
        *field = field.nfc().collect::<String>().trim().to_string();
    }
    let refused: Errors = [
        ("decision_number", &form.decision_number),
        ("decision_date", &form.decision_date),
        ("decided_by", &form.decided_by),
        ("note", &form.note),
    ]
    .into_iter()
    .filter_map(|(key, value)| {
        refused_characters(value, is_long_text(key)).map(|m| (key.to_string(), m.to_string()))
    })
    .collect();
    let checked = match validate(&form) {
        Ok(v) if refused.is_empty() => Ok(v),
        Ok(_) => Err(refused),
        Err(mut errors) => {
            errors.extend(refused);
            Err(errors)
        }
    };
    let valid = match checked {
        Ok(v) => v,
        Err(errors) => {
            let message = Some("Chưa lưu: hãy sửa các ô được đánh dấu.".to_string());
            return render(
                &DecisionPage {
                    viewer,
                    p,
                    form,
                    errors,
                    message,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let address = client_address(&req);
    let (user_id, user_name) = (user.id, user.name.clone());
    let (before_json, after_json) = (
        serde_json::to_value(&before).unwrap_or_default(),
        serde_json::to_value(DecisionForm {
            csrf: String::new(),
            ..form.clone()
        })
        .unwrap_or_default(),
    );
    let updated = db::read(&pool, move |conn| {
        let written = db::write(conn, |conn| {
            let n = diesel::update(
                award_proposals::table
                    .filter(award_proposals::id.eq(id))
                    .filter(award_proposals::version.eq(valid.version)),
            )
            .set((
                award_proposals::status.eq(&valid.status),
                award_proposals::decision_number.eq(&valid.number),
                award_proposals::decision_date.eq(valid.date.map(|d| d.0)),
                award_proposals::decision_date_precision
                    .eq(valid.date.map_or("day", |d| d.1.code())),
                award_proposals::decided_by.eq(&valid.by),
                award_proposals::note.eq(&valid.note),
                award_proposals::version.eq(valid.version + 1),
            ))
            .execute(conn)?;
            if n == 1 {
                audit::record(
                    conn,
                    Entry {
                        user_id: Some(user_id),
                        user_name: Some(&user_name),
                        address: Some(&address),
                        action: "update",
                        entity: Some("award_proposal"),
                        entity_id: Some(id),
                        before: Some(before_json),
                        after: Some(after_json),
                        note: Some("Ghi quyết định khen thưởng"),
                    },
                )?;
            }
            Ok(n)
        });
        // A database that cannot write now (full disk, read-only, busy)
        // or fails otherwise: the form comes back with what was typed.
        match written {
            Ok(n) => Ok(Ok(n)),
            Err(e) => {
                let why = failure::unavailable(&e);
                match why {
                    Some(_) => {
                        tracing::warn!(cause = %e, "decision not saved: database unavailable")
                    }
                    None => tracing::error!(cause = %e, "decision not saved"),
                }
                Ok(Err(why))
            }
        }
    })
    .await?;
    let updated = match updated {
        Ok(n) => n,
        Err(why) => {
            let (status, message) = match why {
                Some(why) => (StatusCode::SERVICE_UNAVAILABLE, why.message()),
                None => (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Chưa lưu: hệ thống gặp lỗi khi ghi dữ liệu. Những gì bạn nhập vẫn còn bên dưới; lỗi đã được ghi lại, hãy bấm Lưu lại sau ít phút.",
                ),
            };
            return render(
                &DecisionPage {
                    viewer,
                    p,
                    form,
                    errors: Errors::new(),
                    message: Some(message.to_string()),
                },
                status,
            );
        }
    };
    if updated == 0 {
        let message = Some(
            "Chưa lưu: đề nghị này vừa được người khác cập nhật. Những gì bạn nhập vẫn còn bên dưới; hãy tải lại trang để xem bản mới.".to_string(),
        );
        return render(
            &DecisionPage {
                viewer,
                p,
                form,
                errors: Errors::new(),
                message,
            },
            StatusCode::CONFLICT,
        );
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((
            LOCATION,
            format!("/clusters/{}/years/{}?saved=1", p.cluster_id, p.year),
        ))
        .finish())
}
