//! A cluster-year's tables as an Excel workbook: one row per member with a
//! column per indicator, the score, rank and grade, as boards keep them;
//! the figures of the cluster as a whole; and the award proposals with
//! their votes and decisions.

use actix_web::{HttpResponse, web};

use super::download::{self, Format};
use super::sheet::{Cell, Sheet};
use crate::auth::Viewer;
use crate::db::DbPool;
use crate::domain::dates::Precision;
use crate::lookups::UnitLink;
use crate::models::IndicatorValue;
use crate::web::error::AppError;
use crate::years::summary::{IndicatorTable, YearSummary};

pub async fn tables_xlsx(
    pool: web::Data<DbPool>,
    path: web::Path<(i32, i32)>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let s = crate::years::load(&pool, path.into_inner(), &viewer).await?;
    let words = format!("Bảng số liệu {} năm {}", s.cluster.name, s.year);
    let body =
        super::xlsx::write(&words, &sheets(&s)).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download::attachment(body, Format::Xlsx, &words))
}

pub fn sheets(s: &YearSummary) -> Vec<Sheet> {
    let mut sheets = vec![results_sheet(s)];
    if !s.cluster_figures.is_empty() {
        sheets.push(cluster_figures_sheet(s));
    }
    sheets.push(proposals_sheet(s));
    sheets
}

fn heading(s: &YearSummary, what: &str) -> String {
    format!("{what} — {} — năm {}", s.cluster.name, s.year)
}

/// The columns one indicator takes: its figure, then a column for each
/// comparison some member reported, then a note where some figure has a
/// qualifier ("ước đạt", "trên", "12/12") or a note.
struct IndicatorColumns<'a> {
    table: &'a IndicatorTable,
    growth: bool,
    same_period: bool,
    plan: bool,
    remarks: bool,
}

impl<'a> IndicatorColumns<'a> {
    fn new(table: &'a IndicatorTable) -> Self {
        let any = |f: fn(&IndicatorValue) -> bool| table.rows.iter().any(|r| f(&r.stored));
        IndicatorColumns {
            table,
            growth: any(|v| v.growth_pct.is_some()),
            same_period: any(|v| v.same_period_pct.is_some()),
            plan: any(|v| v.plan_pct.is_some()),
            remarks: any(|v| !remark(v).is_empty()),
        }
    }

    fn headers(&self, out: &mut Vec<String>) {
        let name = &self.table.name;
        if self.table.measure_unit.is_empty() {
            out.push(name.clone());
        } else {
            out.push(format!("{name} ({})", self.table.measure_unit));
        }
        if self.growth {
            out.push(format!("{name} — tăng so với cùng kỳ (%)"));
        }
        if self.same_period {
            out.push(format!("{name} — so với cùng kỳ (%)"));
        }
        if self.plan {
            out.push(format!("{name} — đạt kế hoạch (%)"));
        }
        if self.remarks {
            out.push(format!("{name} — ghi chú"));
        }
    }

    fn cells(&self, unit: &UnitLink, out: &mut Vec<Cell>) {
        let value = self
            .table
            .rows
            .iter()
            .find(|r| r.unit.as_ref().is_some_and(|u| u.id == unit.id))
            .map(|r| &r.stored);
        out.push(Cell::stored_decimal(value.and_then(|v| v.value.as_deref())));
        if self.growth {
            out.push(Cell::stored_decimal(
                value.and_then(|v| v.growth_pct.as_deref()),
            ));
        }
        if self.same_period {
            out.push(Cell::stored_decimal(
                value.and_then(|v| v.same_period_pct.as_deref()),
            ));
        }
        if self.plan {
            out.push(Cell::stored_decimal(
                value.and_then(|v| v.plan_pct.as_deref()),
            ));
        }
        if self.remarks {
            out.push(Cell::text(value.map(remark).unwrap_or_default()));
        }
    }
}

/// What a number cell cannot say: "ước đạt; trên; trên tổng số 12; …".
fn remark(v: &IndicatorValue) -> String {
    let mut parts = Vec::new();
    if v.estimated {
        parts.push("ước đạt".to_string());
    }
    match v.bound.as_str() {
        "over" => parts.push("trên".to_string()),
        "nearly" => parts.push("gần".to_string()),
        _ => {}
    }
    if let Some(total) = &v.out_of {
        parts.push(format!(
            "trên tổng số {}",
            crate::domain::number::vietnamese(total)
        ));
    }
    if let Some(note) = &v.note {
        parts.push(note.clone());
    }
    parts.join("; ")
}

