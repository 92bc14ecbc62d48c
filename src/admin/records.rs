// Diesel selects of a few columns read best as tuples; naming each one
// would add a type per query and say nothing more.
#![allow(clippy::type_complexity)]

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};

use super::page::{
    ConfirmPage, Field, FormPage, ListPage, ListRow, MemberLine, MembersPanel, html,
};
use super::see_other;
use crate::audit::{self, Entry};
use crate::auth::{self, SignedIn, Viewer, client_address};
use crate::db::{self, DbConn, DbPool};
use crate::domain::fold::fold_for_search;
use crate::domain::{dates, labels, typed};
use crate::editor::form::Fields;
use crate::editor::validate::Errors;
use crate::schema::*;
use crate::web::error::AppError;

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
    /// Inserts (None) or updates at the given version; Ok(None) on a
    /// version conflict.
    pub write: fn(&mut DbConn, Option<i32>, i32, &P) -> QueryResult<Option<i32>>,
    pub delete: fn(&mut DbConn, i32) -> QueryResult<usize>,
    /// The field a unique-name clash is reported on.
    pub unique_field: &'static str,
}

fn text(values: &Values, key: &str) -> String {
    values.get(key).cloned().unwrap_or_default()
}

fn opt(values: &Values, key: &str) -> Option<String> {
    values.get(key).filter(|v| !v.is_empty()).cloned()
}

fn required(values: &Values, errors: &mut Errors, key: &str, limit: usize) -> String {
    let value = text(values, key);
    if value.is_empty() {
        errors.insert(key.into(), "Không được để trống.".into());
    } else if value.chars().count() > limit {
        errors.insert(key.into(), format!("Quá dài: tối đa {limit} ký tự."));
    }
    value
}

fn optional(values: &Values, errors: &mut Errors, key: &str, limit: usize) -> Option<String> {
    let value = opt(values, key);
    if value.as_ref().is_some_and(|v| v.chars().count() > limit) {
        errors.insert(key.into(), format!("Quá dài: tối đa {limit} ký tự."));
    }
    value
}

fn year(values: &Values, errors: &mut Errors, key: &str) -> Option<i32> {
    let value = opt(values, key)?;
    match value.parse::<i32>() {
        Ok(y) if (1945..=2100).contains(&y) => Some(y),
        _ => {
            errors.insert(key.into(), "Năm phải là số từ 1945 đến 2100.".into());
            None
        }
    }
}

fn date(values: &Values, errors: &mut Errors, key: &str) -> Option<NaiveDate> {
    let value = opt(values, key)?;
    typed::date(&value)
        .map_err(|message| errors.insert(key.into(), message))
        .ok()
}

fn id_of(values: &Values, errors: &mut Errors, key: &str, message: &str) -> Option<i32> {
    let value = opt(values, key)?;
    match value.parse::<i32>() {
        Ok(id) => Some(id),
        Err(_) => {
            errors.insert(key.into(), message.into());
            None
        }
    }
}

fn choice(values: &Values, errors: &mut Errors, key: &str, allowed: &[&str]) -> String {
    let value = text(values, key);
    if !allowed.contains(&value.as_str()) {
        errors.insert(key.into(), "Chọn một giá trị trong danh sách.".into());
    }
    value
}

fn with_errors(mut fields: Vec<Field>, errors: &Errors) -> Vec<Field> {
    for f in &mut fields {
        f.error = errors.get(f.name).cloned();
    }
    fields
}

fn form_values(body: Vec<(String, String)>) -> Values {
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
    values
}

/// Who is writing, for the audit log.
struct Actor<'a> {
    user: &'a SignedIn,
    address: &'a str,
}

