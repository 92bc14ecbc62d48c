// Diesel selects of a few columns read best as tuples; naming each one
// would add a type per query and say nothing more.
#![allow(clippy::type_complexity)]

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};

use super::page::{ConfirmPage, Field, FormPage, ListPage, ListRow, MembersPanel, html};
use super::see_other;
use crate::audit::{self, Entry};
use crate::auth::{self, SignedIn, Viewer, client_address};
use crate::db::failure::{self, Unavailable};
use crate::db::{self, DbConn, DbPool};
use crate::domain::fold::fold_for_search;
use crate::domain::{collate, dates, labels, typed};
use crate::editor::form::Fields;
use crate::editor::validate::Errors;
use crate::schema::*;
use crate::web::error::AppError;
use crate::web::form::Form;

/// Submitted or stored values of a record's form, by field name.
pub type Values = HashMap<String, String>;

/// How one kind of record is listed, shown in a form, checked and written.
pub struct Kind<P> {
    pub entity: &'static str,
    pub path: &'static str,
    pub list_title: &'static str,
    pub noun: &'static str,
    pub columns: &'static [&'static str],
    pub list: fn(&mut DbConn) -> QueryResult<Vec<(i32, Vec<String>)>>,
    pub load: fn(&mut DbConn, i32) -> QueryResult<Values>,
    pub fields: fn(&mut DbConn, &Values, &Errors) -> QueryResult<Vec<Field>>,
    pub check: fn(&Values) -> Result<P, Errors>,
    /// Checks, inside the save's transaction, that the records the input
    /// points to exist (and make no loop); errors by field.
    pub refs: fn(&mut DbConn, Option<i32>, &P) -> QueryResult<Errors>,
    /// Inserts (None) or updates at the given version; Ok(None) on a
    /// version conflict.
    pub write: fn(&mut DbConn, Option<i32>, i32, &P) -> QueryResult<Option<i32>>,
    /// Deletes the record at the given version; 0 rows if it changed.
    pub delete: fn(&mut DbConn, i32, i32) -> QueryResult<usize>,
    /// The field a unique-name clash is reported on.
    pub unique_field: &'static str,
}

pub(super) fn text(values: &Values, key: &str) -> String {
    values.get(key).cloned().unwrap_or_default()
}

pub(super) fn opt(values: &Values, key: &str) -> Option<String> {
    values.get(key).filter(|v| !v.is_empty()).cloned()
}

pub(super) fn required(values: &Values, errors: &mut Errors, key: &str, limit: usize) -> String {
    let value = text(values, key);
    if value.is_empty() {
        errors.insert(key.into(), "Không được để trống.".into());
    } else if value.chars().count() > limit {
        errors.insert(key.into(), format!("Quá dài: tối đa {limit} ký tự."));
    }
    value
}

pub(super) fn optional(
    values: &Values,
    errors: &mut Errors,
    key: &str,
    limit: usize,
) -> Option<String> {
    let value = opt(values, key);
    if value.as_ref().is_some_and(|v| v.chars().count() > limit) {
        errors.insert(key.into(), format!("Quá dài: tối đa {limit} ký tự."));
    }
    value
}

pub(super) fn year(values: &Values, errors: &mut Errors, key: &str) -> Option<i32> {
    let value = opt(values, key)?;
    match value.parse::<i32>() {
        Ok(y) if (1945..=2100).contains(&y) => Some(y),
        _ => {
            errors.insert(key.into(), "Năm phải là số từ 1945 đến 2100.".into());
            None
        }
    }
}

pub(super) fn date(values: &Values, errors: &mut Errors, key: &str) -> Option<NaiveDate> {
    let value = opt(values, key)?;
    typed::date(&value)
        .map_err(|message| errors.insert(key.into(), message))
        .ok()
}

pub(super) fn id_of(values: &Values, errors: &mut Errors, key: &str, message: &str) -> Option<i32> {
    let value = opt(values, key)?;
    match value.parse::<i32>() {
        Ok(id) => Some(id),
        Err(_) => {
            errors.insert(key.into(), message.into());
            None
        }
    }
}

pub(super) fn choice(values: &Values, errors: &mut Errors, key: &str, allowed: &[&str]) -> String {
    let value = text(values, key);
    if !allowed.contains(&value.as_str()) {
        errors.insert(key.into(), "Chọn một giá trị trong danh sách.".into());
    }
    value
}

pub(super) fn with_errors(mut fields: Vec<Field>, errors: &Errors) -> Vec<Field> {
    for f in &mut fields {
        f.error = errors.get(f.name).cloned();
    }
    fields
}

