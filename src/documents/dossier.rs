//! The award dossier of a cluster-year: the submission to the authority
//! that decides (Tờ trình đề nghị khen thưởng) and the minutes of the
//! review and vote (Biên bản họp bình xét), in one Word file and as PDF.
//!
//! Both are filled from the record. What the record does not hold (the
//! submission's number and date, the secretary, the hour the meeting
//! closed) is left as a marked blank to fill in by hand, never guessed.

use actix_web::{HttpResponse, web};

use super::download::{self, Format};
use super::layout::{Align, Block, Column, Document, Signature, Table};
use crate::auth::Viewer;
use crate::db::DbPool;
use crate::domain::labels;
use crate::web::error::AppError;
use crate::years::summary::{AwardRow, ConferenceView, YearSummary};

/// A blank the board fills in: dots, as printed forms have them.
pub const BLANK: &str = "……";

/// What the record does not hold, marked so that nobody takes it for a
/// fact: "[chưa có trong hồ sơ: thư ký]".
pub fn missing(what: &str) -> String {
    format!("[chưa có trong hồ sơ: {what}]")
}

pub async fn dossier_docx(
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let s = crate::years::load(&pool, path.into_inner(), &viewer).await?;
    let body = word_file(&s)?;
    Ok(download::attachment(body, Format::Docx, &file_words(&s)))
}

pub async fn dossier_pdf(
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let s = crate::years::load(&pool, path.into_inner(), &viewer).await?;
    let docx = word_file(&s)?;
    let pdf = super::office::to_pdf(docx).await?;
    Ok(download::attachment(pdf, Format::Pdf, &file_words(&s)))
}

fn file_words(s: &YearSummary) -> String {
    format!(
        "Hồ sơ đề nghị khen thưởng {} năm {}",
        s.cluster.name, s.year
    )
}

fn word_file(s: &YearSummary) -> Result<Vec<u8>, AppError> {
    if s.awards.is_empty() {
        return Err(AppError::NotFound);
    }
    super::word::write(&documents(s)).map_err(AppError::Internal)
}

/// The submission, then the minutes.
pub fn documents(s: &YearSummary) -> Vec<Document> {
    let conference = voting_conference(s);
    vec![submission(s, conference), minutes(s, conference)]
}

/// The conference at which the proposals were voted: the one they name,
/// else the year's main conference.
fn voting_conference(s: &YearSummary) -> Option<&ConferenceView> {
    s.awards
        .iter()
        .find_map(|a| a.stored.conference_id)
        .and_then(|id| s.conferences.iter().find(|c| c.record.id == id))
        .or_else(|| s.main_conference())
}

/// "Ủy ban nhân dân tỉnh Bắc Kạn (qua Ban Thi đua - Khen thưởng tỉnh)".
fn addressee(s: &YearSummary) -> String {
    match &s.body.board_name {
        Some(board) => format!("{} (qua {board})", s.body.name),
        None => s.body.name.clone(),
    }
}

/// The award kinds proposed, each once, in the order of the proposals.
fn kinds(awards: &[AwardRow]) -> Vec<&str> {
    let mut kinds: Vec<&str> = Vec::new();
    for a in awards {
        if !kinds.contains(&a.kind.name.as_str()) {
            kinds.push(&a.kind.name);
        }
    }
    kinds
}

fn place_line(conference: Option<&ConferenceView>) -> String {
    let place = conference
        .and_then(|c| c.record.locality.clone())
        .map(|p| labels::capitalise_first(&p))
        .unwrap_or_else(|| BLANK.to_string());
    format!("{place}, ngày {BLANK} tháng {BLANK} năm {BLANK}")
}

fn header(s: &YearSummary, symbol: &str) -> (String, String, String) {
    (
        s.body.short_name.to_uppercase(),
        s.cluster.name.to_uppercase(),
        format!("Số: {BLANK}/{symbol}-CTĐ"),
    )
}

/// "10 đơn vị có mặt trên tổng số 10 đơn vị thành viên", as far as known.
fn attendance(s: &YearSummary, conference: Option<&ConferenceView>) -> String {
    let members = s.members.len();
    match conference.and_then(|c| c.record.members_present) {
        Some(present) if members > 0 => {
            format!("{present}/{members} đơn vị thành viên có mặt")
        }
        Some(present) => format!("{present} đơn vị thành viên có mặt"),
        None => missing("số đơn vị có mặt"),
    }
}

fn votes_cell(n: Option<i32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// The share of those who voted (or, when known, of those present) that
/// voted for: "100%", "87,5%"; the record's word when it says only
/// "thống nhất".
fn approval(a: &AwardRow, present: Option<i32>) -> String {
    let p = &a.stored;
    if p.unanimous && p.votes_for.is_none() {
        return "Thống nhất (100%)".to_string();
    }
    let Some(yes) = p.votes_for else {
        return missing("kết quả biểu quyết");
    };
    let voted = yes + p.votes_against.unwrap_or(0) + p.votes_abstain.unwrap_or(0);
    let base = present.filter(|n| *n >= voted).unwrap_or(voted);
    if base <= 0 {
        return missing("kết quả biểu quyết");
    }
    // One decimal, written the Vietnamese way.
    let tenths = (yes as i64 * 1000 + base as i64 / 2) / base as i64;
    let text = if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{},{}%", tenths / 10, tenths % 10)
    };
    format!("{yes}/{base} ({text})")
}

