//! A cluster's members: which unit belonged to it in which years, on
//! which decision. Added from the cluster's form, edited and removed one
//! at a time, each write checked against the record's version.

// Diesel selects of a few columns read best as tuples.
#![allow(clippy::type_complexity)]

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use diesel::prelude::*;

use super::page::{ConfirmPage, Field, FormPage, MemberLine, MembersPanel, html};
use super::records::{
    Actor, CLUSTERS, Refusal, Values, date, form_title, form_values, id_of, log, optional, settle,
    text, unit_options, version_of, with_errors, with_refused, year,
};
use super::see_other;
use crate::auth::{self, Viewer, client_address};
use crate::db::{self, DbConn, DbPool};
use crate::domain::{dates, labels};
use crate::editor::validate::Errors;
use crate::schema::*;
use crate::web::error::AppError;
use crate::web::form::Form;

/// A membership as typed, checked.
pub struct MemberInput {
    unit: i32,
    from: i32,
    to: Option<i32>,
    number: Option<String>,
    date: Option<NaiveDate>,
}

/// Checks the typed membership on its own (the unit's existence and
/// overlapping spans are checked in the write's transaction).
fn check(values: &Values, refused: Errors) -> Result<MemberInput, Errors> {
    let mut e = Errors::new();
    let unit = id_of(values, &mut e, "unit", "Chọn đơn vị.");
    if unit.is_none() {
        e.entry("unit".into())
            .or_insert_with(|| "Chọn đơn vị.".into());
    }
    let from = year(values, &mut e, "from_year");
    if from.is_none() {
        e.entry("from_year".into())
            .or_insert_with(|| "Nhập năm bắt đầu.".into());
    }
    let to = year(values, &mut e, "to_year");
    if let (Some(a), Some(b)) = (from, to)
        && b < a
    {
        e.insert(
            "to_year".into(),
            "Năm kết thúc phải sau năm bắt đầu.".into(),
        );
    }
    let number = optional(values, &mut e, "decision_number", 100);
    let date = date(values, &mut e, "decision_date");
    let checked = match (unit, from) {
        (Some(unit), Some(from)) if e.is_empty() => Ok(MemberInput {
            unit,
            from,
            to,
            number,
            date,
        }),
        _ => Err(e),
    };
    with_refused(checked, refused)
}

/// In the write's transaction: the unit exists, and has no span in this
/// cluster overlapping the typed one (other than membership `except`).
fn check_refs(
    conn: &mut DbConn,
    cluster_id: i32,
    except: Option<i32>,
    m: &MemberInput,
) -> QueryResult<Errors> {
    let unit: Option<i32> = units::table
        .find(m.unit)
        .select(units::id)
        .first(conn)
        .optional()?;
    if unit.is_none() {
        return Ok(Errors::from([(
            "unit".to_string(),
            "Đơn vị này không có trong danh sách.".to_string(),
        )]));
    }
    let spans: Vec<(i32, i32, Option<i32>)> = memberships::table
        .filter(memberships::cluster_id.eq(cluster_id))
        .filter(memberships::unit_id.eq(m.unit))
        .select((
            memberships::id,
            memberships::from_year,
            memberships::to_year,
        ))
        .load(conn)?;
    let end = m.to.unwrap_or(i32::MAX);
    let overlaps = spans
        .iter()
        .filter(|(id, _, _)| Some(*id) != except)
        .any(|(_, a, b)| *a <= end && m.from <= b.unwrap_or(i32::MAX));
    Ok(if overlaps {
        Errors::from([(
            "from_year".to_string(),
            "Đơn vị đã là thành viên của cụm trong những năm này.".to_string(),
        )])
    } else {
        Errors::new()
    })
}