/// The known fields of a submitted form, with those refused for their
/// characters (a NUL, a newline in a one-line field…).
pub(super) fn form_values(body: Vec<(String, String)>) -> (Values, Errors) {
    let fields = Fields::new(body);
    let mut values = Values::new();
    for key in [
        "csrf",
        "version",
        "name",
        "short_name",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "successor",
        "note",
        "level",
        "board_name",
        "body",
        "first_year",
        "last_year",
        "member_count",
        "description",
        "issuing_authority",
        "category",
        "rank",
        "unit",
        "from_year",
        "to_year",
        "decision_number",
        "decision_date",
    ] {
        if fields.has(key) {
            values.insert(key.to_string(), fields.get(key));
        }
    }
    let refused = fields
        .refused()
        .iter()
        .filter(|(key, _)| values.contains_key(key.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (values, refused)
}

/// Who is writing, for the audit log.
pub(super) struct Actor<'a> {
    pub user: &'a SignedIn,
    pub address: &'a str,
}

pub(super) fn log(
    conn: &mut DbConn,
    actor: &Actor<'_>,
    action: &str,
    entity: &str,
    id: i32,
    before: Option<&Values>,
    after: Option<&Values>,
) -> QueryResult<()> {
    let clean = |v: &Values| {
        let mut v = v.clone();
        v.remove("csrf");
        serde_json::to_value(v).unwrap_or_default()
    };
    audit::record(
        conn,
        Entry {
            user_id: Some(actor.user.id),
            user_name: Some(&actor.user.name),
            address: Some(actor.address),
            action,
            entity: Some(entity),
            entity_id: Some(id),
            before: before.map(clean),
            after: after.map(clean),
            note: None,
        },
    )
}

pub async fn list<P: 'static>(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    kind: &'static Kind<P>,
) -> Result<HttpResponse, AppError> {
    auth::require_admin(&pool, &req, &viewer, kind.entity).await?;
    let rows = db::read(&pool, kind.list).await?;
    let page = ListPage {
        viewer,
        title: kind.list_title.to_string(),
        new_link: format!("{}/new", kind.path),
        columns: kind.columns.to_vec(),
        rows: rows
            .into_iter()
            .map(|(id, cells)| ListRow {
                cells,
                edit: format!("{}/{id}/edit", kind.path),
                delete: format!("{}/{id}/delete", kind.path),
            })
            .collect(),
    };
    html(StatusCode::OK, &page)
}

pub async fn form<P: 'static>(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    id: Option<i32>,
    kind: &'static Kind<P>,
) -> Result<HttpResponse, AppError> {
    auth::require_admin(&pool, &req, &viewer, kind.entity).await?;
    let (values, fields, extra) = db::read(&pool, move |conn| {
        let values = match id {
            Some(id) => (kind.load)(conn, id)?,
            None => Values::from([("version".to_string(), "0".to_string())]),
        };
        let fields = (kind.fields)(conn, &values, &Errors::new())?;
        let extra = extra_for(conn, kind, id)?;
        Ok((values, fields, extra))
    })
    .await?;
    let page = FormPage {
        viewer,
        title: form_title(kind, id),
        action: form_action(kind, id),
        back: kind.path.to_string(),
        version: text(&values, "version"),
        fields,
        message: None,
        extra,
    };
    html(StatusCode::OK, &page)
}

pub(super) fn form_title<P>(kind: &Kind<P>, id: Option<i32>) -> String {
    match id {
        Some(_) => format!("Sửa {}", kind.noun),
        None => format!("Thêm {}", kind.noun),
    }
}

pub(super) fn form_action<P>(kind: &Kind<P>, id: Option<i32>) -> String {
    match id {
        Some(id) => format!("{}/{id}/edit", kind.path),
        None => format!("{}/new", kind.path),
    }
}

/// Why a save or a delete was not done; each answers with the form again.
pub(super) enum Refusal {
    /// Fields to correct (422), each with its message.
    Invalid(Errors),
    /// The record changed since the form was opened (409).
    Conflict,
    /// A delete refused because other records use this one (409).
    InUse,
    /// The database cannot write right now (503).
    Unavailable(Unavailable),
    /// Any other database failure (500); logged, the typed input kept.
    Failed,
}

const CONFLICT_MESSAGE: &str = "Chưa lưu: bản ghi vừa được người khác sửa sau khi bạn mở biểu mẫu. Những gì bạn nhập vẫn còn bên dưới; hãy tải lại trang để xem bản mới.";
const FAILED_MESSAGE: &str = "Chưa lưu: hệ thống gặp lỗi khi ghi dữ liệu. Những gì bạn nhập vẫn còn bên dưới; lỗi đã được ghi lại, hãy bấm Lưu lại sau ít phút.";

