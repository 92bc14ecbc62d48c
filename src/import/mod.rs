//! Importing a board's records from Excel or CSV: units, clusters and
//! blocks, memberships, award catalogues, a cluster-year's tables and
//! past years, a preview first and then one transaction.
//!
//! The preview runs the import itself and rolls it back (db::rehearse),
//! so it shows exactly what applying would do. Applying runs it again in
//! one transaction, refused whole if any row has an error, and is audited
//! as one change with the file's name.

pub mod catalogue;
pub mod clusters;
pub mod columns;
pub mod figures;
pub mod memberships;
pub mod names;
pub mod plan;
pub mod read;
pub mod scope;
pub mod tables;
pub mod units;
pub mod web;
pub mod years;

use crate::db::{self, DbConn};
use columns::Field;
pub use plan::{Plan, RowError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Units,
    Memberships,
    /// Past years: awards with their year's chair and conference.
    Years,
    Clusters,
    /// An issuer's award kinds.
    Catalogue,
    /// A cluster-year's indicators, scores and ranks: a row per member.
    Tables,
    /// A year's figures, one indicator per row.
    Figures,
}

impl Kind {
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Units => units::FIELDS,
            Kind::Memberships => memberships::FIELDS,
            Kind::Years => years::FIELDS,
            Kind::Clusters => clusters::FIELDS,
            Kind::Catalogue => catalogue::FIELDS,
            Kind::Tables => tables::FIELDS,
            Kind::Figures => figures::FIELDS,
        }
    }

    /// The name the command line and the upload form give the kind.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Units => "units",
            Kind::Memberships => "memberships",
            Kind::Years => "years",
            Kind::Clusters => "clusters",
            Kind::Catalogue => "awards",
            Kind::Tables => "tables",
            Kind::Figures => "figures",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        match text {
            "units" | "don-vi" => Some(Kind::Units),
            "memberships" | "thanh-vien" => Some(Kind::Memberships),
            "years" | "cac-nam" => Some(Kind::Years),
            "clusters" | "cum-khoi" => Some(Kind::Clusters),
            "awards" | "danh-muc" => Some(Kind::Catalogue),
            "tables" | "chi-tieu" => Some(Kind::Tables),
            "figures" | "chi-tieu-chung" => Some(Kind::Figures),
            _ => None,
        }
    }

    /// The file's header row for this kind, and where its fields are.
    fn header(self, rows: &[(usize, Vec<String>)]) -> Option<columns::Columns> {
        let (_, found) = columns::find(rows, self.fields())?;
        // Past years name an award or the year's officers: a table with a
        // cluster and a year column is not one.
        let fits =
            self != Kind::Years || found.has("award") || found.has("chair") || found.has("vice");
        fits.then_some(found)
    }

    /// The kind whose headers the file's first rows fit best.
    fn detect(rows: &[(usize, Vec<String>)]) -> Option<Kind> {
        // On a tie the later kind wins: a sheet with only a unit column
        // and figures is a table, one that fits another kind as well is
        // that kind.
        [
            Kind::Tables,
            Kind::Figures,
            Kind::Years,
            Kind::Memberships,
            Kind::Clusters,
            Kind::Catalogue,
            Kind::Units,
        ]
        .into_iter()
        .filter(|k| match columns::find(rows, k.fields()) {
            // Past years name an award or the year's officers; a table
            // with a cluster and a year column is not one.
            Some((_, c)) if *k == Kind::Years => c.has("award") || c.has("chair") || c.has("vice"),
            found => found.is_some(),
        })
        .max_by_key(|k| columns::score(rows, k.fields()))
    }
}

#[derive(Debug)]
pub enum ImportError {
    Read(read::ReadError),
    /// No row names the required columns: their headers.
    NoHeader(Vec<&'static str>),
    Database(diesel::result::Error),
    /// Applying was refused: the rows' errors.
    Refused(Plan),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Read(e) => e.fmt(f),
            ImportError::NoHeader(columns) => write!(
                f,
                "Không tìm thấy dòng tiêu đề. Tệp cần có các cột: {}.",
                columns.join(", ")
            ),
            ImportError::Database(e) => write!(f, "Lỗi cơ sở dữ liệu: {e}"),
            ImportError::Refused(plan) => write!(
                f,
                "Chưa ghi gì: tệp có {} lỗi, hãy sửa rồi nhập lại.",
                plan.errors.len()
            ),
        }
    }
}

impl From<diesel::result::Error> for ImportError {
    fn from(e: diesel::result::Error) -> Self {
        ImportError::Database(e)
    }
}

