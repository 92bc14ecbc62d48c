//! The clerks' meeting-results form for one cluster-year: one page in the
//! order a report reads, saved as one transaction.

pub mod attachments;
pub mod changes;
pub mod decision;
pub mod form;
pub mod history;
pub mod load;
pub mod prefill;
pub mod save;
pub mod validate;

use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, LOCATION};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{self, Viewer, client_address};
use crate::db::failure::{self, Unavailable};
use crate::db::{self, DbPool};
use crate::web::error::AppError;
use crate::web::form::Form;
use form::{Fields, SPARE_ROWS, YearForm};
use validate::{Context, Errors};

#[derive(Template)]
#[template(path = "editor/year_form.html")]
pub struct YearFormPage {
    pub viewer: Viewer,
    pub ctx: Context,
    /// Files attached to the conference: (id, file name, size in KB).
    pub attachments: Vec<(i32, String, String)>,
    pub form: YearForm,
    pub errors: Errors,
    pub message: Option<String>,
    /// Values filled from a pasted report, marked field by field.
    pub prefill: prefill::Prefilled,
}

impl YearFormPage {
    /// The message for a field, if it was refused.
    pub fn fe(&self, key: impl AsRef<str>) -> Option<&str> {
        self.errors.get(key.as_ref()).map(String::as_str)
    }

    /// `class="invalid"` and the described-by link for a refused field;
    /// `class="prefilled"` and the link to its source sentence for a field
    /// filled from a report.
    pub fn attrs(&self, key: impl AsRef<str>) -> String {
        let key = key.as_ref();
        if self.errors.contains_key(key) {
            format!(" class=\"invalid\" aria-invalid=\"true\" aria-describedby=\"err-{key}\"")
        } else if let Some(mark) = self.prefill.marks.get(key) {
            let class = if mark.hint.is_some() {
                "prefill-hint"
            } else {
                "prefilled"
            };
            let source = mark.see.as_deref().unwrap_or(key);
            format!(" class=\"{class}\" aria-describedby=\"src-{source}\"")
        } else {
            String::new()
        }
    }

    /// The report's sentence a field was filled from, shown beside it
    /// (not for a field that shares another's sentence).
    pub fn source(&self, key: impl AsRef<str>) -> Option<&prefill::Mark> {
        self.prefill
            .marks
            .get(key.as_ref())
            .filter(|m| m.see.is_none())
    }

    pub fn is(a: &str, b: &str) -> bool {
        a == b
    }

    pub fn unit_selected(value: &str, id: &i32) -> bool {
        value == id.to_string()
    }

    pub fn conference_kinds(&self) -> &'static [(&'static str, &'static str)] {
        validate::CONFERENCE_KINDS
    }
    pub fn parts_of_day(&self) -> &'static [(&'static str, &'static str)] {
        validate::PARTS_OF_DAY
    }
    pub fn roles(&self) -> &'static [(&'static str, &'static str)] {
        validate::ROLES
    }
    pub fn qualifiers(&self) -> &'static [(&'static str, &'static str)] {
        validate::QUALIFIERS
    }
    pub fn selections(&self) -> &'static [(&'static str, &'static str)] {
        validate::SELECTIONS
    }
    pub fn recipients(&self) -> &'static [(&'static str, &'static str)] {
        validate::RECIPIENTS
    }
    pub fn common_titles(&self) -> &'static [&'static str] {
        validate::COMMON_TITLES
    }
}

fn render(page: &YearFormPage, status: StatusCode) -> Result<HttpResponse, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(html))
}

fn member_ids(ctx: &Context) -> Vec<i32> {
    ctx.members.iter().map(|m| m.id).collect()
}

#[derive(Debug, serde::Deserialize)]
pub struct ConferenceQuery {
    pub conference: Option<String>,
}