impl Refusal {
    /// Sorts a failed write: a missing record stays an error (404), the
    /// rest become a refusal that shows the form again.
    fn from_db(error: DbError, unique_field: &str) -> Result<Refusal, DbError> {
        match error {
            DbError::NotFound => Err(DbError::NotFound),
            DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                Ok(Refusal::Invalid(Errors::from([(
                    unique_field.to_string(),
                    "Tên này đã có trong danh sách.".to_string(),
                )])))
            }
            DbError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => Ok(Refusal::InUse),
            other => Ok(match failure::unavailable(&other) {
                Some(why) => {
                    tracing::warn!(cause = %other, "admin write refused: database unavailable");
                    Refusal::Unavailable(why)
                }
                None => {
                    tracing::error!(cause = %other, "admin write failed");
                    Refusal::Failed
                }
            }),
        }
    }

    /// On a save, a foreign key failing after the references were
    /// checked in the same transaction is no fault of the input.
    pub(super) fn on_save(self) -> Refusal {
        match self {
            Refusal::InUse => Refusal::Failed,
            other => other,
        }
    }

    pub(super) fn status(&self) -> StatusCode {
        match self {
            Refusal::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::Conflict | Refusal::InUse => StatusCode::CONFLICT,
            Refusal::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::Failed => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message above the form.
    pub(super) fn message(&self) -> String {
        match self {
            Refusal::Invalid(errors) => format!("Chưa lưu: có {} chỗ cần sửa.", errors.len()),
            Refusal::Conflict => CONFLICT_MESSAGE.to_string(),
            Refusal::InUse => {
                "Không thể xóa vì hồ sơ khác đang dùng đến (thành viên cụm, kết quả, khen thưởng…). Hãy gỡ các liên kết đó trước.".to_string()
            }
            Refusal::Unavailable(why) => why.message().to_string(),
            Refusal::Failed => FAILED_MESSAGE.to_string(),
        }
    }

    pub(super) fn errors(&self) -> Errors {
        match self {
            Refusal::Invalid(errors) => errors.clone(),
            _ => Errors::new(),
        }
    }
}

/// The outcome of a write transaction: a refusal leaves nothing written.
pub(super) type Attempt<T> = QueryResult<Result<T, Refusal>>;

/// Turns a write's result into the attempt's outcome, classifying a
/// database failure into a refusal.
pub(super) fn settle<T>(written: Attempt<T>, unique_field: &str) -> Attempt<T> {
    match written {
        Ok(outcome) => Ok(outcome),
        Err(e) => Refusal::from_db(e, unique_field).map(Err),
    }
}

/// The version a form was opened at; a missing or garbled one can match
/// no record, so the write is refused as stale.
pub(super) fn version_of(values: &Values) -> i32 {
    text(values, "version").parse().unwrap_or(-1)
}

/// The members panel under a cluster's form; other kinds have none.
fn extra_for<P>(
    conn: &mut DbConn,
    kind: &Kind<P>,
    id: Option<i32>,
) -> QueryResult<Option<MembersPanel>> {
    match (kind.entity, id) {
        ("cluster", Some(id)) => Ok(Some(super::members::members_panel(
            conn,
            id,
            &Values::new(),
            &Errors::new(),
        )?)),
        _ => Ok(None),
    }
}

pub async fn save<P: Send + 'static>(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    id: Option<i32>,
    body: Form<Vec<(String, String)>>,
    kind: &'static Kind<P>,
) -> Result<HttpResponse, AppError> {
    let user = auth::require_admin(&pool, &req, &viewer, kind.entity).await?;
    let (values, refused) = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let version = version_of(&values);
    let address = client_address(&req);
    let checked = with_refused((kind.check)(&values), refused);
    let outcome = {
        let values = values.clone();
        db::read(&pool, move |conn| {
            // A missing record is 404 whatever was typed.
            if let Some(id) = id {
                (kind.load)(conn, id)?;
            }
            let parsed = match checked {
                Ok(p) => p,
                Err(errors) => return Ok(Err(Refusal::Invalid(errors))),
            };
            let written = db::write(conn, |conn| {
                let before = id.map(|id| (kind.load)(conn, id)).transpose()?;
                let errors = (kind.refs)(conn, id, &parsed)?;
                if !errors.is_empty() {
                    return Ok(Err(Refusal::Invalid(errors)));
                }
                let Some(new_id) = (kind.write)(conn, id, version, &parsed)? else {
                    return Ok(Err(Refusal::Conflict));
                };
                let action = if id.is_some() { "update" } else { "create" };
                let actor = Actor {
                    user: &user,
                    address: &address,
                };
                log(
                    conn,
                    &actor,
                    action,
                    kind.entity,
                    new_id,
                    before.as_ref(),
                    Some(&values),
                )?;
                Ok(Ok(new_id))
            });
            settle(written, kind.unique_field)
        })
        .await?
    };
    let refusal = match outcome {
        Ok(_) => return Ok(see_other(kind.path.to_string())),
        Err(refusal) => refusal.on_save(),
    };
    let errors = refusal.errors();
    let (fields, extra) = {
        let values = values.clone();
        db::read(&pool, move |conn| {
            Ok((
                (kind.fields)(conn, &values, &errors)?,
                extra_for(conn, kind, id)?,
            ))
        })
        .await?
    };
    let page = FormPage {
        viewer,
        title: form_title(kind, id),
        action: form_action(kind, id),
        back: kind.path.to_string(),
        version: text(&values, "version"),
        fields,
        message: Some(refusal.message()),
        extra,
    };
    html(refusal.status(), &page)
}

/// Adds the fields refused for their characters to a check's outcome.
pub(super) fn with_refused<P>(checked: Result<P, Errors>, refused: Errors) -> Result<P, Errors> {
    match checked {
        Ok(p) if refused.is_empty() => Ok(p),
        Ok(_) => Err(refused),
        Err(mut errors) => {
            errors.extend(refused);
            Err(errors)
        }
    }
}

pub async fn confirm_delete<P: 'static>(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    id: i32,
    kind: &'static Kind<P>,
) -> Result<HttpResponse, AppError> {
    auth::require_admin(&pool, &req, &viewer, kind.entity).await?;
    let values = db::read(&pool, move |conn| (kind.load)(conn, id)).await?;
    let page = delete_page(viewer, kind, id, &values, None);
    html(StatusCode::OK, &page)
}

fn delete_page<P>(
    viewer: Viewer,
    kind: &Kind<P>,
    id: i32,
    values: &Values,
    message: Option<String>,
) -> ConfirmPage {
    ConfirmPage {
        viewer,
        title: format!("Xóa {}", kind.noun),
        question: format!(
            "Xóa {} “{}”? Việc này không hoàn tác được.",
            kind.noun,
            text(values, "name")
        ),
        action: format!("{}/{id}/delete", kind.path),
        back: kind.path.to_string(),
        version: text(values, "version"),
        message,
    }
}