fn fields(units: Vec<(String, String)>, v: &Values, errors: &Errors) -> Vec<Field> {
    with_errors(
        vec![
            Field::text("unit", "Đơn vị", text(v, "unit")).select(units),
            Field::text("from_year", "Từ năm", text(v, "from_year")),
            Field::text(
                "to_year",
                "Đến năm (để trống nếu chưa kết thúc)",
                text(v, "to_year"),
            ),
            Field::text(
                "decision_number",
                "Số quyết định",
                text(v, "decision_number"),
            ),
            Field::text("decision_date", "Ngày quyết định", text(v, "decision_date")),
        ],
        errors,
    )
}

pub fn members_panel(
    conn: &mut DbConn,
    cluster_id: i32,
    v: &Values,
    errors: &Errors,
) -> QueryResult<MembersPanel> {
    let rows: Vec<(
        i32,
        String,
        String,
        i32,
        Option<i32>,
        Option<String>,
        Option<NaiveDate>,
    )> = memberships::table
        .inner_join(units::table)
        .filter(memberships::cluster_id.eq(cluster_id))
        .order((memberships::sort_order, memberships::id))
        .select((
            memberships::id,
            units::kind,
            units::name,
            memberships::from_year,
            memberships::to_year,
            memberships::decision_number,
            memberships::decision_date,
        ))
        .load(conn)?;
    let units = unit_options(conn)?;
    Ok(MembersPanel {
        cluster_id,
        lines: rows
            .into_iter()
            .map(|(id, kind, name, from, to, number, date)| MemberLine {
                id,
                unit: labels::unit_full_name(&kind, &name),
                span: match to {
                    Some(to) => format!("{from}–{to}"),
                    None => format!("từ {from}"),
                },
                decision: [number, date.map(dates::short)]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ngày "),
            })
            .collect(),
        fields: fields(units.clone(), v, errors),
        units,
    })
}

/// A membership as its form shows it, with its cluster and unit.
struct Stored {
    cluster_id: i32,
    cluster: String,
    unit: String,
    values: Values,
}

fn load(conn: &mut DbConn, id: i32) -> QueryResult<Stored> {
    let (cluster_id, cluster, kind, name, m): (
        i32,
        String,
        String,
        String,
        (
            i32,
            i32,
            Option<i32>,
            Option<String>,
            Option<NaiveDate>,
            i32,
        ),
    ) = memberships::table
        .inner_join(units::table)
        .inner_join(clusters::table)
        .filter(memberships::id.eq(id))
        .select((
            clusters::id,
            clusters::name,
            units::kind,
            units::name,
            (
                memberships::unit_id,
                memberships::from_year,
                memberships::to_year,
                memberships::decision_number,
                memberships::decision_date,
                memberships::version,
            ),
        ))
        .first(conn)?;
    let (unit, from, to, number, date, version) = m;
    Ok(Stored {
        cluster_id,
        cluster,
        unit: labels::unit_full_name(&kind, &name),
        values: Values::from([
            ("unit".into(), unit.to_string()),
            ("from_year".into(), from.to_string()),
            (
                "to_year".into(),
                to.map(|y| y.to_string()).unwrap_or_default(),
            ),
            ("decision_number".into(), number.unwrap_or_default()),
            (
                "decision_date".into(),
                date.map(dates::short).unwrap_or_default(),
            ),
            ("version".into(), version.to_string()),
        ]),
    })
}