pub async fn edit_form(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    query: web::Query<ConferenceQuery>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let which = load::Which::from_query(query.conference.as_deref());
    let (cluster_id, year) = path.into_inner();
    if !(1945..=2100).contains(&year) {
        return Err(AppError::NotFound);
    }
    auth::require_cluster_editor(&pool, &req, &viewer, cluster_id).await?;
    let (ctx, form, attachments) = db::read(&pool, move |conn| {
        let ctx = load::context(conn, cluster_id, year)?;
        let form = load::form(conn, &ctx, which)?;
        let attachments = load::attachments(conn, form.conference_id.parse().ok())?;
        Ok((ctx, form, attachments))
    })
    .await?;
    let members = member_ids(&ctx);
    let page = YearFormPage {
        viewer,
        attachments,
        form: form.with_spare_rows(SPARE_ROWS, &members),
        ctx,
        errors: Errors::new(),
        message: None,
        prefill: prefill::Prefilled {
            // A new conference of a year that has one already: the report
            // pasted here fills that new one.
            conference: query
                .conference
                .clone()
                .filter(|c| c == "new")
                .unwrap_or_default(),
            ..Default::default()
        },
    };
    render(&page, StatusCode::OK)
}

pub async fn save_form(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
    body: Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (cluster_id, year) = path.into_inner();
    if !(1945..=2100).contains(&year) {
        return Err(AppError::NotFound);
    }
    let user = auth::require_cluster_editor(&pool, &req, &viewer, cluster_id).await?;
    let fields = Fields::new(body.into_inner());
    auth::verify_csrf(&pool, &req, &user, &fields.get("csrf")).await?;
    let which = match fields.get("conference_id").parse() {
        Ok(id) => load::Which::Id(id),
        Err(_) => load::Which::New,
    };
    let (ctx, before) = db::read(&pool, move |conn| {
        let ctx = load::context(conn, cluster_id, year)?;
        let mut before =
            load::form(conn, &ctx, which).or_else(|_| load::form(conn, &ctx, load::Which::Main))?;
        // A new conference had no kind before this save: the blank form's
        // suggested kind is not a change the history should show.
        if before.conference_id.is_empty() {
            before.conf_kind = String::new();
        }
        Ok((ctx, before))
    })
    .await?;
    let members = member_ids(&ctx);
    let form = YearForm::from_fields(&fields, &members);

    // "Thêm dòng" asks for more empty rows; nothing is saved.
    if fields.get("action") == "add_rows" {
        let page = YearFormPage {
            viewer,
            attachments: Vec::new(),
            form: form.with_more_rows(3, &members),
            ctx,
            errors: Errors::new(),
            message: Some("Đã thêm dòng trống. Biểu mẫu chưa được lưu.".to_string()),
            prefill: prefill::Prefilled::default(),
        };
        return render(&page, StatusCode::OK);
    }

    // A form is refused as a whole, never cut short or patched: too many
    // rows, characters no field takes, or values the rules refuse all come
    // back with every row as sent.
    if let Some(message) = fields.too_many_rows() {
        let page = YearFormPage {
            viewer,
            attachments: Vec::new(),
            form,
            ctx,
            errors: Errors::new(),
            message: Some(message),
            prefill: prefill::Prefilled::default(),
        };
        return render(&page, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let refused = fields.refused_in_form();
    let valid = match validate::validate(&form, &ctx) {
        Ok(valid) if refused.is_empty() => valid,
        outcome => {
            let mut errors = outcome.err().unwrap_or_default();
            errors.extend(refused);
            let message = format!(
                "Chưa lưu: có {} chỗ cần sửa, được đánh dấu bên dưới. Những gì bạn đã nhập vẫn còn nguyên.",
                errors.len()
            );
            let page = YearFormPage {
                viewer,
                attachments: Vec::new(),
                form,
                ctx,
                errors,
                message: Some(message),
                prefill: prefill::Prefilled::default(),
            };
            return render(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };

    // "1,854" was read the Vietnamese way (one point eight five four): the
    // clerk sees how before it is saved, and saves again to confirm.
    if !valid.said_back.is_empty() && fields.get("numbers_confirmed") != "1" {
        let count = valid.said_back.len();
        let mut errors = valid.said_back.clone();
        errors.insert("numbers_confirmed".into(), String::new());
        let page = YearFormPage {
            viewer,
            attachments: Vec::new(),
            form,
            ctx,
            errors,
            message: Some(format!(
                "Chưa lưu: {count} số có thể hiểu hai cách; xem cách đã hiểu bên cạnh từng số. \
                 Nếu đúng, bấm “Lưu kết quả” lần nữa; nếu không, sửa số rồi lưu."
            )),
            prefill: prefill::Prefilled::default(),
        };
        return render(&page, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let before_json = serde_json::to_value(&before).unwrap_or_default();
    let after_json = serde_json::to_value(&form).unwrap_or_default();
    let address = client_address(&req);
    let (user_id, user_name) = (user.id, user.name.clone());
    let ctx_for_save = Context {
        cluster: ctx.cluster.clone(),
        year: ctx.year,
        members: ctx.members.clone(),
        conference_units: ctx.conference_units.clone(),
        next_members: ctx.next_members.clone(),
        award_kinds: ctx.award_kinds.clone(),
        award_groups: Vec::new(),
    };
    let outcome = web::block(move || {
        // No free connection is a busy database, answered like one.
        let Ok(mut conn) = pool.get() else {
            return Err(Unavailable::Busy);
        };
        let author = save::Author {
            user_id,
            user_name: &user_name,
            address: &address,
        };
        Ok(save::save(
            &mut conn,
            &ctx_for_save,
            &valid,
            before_json,
            after_json,
            &author,
        ))
    })
    .await?;
    let (status, message) = match outcome {
        Ok(Err(save::SaveError::DecisionKept(kept))) => {
            let page = decision_kept(viewer, form, ctx, &kept);
            return render(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Ok(Ok(saved)) => {
            let flag = match saved {
                save::Saved::Written(_) => "1",
                save::Saved::Unchanged => "unchanged",
            };
            return Ok(HttpResponse::SeeOther()
                .insert_header((
                    LOCATION,
                    format!("/clusters/{cluster_id}/years/{year}?saved={flag}"),
                ))
                .finish());
        }
        Ok(Err(save::SaveError::Conflict)) => (
            StatusCode::CONFLICT,
            "Chưa lưu: hồ sơ năm này vừa được người khác lưu sau khi bạn mở biểu mẫu. \
             Những gì bạn nhập vẫn còn bên dưới; hãy mở hồ sơ ở một thẻ khác để xem bản mới, \
             đối chiếu rồi tải lại biểu mẫu trước khi lưu.",
        ),
        Err(passing) => (StatusCode::SERVICE_UNAVAILABLE, passing.message()),
        Ok(Err(save::SaveError::Database(e))) => match failure::unavailable(&e) {
            Some(passing) => {
                tracing::warn!(error = %e, "a save could not be written");
                (StatusCode::SERVICE_UNAVAILABLE, passing.message())
            }
            None => {
                tracing::error!(error = %e, "a save failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Chưa lưu: hệ thống gặp lỗi khi ghi dữ liệu; lỗi đã được ghi lại. \
                     Những gì bạn nhập vẫn còn bên dưới; hãy thử lưu lại sau.",
                )
            }
        },
    };
    // Whatever stopped the save, the clerk gets the form back as typed.
    let page = YearFormPage {
        viewer,
        attachments: Vec::new(),
        form,
        ctx,
        errors: Errors::new(),
        message: Some(message.to_string()),
        prefill: prefill::Prefilled::default(),
    };
    render(&page, status)
}

/// The form back as typed, with the award rows whose recorded decision the
/// save would have deleted marked and the way to proceed.
fn decision_kept(
    viewer: Viewer,
    form: YearForm,
    ctx: Context,
    kept: &[save::KeptDecision],
) -> YearFormPage {
    let mut errors = Errors::new();
    let mut removed = Vec::new();
    for k in kept {
        let what = match &k.decision {
            Some(d) => format!(
                "“{}” ({d})",
                crate::domain::labels::award_status_label(&k.status)
            ),
            None => format!("“{}”", crate::domain::labels::award_status_label(&k.status)),
        };
        let message = format!(
            "Đề nghị “{}” cho đơn vị này đã có kết quả {what}. Đổi hình thức hay bỏ dòng này sẽ xóa kết quả đó, nên chưa lưu. \
             Hãy giữ hình thức cũ; nếu kết quả ghi nhầm, hãy sửa ở trang “Ghi quyết định” của đề nghị trước \
             (đặt lại “Đề nghị” và xóa số, ngày quyết định), rồi mới đổi hình thức.",
            k.kind_name
        );
        // The row of the same unit is where its kind was changed; a row
        // removed altogether is named in the message at the top.
        match form
            .awards
            .iter()
            .position(|a| a.unit == k.unit.to_string())
        {
            Some(row) => {
                errors.insert(format!("a{row}_kind"), message);
            }
            None => removed.push(message),
        }
    }
    let mut message = "Chưa lưu: lưu biểu mẫu này sẽ xóa quyết định khen thưởng đã ghi. \
        Những gì bạn đã nhập vẫn còn nguyên; xem các dòng khen thưởng được đánh dấu."
        .to_string();
    for m in removed {
        message.push(' ');
        message.push_str(&m.replace("cho đơn vị này", "của một dòng đã bỏ"));
    }
    YearFormPage {
        viewer,
        attachments: Vec::new(),
        form,
        ctx,
        errors,
        message: Some(message),
        prefill: prefill::Prefilled::default(),
    }
}

#[derive(Template)]
#[template(path = "admin/confirm.html")]
struct ConfirmYearDelete {
    viewer: Viewer,
    title: String,
    question: String,
    action: String,
    back: String,
    message: Option<String>,
}

/// Asks before deleting a cluster-year's record.
pub async fn confirm_delete(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let (cluster_id, year) = path.into_inner();
    auth::require_cluster_editor(&pool, &req, &viewer, cluster_id).await?;
    let name = db::read(&pool, move |conn| {
        use crate::schema::{cluster_years, clusters};
        use diesel::prelude::*;
        cluster_years::table
            .inner_join(clusters::table)
            .filter(cluster_years::cluster_id.eq(cluster_id))
            .filter(cluster_years::year.eq(year))
            .select(clusters::name)
            .first::<String>(conn)
    })
    .await?;
    let page = ConfirmYearDelete {
        viewer,
        title: format!("Xóa hồ sơ năm {year}"),
        question: format!(
            "Xóa toàn bộ hồ sơ năm {year} của {name}: hội nghị, đại biểu, chỉ tiêu, xếp hạng, đề nghị khen thưởng và biên bản đính kèm? Việc này không hoàn tác được (lịch sử thay đổi vẫn giữ bản cũ)."
        ),
        action: format!("/clusters/{cluster_id}/years/{year}/delete"),
        back: format!("/clusters/{cluster_id}/years/{year}/edit"),
        message: None,
    };
    render_template(&page, StatusCode::OK)
}

fn render_template(page: &impl Template, status: StatusCode) -> Result<HttpResponse, AppError> {
    let html = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(html))
}

#[derive(Debug, serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

pub async fn delete_year(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
    body: Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (cluster_id, year) = path.into_inner();
    let user = auth::require_cluster_editor(&pool, &req, &viewer, cluster_id).await?;
    auth::verify_csrf(&pool, &req, &user, &body.csrf).await?;
    let address = client_address(&req);
    db::read(&pool, move |conn| {
        use crate::schema::cluster_years;
        use diesel::prelude::*;
        let ctx = load::context(conn, cluster_id, year)?;
        let before =
            serde_json::to_value(load::form(conn, &ctx, load::Which::Main)?).unwrap_or_default();
        let id: i32 = cluster_years::table
            .filter(cluster_years::cluster_id.eq(cluster_id))
            .filter(cluster_years::year.eq(year))
            .select(cluster_years::id)
            .first(conn)?;
        db::write(conn, |conn| {
            // Children go with the year (ON DELETE CASCADE).
            diesel::delete(cluster_years::table.find(id)).execute(conn)?;
            crate::audit::record(
                conn,
                crate::audit::Entry {
                    user_id: Some(user.id),
                    user_name: Some(&user.name),
                    address: Some(&address),
                    action: "delete",
                    entity: Some("cluster_year"),
                    entity_id: Some(id),
                    before: Some(before),
                    note: Some(&format!("{} — năm {year}", ctx.cluster.name)),
                    ..Default::default()
                },
            )
        })
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((LOCATION, format!("/clusters/{cluster_id}")))
        .finish())
}