pub async fn delete<P: 'static>(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    id: i32,
    body: Form<Vec<(String, String)>>,
    kind: &'static Kind<P>,
) -> Result<HttpResponse, AppError> {
    let user = auth::require_admin(&pool, &req, &viewer, kind.entity).await?;
    let (values, _) = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let version = version_of(&values);
    let address = client_address(&req);
    let (before, outcome) = db::read(&pool, move |conn| {
        let before = (kind.load)(conn, id)?;
        let written = db::write(conn, |conn| {
            let before = (kind.load)(conn, id)?;
            if (kind.delete)(conn, id, version)? == 0 {
                return Ok(Err(Refusal::Conflict));
            }
            let actor = Actor {
                user: &user,
                address: &address,
            };
            log(conn, &actor, "delete", kind.entity, id, Some(&before), None)?;
            Ok(Ok(()))
        });
        Ok((before, settle(written, kind.unique_field)?))
    })
    .await?;
    let refusal = match outcome {
        Ok(()) => return Ok(see_other(kind.path.to_string())),
        Err(refusal) => refusal,
    };
    let message = match refusal {
        Refusal::Conflict => format!(
            "Chưa xóa: {} này vừa được người khác sửa sau khi bạn mở trang. Hãy xem lại bản mới rồi quyết định.",
            kind.noun
        ),
        Refusal::InUse => format!(
            "Không thể xóa {} này vì hồ sơ khác đang dùng đến (thành viên cụm, kết quả, khen thưởng…). Hãy gỡ các liên kết đó trước.",
            kind.noun
        ),
        ref other => other.message().replacen("Chưa lưu", "Chưa xóa", 1),
    };
    // The confirmation again, at the version the admin saw.
    let mut shown = before;
    shown.insert("version".into(), version.to_string());
    let page = delete_page(viewer, kind, id, &shown, Some(message));
    html(refusal.status(), &page)
}

// ───────────────────────────── Units ─────────────────────────────

const UNIT_KINDS: &[&str] = &[
    "province",
    "central_city",
    "ministry",
    "central_agency",
    "district",
    "town",
    "provincial_city",
    "commune",
    "ward",
    "township",
    "special_zone",
    "department",
    "agency",
    "enterprise",
    "fatherland_front",
    "labour_federation",
    "youth_union",
    "womens_union",
    "farmers_union",
    "veterans_union",
    "association",
    "organisation",
    "other",
];

pub struct UnitInput {
    name: String,
    kind: String,
    parent: Option<i32>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    successor: Option<i32>,
    note: Option<String>,
}

pub(super) fn unit_options(conn: &mut DbConn) -> QueryResult<Vec<(String, String)>> {
    let mut rows: Vec<(i32, String, String)> = units::table
        .order(units::id)
        .select((units::id, units::kind, units::name))
        .load(conn)?;
    // By the unit's own name ("Bắc Kạn"), not the kind word before it.
    collate::sort_by_name(&mut rows, |(_, _, name)| name);
    Ok(std::iter::once((String::new(), "—".to_string()))
        .chain(
            rows.into_iter()
                .map(|(id, kind, name)| (id.to_string(), labels::unit_full_name(&kind, &name))),
        )
        .collect())
}

/// How far a parent or successor chain is followed: far deeper than any
/// real one (commune, district, province), short enough to stop on a
/// loop already in the data.
const CHAIN_LIMIT: usize = 64;

/// What is said beside the field when a chain goes wrong.
struct ChainMessages {
    missing: &'static str,
    itself: &'static str,
    cycle: &'static str,
    too_long: &'static str,
}

const PARENT_CHAIN: ChainMessages = ChainMessages {
    missing: "Đơn vị cấp trên này không có trong danh sách.",
    itself: "Một đơn vị không thể thuộc chính nó.",
    cycle: "Không thể chọn: đơn vị này đang thuộc (trực tiếp hoặc gián tiếp) đơn vị đang sửa, sẽ thành vòng lặp.",
    too_long: "Chuỗi đơn vị cấp trên quá dài (quá 64 cấp); hãy kiểm tra lại.",
};

const SUCCESSOR_CHAIN: ChainMessages = ChainMessages {
    missing: "Đơn vị kế thừa này không có trong danh sách.",
    itself: "Một đơn vị không thể kế thừa chính nó.",
    cycle: "Không thể chọn: đơn vị này được kế thừa (trực tiếp hoặc gián tiếp) bởi đơn vị đang sửa, sẽ thành vòng lặp.",
    too_long: "Chuỗi đơn vị kế thừa quá dài (quá 64 bước); hãy kiểm tra lại.",
};

/// Checks the unit chosen as parent or successor of unit `id` (None for
/// a new unit): it exists, is not the unit itself, and following the
/// chain from it never comes back to the unit. `next` gives a unit's
/// next link (None if the unit does not exist).
fn chain_problem(
    conn: &mut DbConn,
    id: Option<i32>,
    target: i32,
    next: impl Fn(&mut DbConn, i32) -> QueryResult<Option<Option<i32>>>,
    messages: &ChainMessages,
) -> QueryResult<Option<&'static str>> {
    if id == Some(target) {
        return Ok(Some(messages.itself));
    }
    let Some(mut link) = next(conn, target)? else {
        return Ok(Some(messages.missing));
    };
    // A new unit has no id for the chain to come back to.
    let Some(id) = id else {
        return Ok(None);
    };
    for _ in 0..CHAIN_LIMIT {
        match link {
            None => return Ok(None),
            Some(unit) if unit == id => return Ok(Some(messages.cycle)),
            Some(unit) => link = next(conn, unit)?.flatten(),
        }
    }
    Ok(Some(messages.too_long))
}