/// The members in the year's order, then any unit that reported a figure
/// or a result without being listed as a member.
fn units(s: &YearSummary) -> Vec<&UnitLink> {
    let mut units: Vec<&UnitLink> = s.members.iter().collect();
    let reported = s
        .indicators
        .iter()
        .flat_map(|t| t.rows.iter().filter_map(|r| r.unit.as_ref()))
        .chain(s.results.iter().map(|r| &r.unit));
    for unit in reported {
        if !units.iter().any(|u| u.id == unit.id) {
            units.push(unit);
        }
    }
    units
}

fn results_sheet(s: &YearSummary) -> Sheet {
    let columns: Vec<IndicatorColumns> = s.indicators.iter().map(IndicatorColumns::new).collect();
    let mut headers = vec!["STT".to_string(), "Đơn vị".to_string()];
    for c in &columns {
        c.headers(&mut headers);
    }
    let with_results = s.has_results();
    if with_results {
        for h in ["Điểm", "Xếp hạng", "Xếp loại", "Ghi chú"] {
            headers.push(h.to_string());
        }
    }
    let mut sheet = Sheet {
        name: "Chỉ tiêu, xếp hạng".into(),
        title: Some(heading(s, "Chỉ tiêu, điểm và xếp hạng")),
        headers,
        rows: Vec::new(),
    };
    for (i, unit) in units(s).into_iter().enumerate() {
        let mut row = vec![Cell::Integer(i as i64 + 1), Cell::text(unit.name.clone())];
        for c in &columns {
            c.cells(unit, &mut row);
        }
        if with_results {
            let result = s.results.iter().find(|r| r.unit.id == unit.id);
            row.push(Cell::stored_decimal(
                result.and_then(|r| r.stored_score.as_deref()),
            ));
            row.push(Cell::opt_integer(result.and_then(|r| r.rank)));
            row.push(Cell::opt_text(result.and_then(|r| r.grade.as_deref())));
            row.push(Cell::opt_text(result.and_then(|r| r.note.as_deref())));
        }
        sheet.push(row);
    }
    sheet
}

fn cluster_figures_sheet(s: &YearSummary) -> Sheet {
    let mut sheet = Sheet::new(
        "Chỉ tiêu toàn Cụm",
        &[
            "STT",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Giá trị",
            "Tăng so với cùng kỳ (%)",
            "So với cùng kỳ (%)",
            "Đạt kế hoạch (%)",
            "Ghi chú",
        ],
    )
    .with_title(heading(
        s,
        &format!(
            "Chỉ tiêu toàn {}",
            crate::domain::labels::cluster_word(&s.cluster.kind)
        ),
    ));
    for (i, f) in s.cluster_figures.iter().enumerate() {
        let v = &f.stored;
        sheet.push(vec![
            Cell::Integer(i as i64 + 1),
            Cell::text(f.name.clone()),
            Cell::text(f.measure_unit.clone()),
            Cell::stored_decimal(v.value.as_deref()),
            Cell::stored_decimal(v.growth_pct.as_deref()),
            Cell::stored_decimal(v.same_period_pct.as_deref()),
            Cell::stored_decimal(v.plan_pct.as_deref()),
            Cell::text(remark(v)),
        ]);
    }
    sheet
}

fn proposals_sheet(s: &YearSummary) -> Sheet {
    let mut sheet = Sheet::new(
        "Đề nghị khen thưởng",
        &[
            "STT",
            "Đơn vị",
            "Hình thức khen thưởng",
            "Cấp khen thưởng",
            "Tán thành",
            "Không tán thành",
            "Không biểu quyết",
            "Thống nhất",
            "Trạng thái",
            "Số quyết định",
            "Ngày quyết định",
            "Cơ quan quyết định",
            "Ghi chú",
        ],
    )
    .with_title(heading(s, "Đề nghị khen thưởng"));
    for (i, a) in s.awards.iter().enumerate() {
        let p = &a.stored;
        let date = match (
            p.decision_date,
            Precision::from_code(&p.decision_date_precision),
        ) {
            (Some(d), Precision::Day) => Cell::Date(d),
            (Some(d), precision) => Cell::text(crate::domain::dates::partial(d, precision)),
            (None, _) => Cell::Empty,
        };
        sheet.push(vec![
            Cell::Integer(i as i64 + 1),
            Cell::text(a.unit.name.clone()),
            Cell::text(a.kind.name.clone()),
            Cell::text(a.kind.issuing_authority.clone()),
            Cell::opt_integer(p.votes_for),
            Cell::opt_integer(p.votes_against),
            Cell::opt_integer(p.votes_abstain),
            Cell::text(if p.unanimous { "Có" } else { "" }),
            Cell::text(a.status_label),
            Cell::opt_text(p.decision_number.as_deref()),
            date,
            Cell::opt_text(p.decided_by.as_deref()),
            Cell::opt_text(p.note.as_deref()),
        ]);
    }
    sheet
}
