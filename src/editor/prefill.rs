//! "Điền từ bản tin" on the meeting form: the clerk pastes the press report
//! (or uploads it as .txt, .docx or a PDF with text) and gets the form
//! back with the values the report gives filled in, each marked with the
//! sentence it came from. Nothing is saved: the clerk checks and saves as
//! usual. Only empty fields are filled; what the clerk typed or saved
//! stays.

use std::collections::HashMap;

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::form::{
    AwardRow, FigureRow, IndicatorBlock, MovementRow, ParticipantRow, SPARE_ROWS, YearForm,
};
use super::validate::{Context, Errors};
use super::{YearFormPage, load, member_ids, render};
use crate::auth::{self, Viewer};
use crate::db::{self, DbPool};
use crate::prefill::{self, AwardChoice, Named, Proposal, Roster};
use crate::web::error::AppError;

/// A filled field: the sentence it came from, or, for a value the rules
/// were unsure of, the candidate shown as a hint while the field stays
/// empty.
#[derive(Debug, Clone, Default)]
pub struct Mark {
    pub sentence: String,
    pub hint: Option<String>,
    /// A field filled with another from the same words ("Chức vụ" with
    /// "Họ và tên"): tinted, and pointing to that field's sentence rather
    /// than repeating it.
    pub see: Option<String>,
}

/// What the page shows of a prefill: the text pasted, the marked fields
/// and notes for what could not be placed.
#[derive(Debug, Clone, Default)]
pub struct Prefilled {
    /// What the page says of the fill as a whole.
    pub summary: Option<String>,
    /// "new" when the page is a conference not yet saved beside the year's
    /// main one, so that a prefill fills that one.
    pub conference: String,
    pub text: String,
    pub marks: HashMap<String, Mark>,
    pub notes: Vec<String>,
}

/// The longest report read: far beyond any press release.
const MAX_TEXT: usize = 200_000;

/// The roster the rules read a report against: the year's members and the
/// award kinds the cluster may propose.
pub fn roster(ctx: &Context) -> Roster {
    Roster {
        year: Some(ctx.year),
        members: ctx
            .members
            .iter()
            .map(|m| Named {
                id: m.id,
                name: m.name.clone(),
            })
            .collect(),
        award_kinds: ctx
            .award_kinds
            .iter()
            .map(|k| AwardChoice {
                id: k.id,
                name: k.name.clone(),
                issuer: k.issuing_authority.clone(),
            })
            .collect(),
    }
}

struct Filler<'a> {
    form: &'a mut YearForm,
    marks: HashMap<String, Mark>,
    notes: Vec<String>,
}

impl Filler<'_> {
    /// Marks a filled field with the part of its sentence around `near`
    /// (the value as the report wrote it).
    fn mark(&mut self, key: String, sentence: &str, near: &str) {
        self.marks.insert(
            key,
            Mark {
                sentence: excerpt(sentence, near),
                hint: None,
                see: None,
            },
        );
    }

    /// Marks a field filled together with `with`, whose sentence it shares.
    fn also(&mut self, key: String, with: &str) {
        self.marks.insert(
            key,
            Mark {
                see: Some(with.to_string()),
                ..Default::default()
            },
        );
    }

    fn hint(&mut self, key: String, sentence: &str, hint: String) {
        self.marks.insert(
            key,
            Mark {
                sentence: sentence.to_string(),
                hint: Some(hint),
                see: None,
            },
        );
    }

    /// Fills one text field if it is empty and the value is sure; an unsure
    /// value becomes a hint.
    fn fill(
        &mut self,
        key: &str,
        found: Option<(&str, &str, bool)>,
        slot: fn(&mut YearForm) -> &mut String,
    ) {
        let Some((value, sentence, sure)) = found else {
            return;
        };
        if !slot(self.form).is_empty() {
            return;
        }
        if sure {
            *slot(self.form) = value.to_string();
            self.mark(key.to_string(), sentence, value);
        } else {
            self.hint(
                key.to_string(),
                sentence,
                format!("Có thể là “{value}” — chưa chắc nên để trống."),
            );
        }
    }
}