pub static UNITS: Kind<UnitInput> = Kind {
    entity: "unit",
    path: "/admin/units",
    list_title: "Đơn vị",
    noun: "đơn vị",
    columns: &["Tên", "Loại", "Thời gian tồn tại"],
    unique_field: "name",
    list: |conn| {
        let mut rows: Vec<(i32, String, String, Option<NaiveDate>, Option<NaiveDate>)> =
            units::table
                .order(units::id)
                .select((
                    units::id,
                    units::name,
                    units::kind,
                    units::valid_from,
                    units::valid_to,
                ))
                .load(conn)?;
        // By the unit's own name ("Bắc Kạn"), not the kind word before it.
        collate::sort_by_name(&mut rows, |r| &r.1);
        Ok(rows
            .into_iter()
            .map(|(id, name, kind, from, to)| {
                let span = format!(
                    "{} – {}",
                    from.map(dates::short).unwrap_or_default(),
                    to.map(dates::short).unwrap_or_default()
                );
                (
                    id,
                    vec![
                        labels::unit_full_name(&kind, &name),
                        labels::unit_kind_label(&kind).to_string(),
                        span,
                    ],
                )
            })
            .collect())
    },
    load: |conn, id| {
        let (name, kind, parent, from, to, successor, note, version): (
            String,
            String,
            Option<i32>,
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<i32>,
            Option<String>,
            i32,
        ) = units::table
            .find(id)
            .select((
                units::name,
                units::kind,
                units::parent_id,
                units::valid_from,
                units::valid_to,
                units::successor_id,
                units::note,
                units::version,
            ))
            .first(conn)?;
        Ok(Values::from([
            ("name".into(), name),
            ("kind".into(), kind),
            (
                "parent".into(),
                parent.map(|p| p.to_string()).unwrap_or_default(),
            ),
            (
                "valid_from".into(),
                from.map(dates::short).unwrap_or_default(),
            ),
            ("valid_to".into(), to.map(dates::short).unwrap_or_default()),
            (
                "successor".into(),
                successor.map(|p| p.to_string()).unwrap_or_default(),
            ),
            ("note".into(), note.unwrap_or_default()),
            ("version".into(), version.to_string()),
        ]))
    },
    fields: |conn, v, errors| {
        let units = unit_options(conn)?;
        let kinds = UNIT_KINDS
            .iter()
            .map(|k| (k.to_string(), labels::unit_kind_label(k).to_string()))
            .collect();
        Ok(with_errors(
            vec![
                Field::text(
                    "name",
                    "Tên riêng (không kèm “huyện”, “tỉnh”…)",
                    text(v, "name"),
                )
                .hint("Ví dụ: Lộc Hà"),
                Field::text("kind", "Loại đơn vị", text(v, "kind")).select(kinds),
                Field::text("parent", "Thuộc đơn vị", text(v, "parent")).select(units.clone()),
                Field::text("valid_from", "Tồn tại từ ngày", text(v, "valid_from"))
                    .hint("ngày/tháng/năm; để trống nếu không rõ"),
                Field::text("valid_to", "Đến ngày", text(v, "valid_to"))
                    .hint("ngày cuối cùng trước khi sáp nhập, đổi tên hoặc giải thể"),
                Field::text("successor", "Đơn vị kế thừa", text(v, "successor")).select(units),
                Field::text(
                    "note",
                    "Ghi chú (căn cứ sáp nhập, đổi tên…)",
                    text(v, "note"),
                )
                .textarea(),
            ],
            errors,
        ))
    },
    check: |v| {
        let mut e = Errors::new();
        let name = required(v, &mut e, "name", 100);
        let kind = choice(v, &mut e, "kind", UNIT_KINDS);
        let parent = id_of(v, &mut e, "parent", "Chọn đơn vị trong danh sách.");
        let valid_from = date(v, &mut e, "valid_from");
        let valid_to = date(v, &mut e, "valid_to");
        if let (Some(a), Some(b)) = (valid_from, valid_to)
            && b < a
        {
            e.insert(
                "valid_to".into(),
                "Ngày kết thúc phải sau ngày bắt đầu.".into(),
            );
        }
        let successor = id_of(v, &mut e, "successor", "Chọn đơn vị trong danh sách.");
        let note = optional(v, &mut e, "note", 2000);
        if e.is_empty() {
            Ok(UnitInput {
                name,
                kind,
                parent,
                valid_from,
                valid_to,
                successor,
                note,
            })
        } else {
            Err(e)
        }
    },
    refs: |conn, id, u| {
        let mut e = Errors::new();
        let parent = |conn: &mut DbConn, unit: i32| {
            units::table
                .find(unit)
                .select(units::parent_id)
                .first(conn)
                .optional()
        };
        let successor = |conn: &mut DbConn, unit: i32| {
            units::table
                .find(unit)
                .select(units::successor_id)
                .first(conn)
                .optional()
        };
        if let Some(target) = u.parent
            && let Some(message) = chain_problem(conn, id, target, parent, &PARENT_CHAIN)?
        {
            e.insert("parent".into(), message.into());
        }
        if let Some(target) = u.successor
            && let Some(message) = chain_problem(conn, id, target, successor, &SUCCESSOR_CHAIN)?
        {
            e.insert("successor".into(), message.into());
        }
        Ok(e)
    },
    write: |conn, id, version, u| {
        let values = (
            units::name.eq(&u.name),
            units::kind.eq(&u.kind),
            units::parent_id.eq(u.parent),
            units::valid_from.eq(u.valid_from),
            units::valid_to.eq(u.valid_to),
            units::successor_id.eq(u.successor),
            units::note.eq(&u.note),
            units::search_text.eq(fold_for_search(&labels::unit_full_name(&u.kind, &u.name))),
        );
        match id {
            None => diesel::insert_into(units::table)
                .values(values)
                .returning(units::id)
                .get_result(conn)
                .map(Some),
            Some(id) => {
                let n = diesel::update(
                    units::table
                        .filter(units::id.eq(id))
                        .filter(units::version.eq(version)),
                )
                .set((values, units::version.eq(version + 1)))
                .execute(conn)?;
                Ok((n == 1).then_some(id))
            }
        }
    },
    delete: |conn, id, version| {
        diesel::delete(
            units::table
                .filter(units::id.eq(id))
                .filter(units::version.eq(version)),
        )
        .execute(conn)
    },
};