/// What the admin says beside the file.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Context {
    /// The cluster (id or name) of a table that does not say.
    pub cluster: Option<String>,
    /// The year of a table that does not say.
    pub year: Option<i32>,
    /// Names that fit several units, and the unit the admin chose: the
    /// name as the file writes it → unit id.
    pub choices: std::collections::HashMap<String, i32>,
}

/// A sheet of the file and the kind it holds.
struct Part {
    kind: Kind,
    rows: read::Rows,
    columns: columns::Columns,
}

/// A file read and its kinds settled.
pub struct Prepared {
    /// The kind of the first sheet imported.
    pub kind: Kind,
    /// Every sheet imported, in the workbook's order (clusters before
    /// their members, a year's table before its proposals).
    parts: Vec<Part>,
    pub context: Context,
}

impl Prepared {
    /// The kind of each sheet imported.
    pub fn kinds(&self) -> Vec<Kind> {
        self.parts.iter().map(|p| p.kind).collect()
    }
}

/// Reads the file. A kind asked for is read from the first sheet it fits;
/// otherwise every sheet whose headers tell its kind is imported, so a
/// download of several sheets (clusters and members, a year's table and
/// its proposals) comes back whole.
pub fn prepare(
    file_name: &str,
    bytes: &[u8],
    kind: Option<Kind>,
    context: Context,
) -> Result<Prepared, ImportError> {
    let sheets = read::read_all(file_name, bytes).map_err(ImportError::Read)?;
    let mut parts = Vec::new();
    for rows in sheets {
        let Some(found) = kind.or_else(|| Kind::detect(&rows.rows)) else {
            continue;
        };
        if let Some(columns) = found.header(&rows.rows) {
            parts.push(Part {
                kind: found,
                rows,
                columns,
            });
            if kind.is_some() {
                break;
            }
        }
    }
    match parts.first() {
        Some(first) => Ok(Prepared {
            kind: first.kind,
            parts,
            context,
        }),
        None => Err(ImportError::NoHeader(
            kind.unwrap_or(Kind::Units)
                .fields()
                .iter()
                .filter(|f| f.required)
                .map(|f| f.label)
                .collect(),
        )),
    }
}

fn run(conn: &mut DbConn, p: &Prepared) -> diesel::QueryResult<Plan> {
    let mut plan = Plan::new("");
    let several = p.parts.len() > 1;
    for part in &p.parts {
        let (rows, cols, ctx) = (&part.rows.rows, &part.columns, &p.context);
        let mut sheet = match part.kind {
            Kind::Units => units::run(conn, rows, cols, ctx)?,
            Kind::Memberships => memberships::run(conn, rows, cols, ctx)?,
            Kind::Years => years::run(conn, rows, cols, ctx)?,
            Kind::Tables => tables::run(conn, rows, cols, ctx)?,
            Kind::Figures => figures::run(conn, rows, cols, ctx)?,
            Kind::Clusters => clusters::run(conn, rows, cols)?,
            Kind::Catalogue => catalogue::run(conn, rows, cols)?,
        };
        sheet.read_as_cp1258 = part.rows.read_as_cp1258;
        plan.absorb(sheet, part.rows.sheet.as_deref().filter(|_| several));
    }
    Ok(plan)
}

/// What importing the file would do; nothing is written.
pub fn preview(conn: &mut DbConn, p: &Prepared) -> Result<Plan, ImportError> {
    Ok(db::rehearse(conn, |conn| run(conn, p))?)
}

/// Imports the file in one transaction, or nothing when a row has an
/// error; audited as one change naming the file.
pub fn apply(
    conn: &mut DbConn,
    p: &Prepared,
    file_name: &str,
    user: Option<(i32, &str)>,
) -> Result<Plan, ImportError> {
    let mut refused = None;
    let outcome = db::write(conn, |conn| {
        let plan = run(conn, p)?;
        if !plan.is_clean() {
            // Every row or none: the rows written so far roll back.
            refused = Some(plan);
            return Err(diesel::result::Error::RollbackTransaction);
        }
        if !plan.created.is_empty() || !plan.changed.is_empty() {
            let note = format!("Nhập tệp {file_name}: {}", plan.summary());
            crate::audit::record(
                conn,
                crate::audit::Entry {
                    user_id: user.map(|u| u.0),
                    user_name: user.map(|u| u.1),
                    action: "create",
                    entity: Some("import"),
                    note: Some(&note),
                    ..Default::default()
                },
            )?;
        }
        Ok(plan)
    });
    match (outcome, refused) {
        (Ok(plan), _) => Ok(plan),
        (Err(_), Some(plan)) => Err(ImportError::Refused(plan)),
        (Err(e), None) => Err(e.into()),
    }
}