/// The words of a long sentence around where it names `near`, so that a
/// field shows the part of the sentence it came from.
fn excerpt(sentence: &str, near: &str) -> String {
    const WIDTH: usize = 90;
    if sentence.chars().count() <= 2 * WIDTH + 20 {
        return sentence.to_string();
    }
    let s = prefill::text::Sentence::new(sentence, 0);
    let needle = prefill::text::fold(near);
    let Some(at) = (!needle.is_empty())
        .then(|| s.folded.find(&needle))
        .flatten()
    else {
        return sentence.to_string();
    };
    let centre = s.written(at);
    let start = sentence[..centre]
        .char_indices()
        .rev()
        .nth(WIDTH)
        .map_or(0, |(i, _)| i);
    let end = sentence[centre..]
        .char_indices()
        .nth(WIDTH + needle.len())
        .map_or(sentence.len(), |(i, _)| centre + i);
    // Cut at word boundaries.
    let start = if start == 0 {
        0
    } else {
        sentence[start..].find(' ').map_or(start, |i| start + i + 1)
    };
    let end = if end == sentence.len() {
        end
    } else {
        sentence[..end].rfind(' ').unwrap_or(end)
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(sentence[start..end].trim());
    if end < sentence.len() {
        out.push('…');
    }
    out
}

fn found<T: AsRef<str>>(f: &Option<prefill::Found<T>>) -> Option<(&str, &str, bool)> {
    f.as_ref()
        .map(|f| (f.value.as_ref(), f.sentence.as_str(), f.sure))
}

/// Puts a proposal's values into the empty fields of the form.
pub fn apply(form: &mut YearForm, p: &Proposal, ctx: &Context) -> Prefilled {
    let members = member_ids(ctx);
    let is_member = |id: i32| ctx.members.iter().any(|m| m.id == id);
    let mut f = Filler {
        form,
        marks: HashMap::new(),
        notes: Vec::new(),
    };

    if let Some(year) = &p.report_year
        && year.value != ctx.year
    {
        f.notes.push(format!(
            "Bản tin nói về năm {}, còn biểu mẫu này là năm {}: hãy kiểm tra đã mở đúng năm.",
            year.value, ctx.year
        ));
    }
    // A new conference's kind is the form's suggestion, not the clerk's.
    if let Some(kind) = &p.kind {
        if f.form.conference_id.is_empty() || f.form.conf_kind.is_empty() {
            f.form.conf_kind.clear();
        } else if f.form.conf_kind != kind.value {
            f.notes.push(
                "Bản tin là một hội nghị khác loại với hội nghị đang mở; các ô đã có giữ nguyên."
                    .into(),
            );
        }
    }
    f.fill("conf_kind", found(&p.kind), |x| &mut x.conf_kind);
    if f.form.conf_kind.is_empty() {
        f.form.conf_kind = "year_end_summary".into();
    }
    f.fill("conf_date", found(&p.date), |x| &mut x.conf_date);
    f.fill("conf_part", found(&p.part), |x| &mut x.conf_part);
    f.fill("conf_locality", found(&p.place), |x| &mut x.conf_locality);
    f.fill("conf_venue", found(&p.venue), |x| &mut x.conf_venue);
    if let Some(host) = &p.host
        && f.form.conf_host.is_empty()
        && ctx.conference_units.iter().any(|u| u.id == host.value.id)
    {
        f.form.conf_host = host.value.id.to_string();
        f.mark("conf_host".into(), &host.sentence, &host.value.name);
    }
    if let Some(n) = &p.members_present
        && f.form.members_present.is_empty()
    {
        f.form.members_present = n.value.to_string();
        f.mark("members_present".into(), &n.sentence, &n.value.to_string());
    }

    // Participants: a row each, after the rows already filled.
    f.form.participants.retain(|r| !r.is_blank());
    for person in &p.people {
        let known = f
            .form
            .participants
            .iter()
            .any(|r| prefill::text::fold(&r.name) == prefill::text::fold(&person.value.name));
        if known {
            continue;
        }
        let i = f.form.participants.len();
        f.form.participants.push(ParticipantRow {
            role: person.value.role.to_string(),
            name: person.value.name.clone(),
            title: person.value.title.clone(),
            organisation: person.value.organisation.clone(),
            unit: person
                .value
                .unit
                .as_ref()
                .filter(|u| is_member(u.id))
                .map(|u| u.id.to_string())
                .unwrap_or_default(),
            remarks: String::new(),
        });
        f.mark(format!("p{i}_name"), &person.sentence, &person.value.name);
        let name_key = format!("p{i}_name");
        for part in ["role", "title", "org", "unit"] {
            let filled = match part {
                "title" => !person.value.title.is_empty(),
                "org" => !person.value.organisation.is_empty(),
                "unit" => !f.form.participants[i].unit.is_empty(),
                _ => true,
            };
            if filled {
                f.also(format!("p{i}_{part}"), &name_key);
            }
        }
    }

    f.fill("theme", found(&p.theme), |x| &mut x.theme);
    f.form.movements.retain(|m| m != &MovementRow::default());
    for m in &p.movements {
        let folded = prefill::text::fold(&m.value.name);
        if f.form
            .movements
            .iter()
            .any(|x| prefill::text::fold(&x.name) == folded)
        {
            continue;
        }
        let i = f.form.movements.len();
        f.form.movements.push(MovementRow {
            name: m.value.name.clone(),
            from: m.value.from.map(|y| y.to_string()).unwrap_or_default(),
            to: m.value.to.map(|y| y.to_string()).unwrap_or_default(),
        });
        f.mark(format!("m{i}_name"), &m.sentence, &m.value.name);
        if m.value.from.is_some() {
            f.also(format!("m{i}_from"), &format!("m{i}_name"));
            f.also(format!("m{i}_to"), &format!("m{i}_name"));
        }
    }

    for (found, unit, person, title, key) in [
        (&p.chair, "chair_unit", "chair_person", "chair_title", 0),
        (&p.vice, "vice_unit", "vice_person", "vice_title", 1),
    ] {
        let Some(c) = found else { continue };
        let Some(u) = c.value.unit.as_ref().filter(|u| is_member(u.id)) else {
            continue;
        };
        let (unit_slot, person_slot, title_slot) = if key == 0 {
            (
                &mut f.form.chair_unit,
                &mut f.form.chair_person,
                &mut f.form.chair_title,
            )
        } else {
            (
                &mut f.form.vice_unit,
                &mut f.form.vice_person,
                &mut f.form.vice_title,
            )
        };
        if !unit_slot.is_empty() {
            continue;
        }
        *unit_slot = u.id.to_string();
        if person_slot.is_empty() {
            *person_slot = c.value.name.clone();
        }
        if title_slot.is_empty() {
            *title_slot = c.value.title.clone();
        }
        f.mark(unit.into(), &c.sentence, &c.value.name);
        f.also(person.into(), unit);
        f.also(title.into(), unit);
    }

    fill_figures(&mut f, p, ctx, &members);

    for r in &p.ranks {
        if let Some((_, row)) = f
            .form
            .results
            .iter_mut()
            .find(|(u, _)| *u == r.value.unit.id)
            && row.rank.is_empty()
        {
            row.rank = r.value.rank.to_string();
            let key = format!("r_u{}_rank", r.value.unit.id);
            f.mark(key, &r.sentence, &r.value.unit.name);
        }
    }

    fill_awards(&mut f, p, ctx);

    let next_in = |id: i32| ctx.next_members.iter().any(|m| m.id == id);
    for (found, key) in [(&p.next_chair, "next_chair"), (&p.next_vice, "next_vice")] {
        let Some(c) = found else { continue };
        // A chair elected for the record's own year (at a covenant signing
        // early in the year) is this year's chair.
        let this_year = c.value.year == Some(ctx.year);
        let (slot, slot_key) = match (this_year, key) {
            (true, "next_chair") => (&mut f.form.chair_unit, "chair_unit"),
            (true, _) => (&mut f.form.vice_unit, "vice_unit"),
            (false, "next_chair") => (&mut f.form.next_chair, "next_chair"),
            (false, _) => (&mut f.form.next_vice, "next_vice"),
        };
        let fits = if this_year {
            is_member(c.value.unit.id)
        } else {
            next_in(c.value.unit.id)
        };
        if !slot.is_empty() || !fits {
            continue;
        }
        *slot = c.value.unit.id.to_string();
        f.mark(slot_key.into(), &c.sentence, &c.value.unit.name);
        if !this_year && f.form.next_selection.is_empty() {
            f.form.next_selection = c.value.selection.to_string();
            f.also("next_selection".into(), slot_key);
        }
    }

    if let Some(c) = &p.covenant {
        if c.value.year == ctx.year + 1 {
            if f.form.cov_date.is_empty()
                && let Some(d) = p.date.as_ref().filter(|d| d.sure)
            {
                f.form.cov_date = d.value.clone();
                f.mark("cov_date".into(), &c.sentence, "giao ước");
            }
            if f.form.cov_place.is_empty()
                && let Some(place) = p.venue.as_ref().or(p.place.as_ref())
            {
                f.form.cov_place = place.value.clone();
                if f.marks.contains_key("cov_date") {
                    f.also("cov_place".into(), "cov_date");
                } else {
                    f.mark("cov_place".into(), &c.sentence, "giao ước");
                }
            }
            if f.form.cov_content.is_empty() {
                f.form.cov_content = format!(
                    "Các đơn vị ký kết giao ước thi đua năm {} tại hội nghị.",
                    c.value.year
                );
                if f.marks.contains_key("cov_date") {
                    f.also("cov_content".into(), "cov_date");
                } else {
                    f.mark("cov_content".into(), &c.sentence, "giao ước");
                }
            }
        } else {
            f.notes.push(format!(
                "Bản tin có ký kết giao ước thi đua năm {}: giao ước đó ghi ở hồ sơ năm {}, mục “Giao ước năm sau”.",
                c.value.year,
                c.value.year - 1
            ));
        }
    }

    for u in &p.unmatched {
        f.notes.push(format!(
            "“{}” không khớp đơn vị thành viên nào của cụm năm {}; chưa điền. Câu: “{}”",
            u.value, ctx.year, u.sentence
        ));
    }
    let Filler { marks, notes, .. } = f;
    Prefilled {
        summary: None,
        conference: String::new(),
        text: String::new(),
        marks,
        notes,
    }
}

/// Figures grouped into indicators by name and measure; a figure for no
/// member of the year is a note.
fn fill_figures(f: &mut Filler, p: &Proposal, ctx: &Context, members: &[i32]) {
    f.form.indicators.retain(|b| !b.is_blank());
    let has_figures = f
        .form
        .indicators
        .iter()
        .any(|b| !b.whole.is_blank() || b.members.iter().any(|(_, x)| !x.is_blank()));
    if has_figures {
        if !p.figures.is_empty() {
            f.notes.push(
                "Biểu mẫu đã có số liệu chỉ tiêu; các số trong bản tin không được điền thêm."
                    .into(),
            );
        }
        return;
    }
    for figure in &p.figures {
        let fig = &figure.value;
        if let Some(u) = &fig.unit
            && !ctx.members.iter().any(|m| m.id == u.id)
        {
            f.notes.push(format!(
                "Số liệu của “{}” không điền được: không là thành viên năm {}.",
                u.name, ctx.year
            ));
            continue;
        }
        let unnamed = fig.indicator.is_empty();
        let name = if unnamed {
            format!("Chỉ tiêu ({})", fig.measure)
        } else {
            fig.indicator.clone()
        };
        let position = f
            .form
            .indicators
            .iter()
            .position(|b| b.name == name && b.measure == fig.measure);
        let k = match position {
            Some(k) => k,
            None => {
                f.form.indicators.push(IndicatorBlock {
                    name: name.clone(),
                    measure: fig.measure.clone(),
                    whole: FigureRow::default(),
                    members: members.iter().map(|u| (*u, FigureRow::default())).collect(),
                });
                let k = f.form.indicators.len() - 1;
                if unnamed {
                    f.hint(
                        format!("i{k}_name"),
                        &figure.sentence,
                        "Bản tin không nêu tên chỉ tiêu; hãy đặt tên đúng.".into(),
                    );
                } else {
                    f.mark(format!("i{k}_name"), &figure.sentence, &figure.value.value);
                }
                if !fig.measure.is_empty() {
                    f.also(format!("i{k}_measure"), &format!("i{k}_name"));
                }
                k
            }
        };
        let row = FigureRow {
            value: fig.value.clone(),
            qualifier: fig.qualifier.to_string(),
            growth: fig.growth.clone().unwrap_or_default(),
            same_period: fig.same_period.clone().unwrap_or_default(),
            plan: fig.plan.clone().unwrap_or_default(),
            note: String::new(),
        };
        let block = &mut f.form.indicators[k];
        let key = match &fig.unit {
            None => {
                if !block.whole.is_blank() {
                    continue;
                }
                block.whole = row;
                format!("i{k}_all_value")
            }
            Some(u) => {
                let Some((_, slot)) = block.members.iter_mut().find(|(id, _)| *id == u.id) else {
                    continue;
                };
                if !slot.is_blank() {
                    continue;
                }
                *slot = row;
                format!("i{k}_u{}_value", u.id)
            }
        };
        f.mark(key.clone(), &figure.sentence, &figure.value.value);
        let prefix = key.trim_end_matches("_value").to_string();
        f.also(format!("{prefix}_qual"), &key);
        let parts = [
            ("growth", fig.growth.is_some()),
            ("same", fig.same_period.is_some()),
            ("plan", fig.plan.is_some()),
        ];
        for (part, filled) in parts {
            if filled {
                f.also(format!("{prefix}_{part}"), &key);
            }
        }
    }
}

/// An award row per unit and kind, the vote's unanimity on each.
fn fill_awards(f: &mut Filler, p: &Proposal, ctx: &Context) {
    f.form.awards.retain(|a| !a.is_blank());
    for award in &p.awards {
        let a = &award.value;
        if !ctx.members.iter().any(|m| m.id == a.unit.id) {
            continue;
        }
        let unit = a.unit.id.to_string();
        let kind = a
            .kind
            .as_ref()
            .filter(|k| ctx.award_kinds.iter().any(|x| x.id == k.id));
        let exists = f
            .form
            .awards
            .iter()
            .any(|r| r.unit == unit && kind.is_none_or(|k| r.kind == k.id.to_string()));
        if exists {
            continue;
        }
        let i = f.form.awards.len();
        f.form.awards.push(AwardRow {
            unit,
            kind: kind.map(|k| k.id.to_string()).unwrap_or_default(),
            unanimous: p.unanimous.as_ref().is_some_and(|u| u.sure),
            ..Default::default()
        });
        f.mark(format!("a{i}_unit"), &award.sentence, &a.written);
        match kind {
            Some(_) => f.also(format!("a{i}_kind"), &format!("a{i}_unit")),
            None => f.hint(
                format!("a{i}_kind"),
                &award.sentence,
                format!(
                    "Bản tin ghi “{}”, không khớp đúng một hình thức trong danh mục; hãy chọn.",
                    a.written
                ),
            ),
        }
        if p.unanimous.is_some() {
            let sentence = p.unanimous.as_ref().map_or("", |u| u.sentence.as_str());
            if sentence == award.sentence {
                f.also(format!("a{i}_unanimous"), &format!("a{i}_unit"));
            } else {
                f.mark(format!("a{i}_unanimous"), sentence, "thống nhất");
            }
        }
    }
}

/// The text of the submitted report: the pasted text, else the file.
struct Submitted {
    csrf: String,
    conference: String,
    text: String,
    file: Option<(String, Vec<u8>)>,
}

async fn read_submission(payload: Multipart) -> Result<Submitted, AppError> {
    // One bound for the whole form: the pasted text and a file together
    // are at most what signed minutes may be.
    let max = super::attachments::MAX_FILE;
    let mut parts = crate::web::upload::read(payload, max, max).await?;
    Ok(Submitted {
        csrf: parts.text("csrf", 200),
        conference: parts.text("conference", 20),
        text: parts.text("report_text", max),
        file: parts.take_file("report_file"),
    })
}

/// POST /clusters/{id}/years/{year}/prefill: the form again, filled from
/// the report; nothing saved.
pub async fn prefill_form(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let (cluster_id, year) = path.into_inner();
    if !(1945..=2100).contains(&year) {
        return Err(AppError::NotFound);
    }
    let user = auth::require_cluster_editor(&pool, &req, &viewer, cluster_id).await?;
    let submitted = read_submission(payload).await?;
    auth::verify_csrf(&pool, &req, &user, &submitted.csrf).await?;
    let which =
        load::Which::from_query(Some(submitted.conference.as_str()).filter(|c| !c.is_empty()));
    let (ctx, mut form, attachments) = db::read(&pool, move |conn| {
        let ctx = load::context(conn, cluster_id, year)?;
        let form = load::form(conn, &ctx, which)?;
        let attachments = load::attachments(conn, form.conference_id.parse().ok())?;
        Ok((ctx, form, attachments))
    })
    .await?;
    let members = member_ids(&ctx);

    let pasted = submitted.text.trim().to_string();
    let text = if !pasted.is_empty() {
        Ok(pasted.clone())
    } else {
        match &submitted.file {
            Some((name, bytes)) => {
                let (name, bytes) = (name.clone(), bytes.clone());
                web::block(move || prefill::source::text_of(&name, &bytes))
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?
                    .map_err(|e| e.message().to_string())
            }
            None => Err(
                "Hãy dán nội dung bản tin vào ô, hoặc chọn tệp bản tin (.txt, .docx, .pdf)."
                    .to_string(),
            ),
        }
    };
    let text = text.and_then(|t| {
        if t.len() > MAX_TEXT {
            Err(format!(
                "Bản tin dài quá {} ký tự; hãy dán phần tường thuật hội nghị.",
                crate::domain::number::count(MAX_TEXT as i64)
            ))
        } else {
            Ok(t)
        }
    });
    let text = match text {
        Ok(text) => text,
        Err(message) => {
            let page = YearFormPage {
                viewer,
                attachments,
                form: form.with_spare_rows(SPARE_ROWS, &members),
                ctx,
                errors: Errors::from([("report_text".to_string(), message.clone())]),
                message: Some(format!("Chưa điền được từ bản tin: {message}")),
                prefill: Prefilled {
                    text: pasted,
                    conference: submitted.conference.clone(),
                    ..Default::default()
                },
            };
            return render(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let proposal = prefill::read(&text, &roster(&ctx));
    let mut filled = apply(&mut form, &proposal, &ctx);
    filled.text = text;
    filled.conference = submitted.conference.clone();
    let count = filled.marks.values().filter(|m| m.hint.is_none()).count();
    filled.summary = Some(if count == 0 {
        "Không tìm thấy thông tin nào để điền từ bản tin này. Biểu mẫu chưa được lưu.".to_string()
    } else {
        format!(
            "Đã điền {count} ô từ bản tin (tô màu, có câu gốc bên dưới). Hãy kiểm tra từng ô rồi bấm “Lưu kết quả”; chưa có gì được lưu."
        )
    });
    let page = YearFormPage {
        viewer,
        attachments,
        form: form.with_spare_rows(SPARE_ROWS, &members),
        ctx,
        errors: Errors::new(),
        message: None,
        prefill: filled,
    };
    render(&page, StatusCode::OK)
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn a_long_sentence_shows_the_words_around_the_value() {
        let sentence = format!(
            "{} huyện Na Rì nhận Cờ thi đua của UBND tỉnh {}",
            "mở đầu ".repeat(40),
            "kết thúc ".repeat(40)
        );
        let e = excerpt(&sentence, "Cờ thi đua của UBND tỉnh");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(
            e.contains("huyện Na Rì nhận Cờ thi đua của UBND tỉnh"),
            "{e}"
        );
        assert!(e.chars().count() < 260, "{e}");
        assert_eq!(excerpt("Ngắn gọn.", "x"), "Ngắn gọn.");
    }
}