// ───────────────────────────── Organising bodies ─────────────────────────────

const LEVELS: &[&str] = &["central", "province", "district", "commune", "organisation"];

pub struct BodyInput {
    name: String,
    short_name: String,
    level: String,
    board_name: Option<String>,
}

pub static BODIES: Kind<BodyInput> = Kind {
    entity: "organising_body",
    path: "/admin/bodies",
    list_title: "Cơ quan tổ chức",
    noun: "cơ quan tổ chức",
    columns: &["Tên", "Tên ngắn", "Cấp"],
    unique_field: "name",
    list: |conn| {
        let rows: Vec<(i32, String, String, String)> = organising_bodies::table
            .order((organising_bodies::sort_order, organising_bodies::id))
            .select((
                organising_bodies::id,
                organising_bodies::name,
                organising_bodies::short_name,
                organising_bodies::level,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(id, name, short, level)| {
                (
                    id,
                    vec![name, short, labels::body_level_label(&level).to_string()],
                )
            })
            .collect())
    },
    load: |conn, id| {
        let (name, short, level, board, version): (String, String, String, Option<String>, i32) =
            organising_bodies::table
                .find(id)
                .select((
                    organising_bodies::name,
                    organising_bodies::short_name,
                    organising_bodies::level,
                    organising_bodies::board_name,
                    organising_bodies::version,
                ))
                .first(conn)?;
        Ok(Values::from([
            ("name".into(), name),
            ("short_name".into(), short),
            ("level".into(), level),
            ("board_name".into(), board.unwrap_or_default()),
            ("version".into(), version.to_string()),
        ]))
    },
    fields: |_, v, errors| {
        let levels = LEVELS
            .iter()
            .map(|l| (l.to_string(), labels::body_level_label(l).to_string()))
            .collect();
        Ok(with_errors(
            vec![
                Field::text("name", "Tên đầy đủ", text(v, "name"))
                    .hint("Ví dụ: Ủy ban nhân dân tỉnh Bắc Kạn"),
                Field::text("short_name", "Tên ngắn", text(v, "short_name"))
                    .hint("Ví dụ: UBND tỉnh Bắc Kạn"),
                Field::text("level", "Cấp", text(v, "level")).select(levels),
                Field::text(
                    "board_name",
                    "Cơ quan thường trực thi đua (nơi nhận báo cáo)",
                    text(v, "board_name"),
                ),
            ],
            errors,
        ))
    },
    check: |v| {
        let mut e = Errors::new();
        let name = required(v, &mut e, "name", 200);
        let short_name = required(v, &mut e, "short_name", 100);
        let level = choice(v, &mut e, "level", LEVELS);
        let board_name = optional(v, &mut e, "board_name", 200);
        if e.is_empty() {
            Ok(BodyInput {
                name,
                short_name,
                level,
                board_name,
            })
        } else {
            Err(e)
        }
    },
    refs: |_, _, _| Ok(Errors::new()),
    write: |conn, id, version, b| {
        let values = (
            organising_bodies::name.eq(&b.name),
            organising_bodies::short_name.eq(&b.short_name),
            organising_bodies::level.eq(&b.level),
            organising_bodies::board_name.eq(&b.board_name),
        );
        match id {
            None => diesel::insert_into(organising_bodies::table)
                .values(values)
                .returning(organising_bodies::id)
                .get_result(conn)
                .map(Some),
            Some(id) => {
                let n = diesel::update(
                    organising_bodies::table
                        .filter(organising_bodies::id.eq(id))
                        .filter(organising_bodies::version.eq(version)),
                )
                .set((values, organising_bodies::version.eq(version + 1)))
                .execute(conn)?;
                Ok((n == 1).then_some(id))
            }
        }
    },
    delete: |conn, id, version| {
        diesel::delete(
            organising_bodies::table
                .filter(organising_bodies::id.eq(id))
                .filter(organising_bodies::version.eq(version)),
        )
        .execute(conn)
    },
};

// ───────────────────────────── Award catalogue ─────────────────────────────

pub struct AwardKindInput {
    name: String,
    short_name: String,
    issuing_authority: String,
    category: String,
    rank: i32,
    /// None: a national kind.
    body: Option<i32>,
}