/// Adds a unit to a cluster for a span of years (not overlapping a span
/// the unit already has in that cluster).
pub async fn add_member(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let cluster_id = path.into_inner();
    let user = auth::require_admin(&pool, &req, &viewer, "membership").await?;
    let (values, refused) = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let checked = check(&values, refused);
    let address = client_address(&req);
    let outcome = {
        let values = values.clone();
        db::read(&pool, move |conn| {
            // A missing cluster is 404 whatever was typed.
            clusters::table
                .find(cluster_id)
                .select(clusters::id)
                .first::<i32>(conn)?;
            let m = match checked {
                Ok(m) => m,
                Err(errors) => return Ok(Err(Refusal::Invalid(errors))),
            };
            let written = db::write(conn, |conn| {
                let errors = check_refs(conn, cluster_id, None, &m)?;
                if !errors.is_empty() {
                    return Ok(Err(Refusal::Invalid(errors)));
                }
                let order: i64 = memberships::table
                    .filter(memberships::cluster_id.eq(cluster_id))
                    .count()
                    .get_result(conn)?;
                let id = diesel::insert_into(memberships::table)
                    .values((
                        memberships::cluster_id.eq(cluster_id),
                        memberships::unit_id.eq(m.unit),
                        memberships::from_year.eq(m.from),
                        memberships::to_year.eq(m.to),
                        memberships::decision_number.eq(&m.number),
                        memberships::decision_date.eq(m.date),
                        memberships::sort_order.eq(order as i32),
                    ))
                    .returning(memberships::id)
                    .get_result(conn)?;
                let actor = Actor {
                    user: &user,
                    address: &address,
                };
                log(
                    conn,
                    &actor,
                    "create",
                    "membership",
                    id,
                    None,
                    Some(&values),
                )?;
                Ok(Ok(id))
            });
            settle(written, "unit")
        })
        .await?
    };
    let refusal = match outcome {
        Ok(_) => return Ok(see_other(format!("/admin/clusters/{cluster_id}/edit"))),
        Err(refusal) => refusal.on_save(),
    };
    let errors = refusal.errors();
    let (cluster_values, cluster_fields, panel) = db::read(&pool, move |conn| {
        let cluster_values = (CLUSTERS.load)(conn, cluster_id)?;
        let fields = (CLUSTERS.fields)(conn, &cluster_values, &Errors::new())?;
        let panel = members_panel(conn, cluster_id, &values, &errors)?;
        Ok((cluster_values, fields, panel))
    })
    .await?;
    let message = match refusal {
        Refusal::Invalid(_) => "Chưa thêm thành viên: hãy sửa các ô được đánh dấu.".to_string(),
        ref other => other.message(),
    };
    let page = FormPage {
        viewer,
        title: form_title(&CLUSTERS, Some(cluster_id)),
        action: format!("/admin/clusters/{cluster_id}/edit"),
        back: CLUSTERS.path.to_string(),
        version: text(&cluster_values, "version"),
        fields: cluster_fields,
        message: Some(message),
        extra: Some(panel),
    };
    html(refusal.status(), &page)
}

fn edit_page(
    viewer: Viewer,
    id: i32,
    stored: &Stored,
    fields: Vec<Field>,
    version: String,
    message: Option<String>,
) -> FormPage {
    FormPage {
        viewer,
        title: format!("Sửa đơn vị thành viên của {}", stored.cluster),
        action: format!("/admin/memberships/{id}/edit"),
        back: format!("/admin/clusters/{}/edit", stored.cluster_id),
        version,
        fields,
        message,
        extra: None,
    }
}

pub async fn edit_member(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    auth::require_admin(&pool, &req, &viewer, "membership").await?;
    let (stored, units) = db::read(&pool, move |conn| {
        Ok((load(conn, id)?, unit_options(conn)?))
    })
    .await?;
    let fields = fields(units, &stored.values, &Errors::new());
    let version = text(&stored.values, "version");
    let page = edit_page(viewer, id, &stored, fields, version, None);
    html(StatusCode::OK, &page)
}

