//! The yearly report as an administrative document: its sections numbered
//! from those the year has, in the order of the print.

use actix_web::{HttpResponse, web};

use super::download::{self, Format};
use super::layout::{Align, Block, Column, Document, Signature, Table};
use crate::auth::Viewer;
use crate::db::DbPool;
use crate::domain::labels;
use crate::web::error::AppError;
use crate::years::sections::Sections;
use crate::years::summary::YearSummary;

fn column(header: &'static str, align: Align) -> Column {
    Column { header, align }
}

/// The yearly report as a Word file, for the board to edit and sign.
pub async fn report_docx(
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let s = crate::years::load(&pool, path.into_inner(), &viewer).await?;
    let body = super::word::write(&[of_year(&s)]).map_err(AppError::Internal)?;
    let words = format!("Báo cáo {} năm {}", s.cluster.name, s.year);
    Ok(download::attachment(body, Format::Docx, &words))
}

/// The report of a year, its sections numbered from those it has.
pub fn of_year(s: &YearSummary) -> Document {
    build(s, &Sections::number(s.print_sections()))
}

fn build(s: &YearSummary, n: &Sections) -> Document {
    let mut blocks = Vec::new();
    let c = &s.cluster;

    blocks.push(Block::Heading(format!(
        "{}. ĐẶC ĐIỂM, TÌNH HÌNH",
        n.situation
    )));
    let size = if s.members.is_empty() {
        let size = c.size_text(0);
        if size.is_empty() {
            ".".to_string()
        } else {
            format!(", gồm {size}.")
        }
    } else {
        let names: Vec<&str> = s.members.iter().map(|m| m.name.as_str()).collect();
        format!(
            ", gồm {}: {}.",
            c.size_text(s.members.len()),
            names.join(", ")
        )
    };
    blocks.push(Block::Paragraph(format!(
        "{} do {} tổ chức{size}",
        c.name, s.body.name
    )));
    if let Some(o) = &s.chair {
        let mut text = format!(
            "{} năm {}: {}{}",
            c.chair_title(),
            s.year,
            o.unit.name,
            person(&o.person, &o.title)
        );
        if let Some(v) = &s.vice_chair {
            text.push_str(&format!(
                "; {}: {}{}",
                c.vice_chair_title(),
                v.unit.name,
                person(&v.person, &v.title)
            ));
        }
        text.push('.');
        blocks.push(Block::Paragraph(text));
    }
    if let Some(theme) = &s.theme {
        blocks.push(Block::Paragraph(format!(
            "Chủ đề thi đua năm {}: “{theme}”.",
            s.year
        )));
    }

    if let Some(number) = &n.movements {
        blocks.push(Block::Heading(format!(
            "{number}. KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO THI ĐUA"
        )));
        if !s.movements.is_empty() {
            blocks.push(Block::Paragraph("Các phong trào thi đua tiêu biểu:".into()));
            blocks.push(Block::Bullets(
                s.movements
                    .iter()
                    .map(|m| {
                        let period = m.period();
                        if period.is_empty() {
                            format!("“{}”;", m.name)
                        } else {
                            format!("“{}” ({period});", m.name)
                        }
                    })
                    .collect(),
            ));
        }
        blocks.extend(s.summary.iter().cloned().map(Block::Paragraph));
        if !s.cluster_figures.is_empty() {
            blocks.push(Block::trimmed_table(Table {
                title: format!("Một số chỉ tiêu chung của {}", c.word()),
                measure: None,
                columns: vec![
                    column("TT", Align::Center),
                    column("Chỉ tiêu", Align::Left),
                    column("Đơn vị tính", Align::Left),
                    column("Kết quả", Align::Right),
                    column("So với cùng kỳ, kế hoạch", Align::Left),
                    column("Ghi chú", Align::Left),
                ],
                rows: s
                    .cluster_figures
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        vec![
                            (i + 1).to_string(),
                            f.name.clone(),
                            f.measure_unit.clone(),
                            f.figure.clone(),
                            joined(&[&f.year_on_year, &f.plan]),
                            f.note.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            }));
        }
        for (i, t) in s.indicators.iter().enumerate() {
            blocks.push(Block::trimmed_table(Table {
                title: format!("Bảng {}. {}", i + 1, t.name),
                measure: (!t.measure_unit.is_empty())
                    .then(|| format!("Đơn vị tính: {}", t.measure_unit)),
                columns: vec![
                    column("TT", Align::Center),
                    column("Đơn vị", Align::Left),
                    column("Kết quả", Align::Right),
                    column("So với cùng kỳ", Align::Left),
                    column("So với kế hoạch", Align::Left),
                    column("Ghi chú", Align::Left),
                ],
                rows: t
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        vec![
                            (i + 1).to_string(),
                            r.unit.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
                            r.figure.clone(),
                            r.year_on_year.clone(),
                            r.plan.clone(),
                            r.note.clone().unwrap_or_default(),
                        ]
                    })
                    .collect(),
            }));
        }
    }

    for (i, conf) in s.conferences.iter().enumerate() {
        blocks.push(Block::Heading(format!(
            "{}. {}",
            n.conference(i),
            conf.title.to_uppercase()
        )));
        let opening = conf.opening();
        blocks.push(Block::Paragraph(if opening.is_empty() {
            format!("{} tổ chức {}.", c.name, conf.title)
        } else {
            format!("{opening}, {} tổ chức {}.", c.name, conf.title)
        }));
        for p in conf.presiding() {
            blocks.push(Block::Paragraph(format!(
                "Chủ trì: {}.",
                described(&p.person, &p.description(), "đồng chí")
            )));
        }
        let others: Vec<String> = conf
            .others()
            .map(|p| format!("{};", described(&p.person, &p.description(), "Đồng chí")))
            .collect();
        if !others.is_empty() {
            blocks.push(Block::Paragraph("Tham dự hội nghị có:".into()));
            blocks.push(Block::Bullets(others));
        }
        blocks.extend(conf.minutes.iter().cloned().map(Block::Paragraph));
    }

    blocks.push(Block::Heading(format!(
        "{}. BÌNH XÉT, SUY TÔN VÀ ĐỀ NGHỊ KHEN THƯỞNG",
        n.awards
    )));
    if s.has_results() {
        blocks.push(Block::trimmed_table(Table {
            title: "Kết quả chấm điểm, xếp hạng".into(),
            measure: None,
            columns: vec![
                column("Hạng", Align::Center),
                column("Đơn vị", Align::Left),
                column("Điểm", Align::Right),
                column("Xếp loại", Align::Left),
                column("Ghi chú", Align::Left),
            ],
            rows: s
                .results
                .iter()
                .map(|r| {
                    vec![
                        r.rank.map(|n| n.to_string()).unwrap_or_default(),
                        r.unit.name.clone(),
                        r.score.clone().unwrap_or_default(),
                        r.grade.clone().unwrap_or_default(),
                        r.note.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        }));
    }
    if s.awards.is_empty() {
        blocks.push(Block::Paragraph(
            "Báo cáo không nêu đề nghị khen thưởng.".into(),
        ));
    } else {
        blocks.push(Block::trimmed_table(Table {
            title: "Danh sách đề nghị khen thưởng".into(),
            measure: None,
            columns: vec![
                column("TT", Align::Center),
                column("Đơn vị", Align::Left),
                column("Hình thức khen thưởng", Align::Left),
                column("Biểu quyết", Align::Left),
                column("Tình trạng", Align::Left),
            ],
            rows: s
                .awards
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let status = if a.decision.is_empty() {
                        a.status_label.to_string()
                    } else {
                        format!("{} ({})", a.status_label, a.decision)
                    };
                    vec![
                        (i + 1).to_string(),
                        a.unit.name.clone(),
                        a.kind.name.clone(),
                        a.vote.clone(),
                        status,
                    ]
                })
                .collect(),
        }));
    }

    if let Some(number) = &n.title_counts {
        blocks.push(Block::Heading(format!(
            "{number}. SỐ LƯỢNG DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG"
        )));
        blocks.push(Block::trimmed_table(Table {
            title: format!(
                "Số cá nhân, tập thể đạt danh hiệu thi đua, hình thức khen thưởng năm {}",
                s.year
            ),
            measure: Some("Đơn vị tính: cá nhân, tập thể".into()),
            columns: vec![
                column("TT", Align::Center),
                column("Đơn vị", Align::Left),
                column("Danh hiệu, hình thức khen thưởng", Align::Left),
                column("Số lượng", Align::Right),
                column("Ghi chú", Align::Left),
            ],
            rows: s
                .title_counts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    vec![
                        (i + 1).to_string(),
                        t.unit
                            .as_ref()
                            .map_or_else(|| format!("Toàn {}", c.word()), |u| u.name.clone()),
                        t.title.clone(),
                        format!("{} {}", t.count, t.recipient),
                        t.note.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        }));
    }

    if let (Some(next), Some(number)) = (&s.next, &n.next_officers) {
        blocks.push(Block::Heading(format!(
            "{number}. {}, {} NĂM {}",
            c.chair_title().to_uppercase(),
            c.vice_chair_title().to_uppercase(),
            next.year
        )));
        let mut parts = Vec::new();
        if let Some(o) = &next.chair {
            parts.push(format!("{}: {}", c.chair_title(), o.unit.name));
        }
        if let Some(o) = &next.vice_chair {
            parts.push(format!("{}: {}", c.vice_chair_title(), o.unit.name));
        }
        let mut text = parts.join("; ");
        if !next.selection.is_empty() {
            text.push_str(&format!(" ({}", next.selection.to_lowercase()));
            if !next.decision.is_empty() {
                text.push_str(&format!(", {}", next.decision));
            }
            text.push(')');
        }
        text.push('.');
        blocks.push(Block::Paragraph(text));
    }
    if let Some(cv) = &s.next_covenant {
        let number = n.next_covenant.clone().unwrap_or_default();
        blocks.push(Block::Heading(format!(
            "{number}. GIAO ƯỚC THI ĐUA NĂM {}",
            cv.year
        )));
        let mut text = String::new();
        match (&cv.signed_on, &cv.place) {
            (Some(d), Some(p)) => {
                text.push_str(&format!("{}, tại {p}, ", labels::capitalise_first(d)))
            }
            (Some(d), None) => text.push_str(&format!("{}, ", labels::capitalise_first(d))),
            (None, Some(p)) => text.push_str(&format!("Tại {p}, ")),
            (None, None) => {}
        }
        let who = c.members_phrase();
        let who = if text.is_empty() {
            labels::capitalise_first(who)
        } else {
            who.to_string()
        };
        text.push_str(&format!("{who} ký kết giao ước thi đua năm {}.", cv.year));
        blocks.push(Block::Paragraph(text));
        blocks.extend(cv.content.iter().cloned().map(Block::Paragraph));
    }
    if !s.directions.is_empty() {
        let number = n.directions.clone().unwrap_or_default();
        blocks.push(Block::Heading(format!(
            "{number}. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {}",
            s.year + 1
        )));
        blocks.extend(s.directions.iter().cloned().map(Block::Paragraph));
    }

    Document {
        issuer_parent: s.body.short_name.to_uppercase(),
        issuer: c.name.to_uppercase(),
        number: format!("Số:{}/BC-CTĐ", "\u{a0}".repeat(8)),
        place_date: s.place_and_date(),
        title: "BÁO CÁO",
        subject: vec![s.report_subject(), format!("của {}", c.name)],
        blocks,
        recipients: vec![
            format!(
                "{};",
                s.body
                    .board_name
                    .clone()
                    .unwrap_or_else(|| s.body.short_name.clone())
            ),
            format!("{};", c.members_heading()),
            "Lưu: VT.".into(),
        ],
        signatures: vec![Signature {
            roles: vec![
                format!("TM. {}", c.name.to_uppercase()),
                c.chair_title().to_uppercase(),
            ],
            unit: s.chair.as_ref().map(|o| o.unit.name.clone()),
            name: s.chair.as_ref().and_then(|o| o.person.clone()),
        }],
    }
}

/// " (đồng chí Nguyễn Văn A, Chủ tịch UBND huyện)", or nothing.
fn person(name: &Option<String>, title: &Option<String>) -> String {
    match (name, title) {
        (Some(n), Some(t)) => format!(" (đồng chí {n}, {t})"),
        (Some(n), None) => format!(" (đồng chí {n})"),
        _ => String::new(),
    }
}

/// "đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh", or the description
/// alone when the person is not named.
fn described(name: &Option<String>, description: &str, word: &str) -> String {
    match name {
        Some(n) if description.is_empty() => format!("{word} {n}"),
        Some(n) => format!("{word} {n}, {description}"),
        None => description.to_string(),
    }
}

fn joined(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("; ")
}