pub static AWARD_KINDS: Kind<AwardKindInput> = Kind {
    entity: "award_kind",
    path: "/admin/award-kinds",
    list_title: "Danh mục hình thức khen thưởng",
    noun: "hình thức khen thưởng",
    columns: &["Danh mục của", "Thứ bậc", "Tên", "Cấp quyết định", "Loại"],
    unique_field: "name",
    list: |conn| {
        // By issuer (national first), then rank within it.
        let (issuers, kinds) = crate::awards::issuers::catalogue(conn)?;
        Ok(kinds
            .into_iter()
            .map(|k| {
                (
                    k.id,
                    vec![
                        issuers.label(k.organising_body_id),
                        k.rank.to_string(),
                        k.name,
                        k.issuing_authority,
                        labels::award_category_label(&k.category).to_string(),
                    ],
                )
            })
            .collect())
    },
    load: |conn, id| {
        let (name, short, by, category, rank, body, version): (
            String,
            String,
            String,
            String,
            i32,
            Option<i32>,
            i32,
        ) = award_kinds::table
            .find(id)
            .select((
                award_kinds::name,
                award_kinds::short_name,
                award_kinds::issuing_authority,
                award_kinds::category,
                award_kinds::rank,
                award_kinds::organising_body_id,
                award_kinds::version,
            ))
            .first(conn)?;
        Ok(Values::from([
            ("name".into(), name),
            ("short_name".into(), short),
            ("issuing_authority".into(), by),
            ("category".into(), category),
            ("rank".into(), rank.to_string()),
            (
                "body".into(),
                body.map(|b| b.to_string()).unwrap_or_default(),
            ),
            ("version".into(), version.to_string()),
        ]))
    },
    fields: |conn, v, errors| {
        let bodies: Vec<(i32, String)> = organising_bodies::table
            .order((organising_bodies::sort_order, organising_bodies::id))
            .select((organising_bodies::id, organising_bodies::short_name))
            .load(conn)?;
        let issuers =
            std::iter::once((String::new(), crate::awards::issuers::NATIONAL.to_string()))
                .chain(bodies.into_iter().map(|(id, n)| (id.to_string(), n)))
                .collect();
        let categories = ["title", "commendation"]
            .iter()
            .map(|c| (c.to_string(), labels::award_category_label(c).to_string()))
            .collect();
        Ok(with_errors(
            vec![
                Field::text("body", "Thuộc danh mục của", text(v, "body"))
                    .select(issuers)
                    .hint(
                        "cụm của một cơ quan được chọn hình thức của cơ quan đó và của toàn quốc",
                    ),
                Field::text("name", "Tên hình thức", text(v, "name"))
                    .hint("Ví dụ: Cờ thi đua của Ủy ban nhân dân tỉnh"),
                Field::text(
                    "short_name",
                    "Tên ngắn (cột bảng tổng hợp)",
                    text(v, "short_name"),
                ),
                Field::text(
                    "issuing_authority",
                    "Cấp quyết định",
                    text(v, "issuing_authority"),
                ),
                Field::text("category", "Loại", text(v, "category")).select(categories),
                Field::text(
                    "rank",
                    "Thứ bậc trong danh mục này (1 là cao nhất: cờ trước bằng khen)",
                    text(v, "rank"),
                ),
            ],
            errors,
        ))
    },
    check: |v| {
        let mut e = Errors::new();
        let name = required(v, &mut e, "name", 200);
        let short_name = required(v, &mut e, "short_name", 100);
        let issuing_authority = required(v, &mut e, "issuing_authority", 200);
        let category = choice(v, &mut e, "category", &["title", "commendation"]);
        let body = id_of(v, &mut e, "body", "Chọn cơ quan trong danh sách.");
        let rank = match text(v, "rank").parse::<i32>() {
            Ok(r) if r >= 1 => r,
            _ => {
                e.insert("rank".into(), "Thứ bậc là số nguyên từ 1 trở lên.".into());
                0
            }
        };
        if e.is_empty() {
            Ok(AwardKindInput {
                name,
                short_name,
                issuing_authority,
                category,
                rank,
                body,
            })
        } else {
            Err(e)
        }
    },
    refs: |conn, _, k| {
        let Some(body) = k.body else {
            return Ok(Errors::new());
        };
        let exists: Option<i32> = organising_bodies::table
            .find(body)
            .select(organising_bodies::id)
            .first(conn)
            .optional()?;
        Ok(match exists {
            Some(_) => Errors::new(),
            None => Errors::from([(
                "body".to_string(),
                "Cơ quan này không có trong danh sách.".to_string(),
            )]),
        })
    },
    write: |conn, id, version, k| {
        let values = (
            award_kinds::name.eq(&k.name),
            award_kinds::short_name.eq(&k.short_name),
            award_kinds::issuing_authority.eq(&k.issuing_authority),
            award_kinds::category.eq(&k.category),
            award_kinds::rank.eq(k.rank),
            award_kinds::organising_body_id.eq(k.body),
        );
        match id {
            None => diesel::insert_into(award_kinds::table)
                .values(values)
                .returning(award_kinds::id)
                .get_result(conn)
                .map(Some),
            Some(id) => {
                let n = diesel::update(
                    award_kinds::table
                        .filter(award_kinds::id.eq(id))
                        .filter(award_kinds::version.eq(version)),
                )
                .set((values, award_kinds::version.eq(version + 1)))
                .execute(conn)?;
                Ok((n == 1).then_some(id))
            }
        }
    },
    delete: |conn, id, version| {
        diesel::delete(
            award_kinds::table
                .filter(award_kinds::id.eq(id))
                .filter(award_kinds::version.eq(version)),
        )
        .execute(conn)
    },
};

// ───────────────────────────── Clusters ─────────────────────────────

pub struct ClusterInput {
    name: String,
    kind: String,
    body: i32,
    first_year: Option<i32>,
    last_year: Option<i32>,
    member_count: Option<i32>,
    description: Option<String>,
}