/// Saves a membership's years, unit or decision at the version its form
/// was opened at.
pub async fn save_member(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let user = auth::require_admin(&pool, &req, &viewer, "membership").await?;
    let (values, refused) = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let version = version_of(&values);
    let checked = check(&values, refused);
    let address = client_address(&req);
    let (stored, outcome) = {
        let values = values.clone();
        db::read(&pool, move |conn| {
            let stored = load(conn, id)?;
            let m = match checked {
                Ok(m) => m,
                Err(errors) => return Ok((stored, Err(Refusal::Invalid(errors)))),
            };
            let cluster_id = stored.cluster_id;
            let written = db::write(conn, |conn| {
                let before = load(conn, id)?;
                let errors = check_refs(conn, cluster_id, Some(id), &m)?;
                if !errors.is_empty() {
                    return Ok(Err(Refusal::Invalid(errors)));
                }
                let n = diesel::update(
                    memberships::table
                        .filter(memberships::id.eq(id))
                        .filter(memberships::version.eq(version)),
                )
                .set((
                    memberships::unit_id.eq(m.unit),
                    memberships::from_year.eq(m.from),
                    memberships::to_year.eq(m.to),
                    memberships::decision_number.eq(&m.number),
                    memberships::decision_date.eq(m.date),
                    memberships::version.eq(version + 1),
                ))
                .execute(conn)?;
                if n == 0 {
                    return Ok(Err(Refusal::Conflict));
                }
                let actor = Actor {
                    user: &user,
                    address: &address,
                };
                log(
                    conn,
                    &actor,
                    "update",
                    "membership",
                    id,
                    Some(&before.values),
                    Some(&values),
                )?;
                Ok(Ok(()))
            });
            Ok((stored, settle(written, "unit")?))
        })
        .await?
    };
    let refusal = match outcome {
        Ok(()) => {
            return Ok(see_other(format!(
                "/admin/clusters/{}/edit",
                stored.cluster_id
            )));
        }
        Err(refusal) => refusal.on_save(),
    };
    let units = db::read(&pool, unit_options).await?;
    let fields = fields(units, &values, &refusal.errors());
    let page = edit_page(
        viewer,
        id,
        &stored,
        fields,
        text(&values, "version"),
        Some(refusal.message()),
    );
    html(refusal.status(), &page)
}

fn delete_page(
    viewer: Viewer,
    id: i32,
    stored: &Stored,
    version: String,
    message: Option<String>,
) -> ConfirmPage {
    ConfirmPage {
        viewer,
        title: "Xóa đơn vị thành viên".to_string(),
        question: format!("Gỡ {} khỏi {}?", stored.unit, stored.cluster),
        action: format!("/admin/memberships/{id}/delete"),
        back: format!("/admin/clusters/{}/edit", stored.cluster_id),
        version,
        message,
    }
}

pub async fn confirm_member_delete(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    auth::require_admin(&pool, &req, &viewer, "membership").await?;
    let stored = db::read(&pool, move |conn| load(conn, id)).await?;
    let version = text(&stored.values, "version");
    html(
        StatusCode::OK,
        &delete_page(viewer, id, &stored, version, None),
    )
}

/// Removes a membership, unless it changed since the confirmation was
/// shown.
pub async fn delete_member(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let user = auth::require_admin(&pool, &req, &viewer, "membership").await?;
    let (values, _) = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let version = version_of(&values);
    let address = client_address(&req);
    let (stored, outcome) = db::read(&pool, move |conn| {
        let stored = load(conn, id)?;
        let written = db::write(conn, |conn| {
            let before = load(conn, id)?;
            let n = diesel::delete(
                memberships::table
                    .filter(memberships::id.eq(id))
                    .filter(memberships::version.eq(version)),
            )
            .execute(conn)?;
            if n == 0 {
                return Ok(Err(Refusal::Conflict));
            }
            let actor = Actor {
                user: &user,
                address: &address,
            };
            log(
                conn,
                &actor,
                "delete",
                "membership",
                id,
                Some(&before.values),
                None,
            )?;
            Ok(Ok(()))
        });
        Ok((stored, settle(written, "unit")?))
    })
    .await?;
    let refusal = match outcome {
        Ok(()) => {
            return Ok(see_other(format!(
                "/admin/clusters/{}/edit",
                stored.cluster_id
            )));
        }
        Err(refusal) => refusal,
    };
    let message = match refusal {
        Refusal::Conflict => "Chưa xóa: đơn vị thành viên này vừa được người khác sửa sau khi bạn mở trang. Hãy xem lại bản mới rồi quyết định.".to_string(),
        ref other => other.message().replacen("Chưa lưu", "Chưa xóa", 1),
    };
    let page = delete_page(viewer, id, &stored, version.to_string(), Some(message));
    html(refusal.status(), &page)
}