fn submission(s: &YearSummary, conference: Option<&ConferenceView>) -> Document {
    let c = &s.cluster;
    let kinds = kinds(&s.awards);
    let (issuer_parent, issuer, number) = header(s, "TTr");
    let mut blocks = vec![Block::Paragraph(format!("Kính gửi: {}.", addressee(s)))];
    blocks.push(Block::Paragraph(
        "Căn cứ Luật Thi đua, khen thưởng và các văn bản quy định chi tiết, hướng dẫn thi hành;"
            .into(),
    ));
    if let Some(conf) = conference {
        blocks.push(Block::Paragraph(format!(
            "Căn cứ kết quả bình xét thi đua tại {}{};",
            labels::lower_first(&conf.title),
            conf_when_where(conf)
        )));
    }
    blocks.push(Block::Paragraph(format!(
        "{} kính đề nghị {} xem xét, khen thưởng {} tập thể có thành tích xuất sắc trong phong trào thi đua năm {}, cụ thể như sau:",
        c.name,
        s.body.name,
        s.awards.len(),
        s.year
    )));
    blocks.push(Block::trimmed_table(proposals_table(s, false, None)));
    blocks.push(Block::Paragraph(
        "(Kèm theo biên bản họp bình xét, báo cáo thành tích của các tập thể được đề nghị.)".into(),
    ));
    blocks.push(Block::Paragraph(format!(
        "{} kính trình {} xem xét, quyết định./.",
        c.name,
        addressee(s)
    )));
    Document {
        issuer_parent,
        issuer,
        number,
        place_date: place_line(conference),
        title: "TỜ TRÌNH",
        subject: vec![format!(
            "Về việc đề nghị tặng {} năm {}",
            kinds.join(", "),
            s.year
        )],
        blocks,
        recipients: vec![
            "Như trên;".into(),
            format!("{};", c.members_heading()),
            "Lưu: VT.".into(),
        ],
        signatures: vec![chair_signature(s)],
    }
}

/// ", ngày 07/02/2023 tại Bắc Kạn", as far as the record knows.
fn conf_when_where(conf: &ConferenceView) -> String {
    let mut out = String::new();
    if !conf.when.is_empty() {
        out.push_str(&format!(" ({})", labels::lower_first(&conf.when)));
    }
    if let Some(place) = conf.record.venue.as_ref().or(conf.record.locality.as_ref()) {
        out.push_str(&format!(" tại {place}"));
    }
    out
}

fn chair_signature(s: &YearSummary) -> Signature {
    Signature {
        roles: vec![
            format!("TM. {}", s.cluster.name.to_uppercase()),
            s.cluster.chair_title().to_uppercase(),
        ],
        unit: s.chair.as_ref().map(|o| o.unit.name.clone()),
        name: Some(
            s.chair
                .as_ref()
                .and_then(|o| o.person.clone())
                .unwrap_or_else(|| missing("người ký")),
        ),
    }
}

/// One row per proposal; with `votes`, the vote counted for, against and
/// abstaining, and the share for.
fn proposals_table(s: &YearSummary, votes: bool, present: Option<i32>) -> Table {
    let mut columns = vec![
        Column {
            header: "TT",
            align: Align::Center,
        },
        Column {
            header: "Tên tập thể được đề nghị",
            align: Align::Left,
        },
        Column {
            header: "Hình thức khen thưởng",
            align: Align::Left,
        },
    ];
    if votes {
        columns.extend([
            Column {
                header: "Tán thành",
                align: Align::Center,
            },
            Column {
                header: "Không tán thành",
                align: Align::Center,
            },
            Column {
                header: "Không biểu quyết",
                align: Align::Center,
            },
            Column {
                header: "Tỷ lệ tán thành",
                align: Align::Left,
            },
        ]);
    } else {
        columns.push(Column {
            header: "Kết quả bình xét",
            align: Align::Left,
        });
    }
    let rows = s
        .awards
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut row = vec![
                (i + 1).to_string(),
                a.unit.name.clone(),
                a.kind.name.clone(),
            ];
            if votes {
                let p = &a.stored;
                row.extend([
                    votes_cell(p.votes_for),
                    votes_cell(p.votes_against),
                    votes_cell(p.votes_abstain),
                    approval(a, present),
                ]);
            } else {
                row.push(if a.vote.is_empty() {
                    missing("kết quả biểu quyết")
                } else {
                    a.vote.clone()
                });
            }
            row
        })
        .collect();
    Table {
        title: format!("Danh sách đề nghị khen thưởng năm {}", s.year),
        measure: None,
        columns,
        rows,
    }
}