pub static CLUSTERS: Kind<ClusterInput> = Kind {
    entity: "cluster",
    path: "/admin/clusters",
    list_title: "Cụm, khối thi đua",
    noun: "cụm, khối thi đua",
    columns: &["Tên", "Cơ quan tổ chức", "Thời gian"],
    unique_field: "name",
    list: |conn| {
        let rows: Vec<(i32, String, String, Option<i32>, Option<i32>)> = clusters::table
            .inner_join(organising_bodies::table)
            .order((
                organising_bodies::sort_order,
                organising_bodies::id,
                clusters::id,
            ))
            .select((
                clusters::id,
                clusters::name,
                organising_bodies::short_name,
                clusters::first_year,
                clusters::last_year,
            ))
            .load(conn)?;
        let mut rows: Vec<(i32, Vec<String>)> = rows
            .into_iter()
            .map(|(id, name, body, a, b)| {
                let span = format!(
                    "{}–{}",
                    a.map(|y| y.to_string()).unwrap_or_default(),
                    b.map(|y| y.to_string()).unwrap_or_default()
                );
                (id, vec![name, body, span])
            })
            .collect();
        // By organising body as before, then by name within each.
        for group in rows.chunk_by_mut(|a, b| a.1[1] == b.1[1]) {
            collate::sort_by_name(group, |(_, cells)| &cells[0]);
        }
        Ok(rows)
    },
    load: |conn, id| {
        let (name, kind, body, first, last, count, description, version): (
            String,
            String,
            i32,
            Option<i32>,
            Option<i32>,
            Option<i32>,
            Option<String>,
            i32,
        ) = clusters::table
            .find(id)
            .select((
                clusters::name,
                clusters::kind,
                clusters::organising_body_id,
                clusters::first_year,
                clusters::last_year,
                clusters::member_count,
                clusters::description,
                clusters::version,
            ))
            .first(conn)?;
        let show = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
        Ok(Values::from([
            ("name".into(), name),
            ("kind".into(), kind),
            ("body".into(), body.to_string()),
            ("first_year".into(), show(first)),
            ("last_year".into(), show(last)),
            ("member_count".into(), show(count)),
            ("description".into(), description.unwrap_or_default()),
            ("version".into(), version.to_string()),
        ]))
    },
    fields: |conn, v, errors| {
        let bodies: Vec<(i32, String)> = organising_bodies::table
            .order(organising_bodies::sort_order)
            .select((organising_bodies::id, organising_bodies::short_name))
            .load(conn)?;
        let kinds = ["cluster", "block", "group"]
            .iter()
            .map(|k| (k.to_string(), labels::cluster_kind_label(k).to_string()))
            .collect();
        Ok(with_errors(
            vec![
                Field::text("name", "Tên cụm, khối", text(v, "name"))
                    .hint("Ví dụ: Cụm thi đua số 2"),
                Field::text("kind", "Loại", text(v, "kind")).select(kinds),
                Field::text("body", "Cơ quan tổ chức", text(v, "body")).select(
                    bodies
                        .into_iter()
                        .map(|(id, n)| (id.to_string(), n))
                        .collect(),
                ),
                Field::text("first_year", "Năm bắt đầu", text(v, "first_year")),
                Field::text("last_year", "Năm kết thúc", text(v, "last_year"))
                    .hint("để trống nếu cụm còn hoạt động"),
                Field::text(
                    "member_count",
                    "Số đơn vị thành viên theo quyết định",
                    text(v, "member_count"),
                ),
                Field::text(
                    "description",
                    "Mô tả (quyết định thành lập…)",
                    text(v, "description"),
                )
                .textarea(),
            ],
            errors,
        ))
    },
    check: |v| {
        let mut e = Errors::new();
        let name = required(v, &mut e, "name", 200);
        let kind = choice(v, &mut e, "kind", &["cluster", "block", "group"]);
        let body = id_of(v, &mut e, "body", "Chọn cơ quan tổ chức.").unwrap_or_else(|| {
            e.entry("body".into())
                .or_insert_with(|| "Chọn cơ quan tổ chức.".into());
            0
        });
        let first_year = year(v, &mut e, "first_year");
        let last_year = year(v, &mut e, "last_year");
        if let (Some(a), Some(b)) = (first_year, last_year)
            && b < a
        {
            e.insert(
                "last_year".into(),
                "Năm kết thúc phải sau năm bắt đầu.".into(),
            );
        }
        let member_count = match opt(v, "member_count").map(|n| n.parse::<i32>()) {
            None => None,
            Some(Ok(n)) if n > 0 => Some(n),
            Some(_) => {
                e.insert(
                    "member_count".into(),
                    "Số đơn vị là số nguyên dương.".into(),
                );
                None
            }
        };
        let description = optional(v, &mut e, "description", 2000);
        if e.is_empty() {
            Ok(ClusterInput {
                name,
                kind,
                body,
                first_year,
                last_year,
                member_count,
                description,
            })
        } else {
            Err(e)
        }
    },
    refs: |conn, _, c| {
        let exists: Option<i32> = organising_bodies::table
            .find(c.body)
            .select(organising_bodies::id)
            .first(conn)
            .optional()?;
        Ok(match exists {
            Some(_) => Errors::new(),
            None => Errors::from([(
                "body".to_string(),
                "Cơ quan tổ chức này không có trong danh sách.".to_string(),
            )]),
        })
    },
    write: |conn, id, version, c| {
        let values = (
            clusters::name.eq(&c.name),
            clusters::kind.eq(&c.kind),
            clusters::organising_body_id.eq(c.body),
            clusters::first_year.eq(c.first_year),
            clusters::last_year.eq(c.last_year),
            clusters::member_count.eq(c.member_count),
            clusters::description.eq(&c.description),
            clusters::search_text.eq(fold_for_search(&c.name)),
        );
        match id {
            None => diesel::insert_into(clusters::table)
                .values(values)
                .returning(clusters::id)
                .get_result(conn)
                .map(Some),
            Some(id) => {
                let n = diesel::update(
                    clusters::table
                        .filter(clusters::id.eq(id))
                        .filter(clusters::version.eq(version)),
                )
                .set((values, clusters::version.eq(version + 1)))
                .execute(conn)?;
                Ok((n == 1).then_some(id))
            }
        }
    },
    delete: |conn, id, version| {
        diesel::delete(
            clusters::table
                .filter(clusters::id.eq(id))
                .filter(clusters::version.eq(version)),
        )
        .execute(conn)
    },
};