fn log(
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
        let extra = match (kind.entity, id) {
            ("cluster", Some(id)) => Some(members_panel(conn, id, &Values::new(), &Errors::new())?),
            _ => None,
        };
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

fn form_title<P>(kind: &Kind<P>, id: Option<i32>) -> String {
    match id {
        Some(_) => format!("Sửa {}", kind.noun),
        None => format!("Thêm {}", kind.noun),
    }
}

fn form_action<P>(kind: &Kind<P>, id: Option<i32>) -> String {
    match id {
        Some(id) => format!("{}/{id}/edit", kind.path),
        None => format!("{}/new", kind.path),
    }
}

pub async fn save<P: Send + 'static>(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    id: Option<i32>,
    body: crate::web::form::Form<Vec<(String, String)>>,
    kind: &'static Kind<P>,
) -> Result<HttpResponse, AppError> {
    let user = auth::require_admin(&pool, &req, &viewer, kind.entity).await?;
    let values = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let version: i32 = text(&values, "version").parse().unwrap_or(-1);
    let address = client_address(&req);
    let checked = (kind.check)(&values);
    let outcome = {
        let values = values.clone();
        db::read(&pool, move |conn| {
            let parsed = match checked {
                Ok(p) => p,
                Err(errors) => return Ok(Err((errors, None))),
            };
            let before = match id {
                Some(id) => Some((kind.load)(conn, id)?),
                None => None,
            };
            let written = db::write(conn, |conn| {
                let Some(new_id) = (kind.write)(conn, id, version, &parsed)? else {
                    return Ok(None);
                };
                let action = if id.is_some() { "update" } else { "create" };
                log(conn, &Actor { user: &user, address: &address }, action, kind.entity, new_id, before.as_ref(), Some(&values))?;
                Ok(Some(new_id))
            });
            match written {
                Ok(Some(new_id)) => Ok(Ok(new_id)),
                Ok(None) => Ok(Err((
                    Errors::new(),
                    Some("Chưa lưu: bản ghi vừa được người khác sửa sau khi bạn mở biểu mẫu. Những gì bạn nhập vẫn còn bên dưới; hãy tải lại trang để xem bản mới.".to_string()),
                ))),
                Err(DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(Err((
                    Errors::from([(kind.unique_field.to_string(), "Tên này đã có trong danh sách.".to_string())]),
                    None,
                ))),
                Err(e) => Err(e),
            }
        })
        .await?
    };
    match outcome {
        Ok(_) => Ok(see_other(kind.path.to_string())),
        Err((errors, conflict)) => {
            let status = if conflict.is_some() {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let fields = {
                let values = values.clone();
                let errors = errors.clone();
                db::read(&pool, move |conn| (kind.fields)(conn, &values, &errors)).await?
            };
            let page = FormPage {
                viewer,
                title: form_title(kind, id),
                action: form_action(kind, id),
                back: kind.path.to_string(),
                version: text(&values, "version"),
                fields,
                message: conflict.or(Some(format!("Chưa lưu: có {} chỗ cần sửa.", errors.len()))),
                extra: None,
            };
            html(status, &page)
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
    let page = ConfirmPage {
        viewer,
        title: format!("Xóa {}", kind.noun),
        question: format!(
            "Xóa {} “{}”? Việc này không hoàn tác được.",
            kind.noun,
            text(&values, "name")
        ),
        action: format!("{}/{id}/delete", kind.path),
        back: kind.path.to_string(),
        message: None,
    };
    html(StatusCode::OK, &page)
}

pub async fn delete<P: 'static>(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    id: i32,
    body: crate::web::form::Form<Vec<(String, String)>>,
    kind: &'static Kind<P>,
) -> Result<HttpResponse, AppError> {
    let user = auth::require_admin(&pool, &req, &viewer, kind.entity).await?;
    let values = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let address = client_address(&req);
    let result = db::read(&pool, move |conn| {
        let before = (kind.load)(conn, id)?;
        let outcome = db::write(conn, |conn| {
            (kind.delete)(conn, id)?;
            log(
                conn,
                &Actor {
                    user: &user,
                    address: &address,
                },
                "delete",
                kind.entity,
                id,
                Some(&before),
                None,
            )
        });
        match outcome {
            Ok(()) => Ok(Ok(before)),
            Err(DbError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _)) => {
                Ok(Err(before))
            }
            Err(e) => Err(e),
        }
    })
    .await?;
    match result {
        Ok(_) => Ok(see_other(kind.path.to_string())),
        Err(before) => {
            let page = ConfirmPage {
                viewer,
                title: format!("Xóa {}", kind.noun),
                question: format!("Xóa {} “{}”?", kind.noun, text(&before, "name")),
                action: format!("{}/{id}/delete", kind.path),
                back: kind.path.to_string(),
                message: Some(format!(
                    "Không thể xóa {} này vì hồ sơ khác đang dùng đến (thành viên cụm, kết quả, khen thưởng…). Hãy gỡ các liên kết đó trước.",
                    kind.noun
                )),
            };
            html(StatusCode::CONFLICT, &page)
        }
    }
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

fn unit_options(conn: &mut DbConn) -> QueryResult<Vec<(String, String)>> {
    let rows: Vec<(i32, String, String)> = units::table
        .order(units::name)
        .select((units::id, units::kind, units::name))
        .load(conn)?;
    Ok(std::iter::once((String::new(), "—".to_string()))
        .chain(
            rows.into_iter()
                .map(|(id, kind, name)| (id.to_string(), labels::unit_full_name(&kind, &name))),
        )
        .collect())
}

pub static UNITS: Kind<UnitInput> = Kind {
    entity: "unit",
    path: "/admin/units",
    list_title: "Đơn vị",
    noun: "đơn vị",
    columns: &["Tên", "Loại", "Thời gian tồn tại"],
    unique_field: "name",
    list: |conn| {
        let rows: Vec<(i32, String, String, Option<NaiveDate>, Option<NaiveDate>)> = units::table
            .order(units::name)
            .select((
                units::id,
                units::name,
                units::kind,
                units::valid_from,
                units::valid_to,
            ))
            .load(conn)?;
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
    write: |conn, id, version, u| {
        if id.is_some() && (u.parent == id || u.successor == id) {
            return Err(DbError::QueryBuilderError(
                "a unit cannot be its own parent or successor".into(),
            ));
        }
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
    delete: |conn, id| diesel::delete(units::table.find(id)).execute(conn),
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
        let (name, short, level, board): (String, String, String, Option<String>) =
            organising_bodies::table
                .find(id)
                .select((
                    organising_bodies::name,
                    organising_bodies::short_name,
                    organising_bodies::level,
                    organising_bodies::board_name,
                ))
                .first(conn)?;
        Ok(Values::from([
            ("name".into(), name),
            ("short_name".into(), short),
            ("level".into(), level),
            ("board_name".into(), board.unwrap_or_default()),
            ("version".into(), "1".into()),
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
    write: |conn, id, _version, b| {
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
            Some(id) => diesel::update(organising_bodies::table.find(id))
                .set(values)
                .execute(conn)
                .map(|_| Some(id)),
        }
    },
    delete: |conn, id| diesel::delete(organising_bodies::table.find(id)).execute(conn),
};

// ───────────────────────────── Award catalogue ─────────────────────────────

pub struct AwardKindInput {
    name: String,
    short_name: String,
    issuing_authority: String,
    category: String,
    rank: i32,
}

pub static AWARD_KINDS: Kind<AwardKindInput> = Kind {
    entity: "award_kind",
    path: "/admin/award-kinds",
    list_title: "Danh mục hình thức khen thưởng",
    noun: "hình thức khen thưởng",
    columns: &["Thứ bậc", "Tên", "Cấp quyết định", "Loại"],
    unique_field: "name",
    list: |conn| {
        let rows: Vec<(i32, i32, String, String, String)> = award_kinds::table
            .order((award_kinds::rank, award_kinds::id))
            .select((
                award_kinds::id,
                award_kinds::rank,
                award_kinds::name,
                award_kinds::issuing_authority,
                award_kinds::category,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(id, rank, name, by, category)| {
                (
                    id,
                    vec![
                        rank.to_string(),
                        name,
                        by,
                        labels::award_category_label(&category).to_string(),
                    ],
                )
            })
            .collect())
    },
    load: |conn, id| {
        let (name, short, by, category, rank, version): (String, String, String, String, i32, i32) =
            award_kinds::table
                .find(id)
                .select((
                    award_kinds::name,
                    award_kinds::short_name,
                    award_kinds::issuing_authority,
                    award_kinds::category,
                    award_kinds::rank,
                    award_kinds::version,
                ))
                .first(conn)?;
        Ok(Values::from([
            ("name".into(), name),
            ("short_name".into(), short),
            ("issuing_authority".into(), by),
            ("category".into(), category),
            ("rank".into(), rank.to_string()),
            ("version".into(), version.to_string()),
        ]))
    },
    fields: |_, v, errors| {
        let categories = ["title", "commendation"]
            .iter()
            .map(|c| (c.to_string(), labels::award_category_label(c).to_string()))
            .collect();
        Ok(with_errors(
            vec![
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
                    "Thứ bậc (1 là cao nhất: cờ trước bằng khen)",
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
            })
        } else {
            Err(e)
        }
    },
    write: |conn, id, version, k| {
        let values = (
            award_kinds::name.eq(&k.name),
            award_kinds::short_name.eq(&k.short_name),
            award_kinds::issuing_authority.eq(&k.issuing_authority),
            award_kinds::category.eq(&k.category),
            award_kinds::rank.eq(k.rank),
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
    delete: |conn, id| diesel::delete(award_kinds::table.find(id)).execute(conn),
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
            .order((organising_bodies::sort_order, clusters::id))
            .select((
                clusters::id,
                clusters::name,
                organising_bodies::short_name,
                clusters::first_year,
                clusters::last_year,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(id, name, body, a, b)| {
                let span = format!(
                    "{}–{}",
                    a.map(|y| y.to_string()).unwrap_or_default(),
                    b.map(|y| y.to_string()).unwrap_or_default()
                );
                (id, vec![name, body, span])
            })
            .collect())
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
    delete: |conn, id| diesel::delete(clusters::table.find(id)).execute(conn),
};

fn members_panel(
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
        fields: with_errors(
            vec![
                Field::text("unit", "Đơn vị", text(v, "unit")).select(units.clone()),
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
        ),
        units,
    })
}

/// Adds a unit to a cluster for a span of years (not overlapping a span
/// the unit already has in that cluster).
pub async fn add_member(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
    body: crate::web::form::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let cluster_id = path.into_inner();
    let user = auth::require_admin(&pool, &req, &viewer, "membership").await?;
    let values = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let mut e = Errors::new();
    let unit = id_of(&values, &mut e, "unit", "Chọn đơn vị.");
    if unit.is_none() {
        e.entry("unit".into())
            .or_insert_with(|| "Chọn đơn vị.".into());
    }
    let from = year(&values, &mut e, "from_year");
    if from.is_none() {
        e.entry("from_year".into())
            .or_insert_with(|| "Nhập năm bắt đầu.".into());
    }
    let to = year(&values, &mut e, "to_year");
    if let (Some(a), Some(b)) = (from, to)
        && b < a
    {
        e.insert(
            "to_year".into(),
            "Năm kết thúc phải sau năm bắt đầu.".into(),
        );
    }
    let number = optional(&values, &mut e, "decision_number", 100);
    let decision_date = date(&values, &mut e, "decision_date");
    let address = client_address(&req);
    let stored_values = values.clone();
    let outcome = db::read(&pool, move |conn| {
        let mut e = e;
        if let (Some(unit), Some(from)) = (unit, from) {
            let spans: Vec<(i32, Option<i32>)> = memberships::table
                .filter(memberships::cluster_id.eq(cluster_id))
                .filter(memberships::unit_id.eq(unit))
                .select((memberships::from_year, memberships::to_year))
                .load(conn)?;
            let end = to.unwrap_or(i32::MAX);
            if spans
                .iter()
                .any(|(a, b)| *a <= end && from <= b.unwrap_or(i32::MAX))
            {
                e.insert(
                    "from_year".into(),
                    "Đơn vị đã là thành viên của cụm trong những năm này.".into(),
                );
            }
        }
        if !e.is_empty() {
            return Ok(Err(e));
        }
        let (Some(unit), Some(from)) = (unit, from) else {
            return Ok(Err(e));
        };
        db::write(conn, |conn| {
            let order: i64 = memberships::table
                .filter(memberships::cluster_id.eq(cluster_id))
                .count()
                .get_result(conn)?;
            let id = diesel::insert_into(memberships::table)
                .values((
                    memberships::cluster_id.eq(cluster_id),
                    memberships::unit_id.eq(unit),
                    memberships::from_year.eq(from),
                    memberships::to_year.eq(to),
                    memberships::decision_number.eq(&number),
                    memberships::decision_date.eq(decision_date),
                    memberships::sort_order.eq(order as i32),
                ))
                .returning(memberships::id)
                .get_result(conn)?;
            log(
                conn,
                &Actor {
                    user: &user,
                    address: &address,
                },
                "create",
                "membership",
                id,
                None,
                Some(&stored_values),
            )?;
            Ok(Ok(id))
        })
    })
    .await?;
    match outcome {
        Ok(_) => Ok(see_other(format!("/admin/clusters/{cluster_id}/edit"))),
        Err(errors) => {
            let (cluster_values, fields, panel) = db::read(&pool, move |conn| {
                let cluster_values = (CLUSTERS.load)(conn, cluster_id)?;
                let fields = (CLUSTERS.fields)(conn, &cluster_values, &Errors::new())?;
                let panel = members_panel(conn, cluster_id, &values, &errors)?;
                Ok((cluster_values, fields, panel))
            })
            .await?;
            let page = FormPage {
                viewer,
                title: form_title(&CLUSTERS, Some(cluster_id)),
                action: form_action(&CLUSTERS, Some(cluster_id)),
                back: CLUSTERS.path.to_string(),
                version: text(&cluster_values, "version"),
                fields,
                message: Some("Chưa thêm thành viên: hãy sửa các ô được đánh dấu.".to_string()),
                extra: Some(panel),
            };
            html(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
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
    let (cluster_id, kind, name, cluster): (i32, String, String, String) =
        db::read(&pool, move |conn| {
            memberships::table
                .inner_join(units::table)
                .inner_join(clusters::table)
                .filter(memberships::id.eq(id))
                .select((clusters::id, units::kind, units::name, clusters::name))
                .first(conn)
        })
        .await?;
    let page = ConfirmPage {
        viewer,
        title: "Xóa đơn vị thành viên".to_string(),
        question: format!(
            "Gỡ {} khỏi {cluster}?",
            labels::unit_full_name(&kind, &name)
        ),
        action: format!("/admin/memberships/{id}/delete"),
        back: format!("/admin/clusters/{cluster_id}/edit"),
        message: None,
    };
    html(StatusCode::OK, &page)
}

pub async fn delete_member(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    viewer: Viewer,
    path: web::Path<i32>,
    body: crate::web::form::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let user = auth::require_admin(&pool, &req, &viewer, "membership").await?;
    let values = form_values(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &text(&values, "csrf")).await?;
    let address = client_address(&req);
    let cluster_id = db::read(&pool, move |conn| {
        let cluster_id: i32 = memberships::table
            .find(id)
            .select(memberships::cluster_id)
            .first(conn)?;
        db::write(conn, |conn| {
            diesel::delete(memberships::table.find(id)).execute(conn)?;
            log(
                conn,
                &Actor {
                    user: &user,
                    address: &address,
                },
                "delete",
                "membership",
                id,
                None,
                None,
            )
        })?;
        Ok(cluster_id)
    })
    .await?;
    Ok(see_other(format!("/admin/clusters/{cluster_id}/edit")))
}