fn minutes(s: &YearSummary, conference: Option<&ConferenceView>) -> Document {
    let c = &s.cluster;
    let (issuer_parent, issuer, number) = header(s, "BB");
    let mut blocks = Vec::new();
    blocks.push(Block::Heading("I. THỜI GIAN, ĐỊA ĐIỂM".into()));
    blocks.push(Block::Paragraph(match conference {
        Some(conf) if !conf.opening().is_empty() => {
            format!(
                "{}, {} họp bình xét thi đua, đề nghị khen thưởng năm {}.",
                conf.opening(),
                c.name,
                s.year
            )
        }
        _ => format!(
            "{}, {} họp bình xét thi đua, đề nghị khen thưởng năm {}.",
            missing("thời gian, địa điểm"),
            c.name,
            s.year
        ),
    }));
    blocks.push(Block::Heading("II. THÀNH PHẦN".into()));
    let presiding: Vec<String> = conference
        .map(|conf| {
            conf.presiding()
                .map(|p| person_line(p.person.as_deref(), &p.description()))
                .collect()
        })
        .unwrap_or_default();
    if presiding.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Chủ trì: {}.",
            missing("người chủ trì")
        )));
    } else {
        for p in &presiding {
            blocks.push(Block::Paragraph(format!("Chủ trì: {p}.")));
        }
    }
    blocks.push(Block::Paragraph(format!("Thư ký: {}.", missing("thư ký"))));
    let members: Vec<&str> = s.members.iter().map(|m| m.name.as_str()).collect();
    blocks.push(Block::Paragraph(format!(
        "{}: {}; {}.",
        labels::capitalise_first(&c.members_heading()),
        if members.is_empty() {
            missing("danh sách đơn vị thành viên")
        } else {
            members.join(", ")
        },
        attendance(s, conference)
    )));
    let guests: Vec<String> = conference
        .map(|conf| {
            conf.others()
                .map(|p| format!("{};", person_line(p.person.as_deref(), &p.description())))
                .collect()
        })
        .unwrap_or_default();
    if !guests.is_empty() {
        blocks.push(Block::Paragraph("Đại biểu dự họp:".into()));
        blocks.push(Block::Bullets(guests));
    }
    blocks.push(Block::Heading("III. NỘI DUNG".into()));
    blocks.push(Block::Paragraph(format!(
        "Hội nghị xem xét kết quả thực hiện giao ước thi đua năm {} của các đơn vị thành viên, bình xét và biểu quyết đề nghị khen thưởng. Kết quả biểu quyết từng đề nghị như sau:",
        s.year
    )));
    let present = conference.and_then(|conf| conf.record.members_present);
    blocks.push(Block::trimmed_table(proposals_table(s, true, present)));
    blocks.push(Block::Heading("IV. KẾT LUẬN".into()));
    blocks.push(Block::Paragraph(format!(
        "Hội nghị thống nhất đề nghị {} xem xét, khen thưởng {} tập thể nêu trên.",
        s.body.name,
        s.awards.len()
    )));
    blocks.push(Block::Paragraph(format!(
        "Biên bản kết thúc vào lúc {BLANK} giờ {BLANK} cùng ngày, đã được đọc lại cho các thành viên dự họp cùng nghe và thống nhất."
    )));
    let presiding_name = conference
        .and_then(|conf| conf.presiding().find_map(|p| p.person.clone()))
        .or_else(|| s.chair.as_ref().and_then(|o| o.person.clone()));
    Document {
        issuer_parent,
        issuer,
        number,
        // The minutes are dated the day of the meeting they record.
        place_date: match conference {
            Some(conf) if !conf.date_long.is_empty() => labels::capitalise_first(
                &[
                    conf.record.locality.as_deref(),
                    Some(conf.date_long.as_str()),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            ),
            _ => place_line(conference),
        },
        title: "BIÊN BẢN",
        subject: vec![format!(
            "Họp bình xét thi đua, đề nghị khen thưởng năm {} của {}",
            s.year, c.name
        )],
        blocks,
        recipients: Vec::new(),
        signatures: vec![
            Signature {
                roles: vec!["THƯ KÝ".into()],
                unit: None,
                name: Some(missing("thư ký")),
            },
            Signature {
                roles: vec!["CHỦ TRÌ".into()],
                unit: None,
                name: Some(presiding_name.unwrap_or_else(|| missing("người chủ trì"))),
            },
        ],
    }
}

/// "đồng chí Nguyễn Văn A, Chủ tịch UBND huyện", or the description alone.
fn person_line(person: Option<&str>, description: &str) -> String {
    match person {
        Some(p) if description.is_empty() => format!("đồng chí {p}"),
        Some(p) => format!("đồng chí {p}, {description}"),
        None => description.to_string(),
    }
}
