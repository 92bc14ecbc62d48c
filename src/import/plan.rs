//! What an import does or would do: the records it creates and changes,
//! those it leaves alone, and every row's error at once.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row as the spreadsheet numbers it.
    pub row: usize,
    /// The column's header, as the template (or the file) writes it.
    pub column: String,
    pub message: String,
    /// A name that fits several units: what the file says and the
    /// units it may mean (id, label), for the admin to choose.
    pub choice: Option<(String, Vec<(i32, String)>)>,
}

/// A unit name that names no unit, or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub message: String,
    /// The units it may mean (id, label); empty when it names none.
    pub candidates: Vec<(i32, String)>,
}

#[derive(Debug, Default, Clone)]
pub struct Plan {
    /// "Đơn vị", "Thành viên cụm, khối"; the kinds of every sheet of a
    /// workbook, joined.
    pub kind: String,
    pub created: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: usize,
    pub errors: Vec<RowError>,
    /// The file was not UTF-8 and was read as Windows-1258.
    pub read_as_cp1258: bool,
}

impl Plan {
    pub fn new(kind: &str) -> Plan {
        Plan {
            kind: kind.to_string(),
            ..Plan::default()
        }
    }

    /// Adds what another sheet of the same file does; its errors name
    /// the sheet beside the column.
    pub fn absorb(&mut self, other: Plan, sheet: Option<&str>) {
        if self.kind.is_empty() {
            self.kind = other.kind;
        } else if !self.kind.split(" + ").any(|k| k == other.kind) {
            self.kind = format!("{} + {}", self.kind, other.kind);
        }
        self.created.extend(other.created);
        self.changed.extend(other.changed);
        self.unchanged += other.unchanged;
        self.errors.extend(other.errors.into_iter().map(|mut e| {
            if let Some(sheet) = sheet {
                e.column = format!("{} (trang “{sheet}”)", e.column);
            }
            e
        }));
        self.read_as_cp1258 |= other.read_as_cp1258;
    }

    pub fn error(&mut self, row: usize, column: &str, message: impl Into<String>) {
        self.errors.push(RowError {
            row,
            column: column.to_string(),
            message: message.into(),
            choice: None,
        });
    }

    /// A unit name the import could not settle; when several units fit,
    /// the admin is offered them.
    pub fn unresolved(&mut self, row: usize, column: &str, typed: &str, u: Unresolved) {
        self.errors.push(RowError {
            row,
            column: column.to_string(),
            message: u.message,
            choice: (!u.candidates.is_empty()).then(|| (typed.trim().to_string(), u.candidates)),
        });
    }

    /// The names that fit several units, each once, with their candidates.
    pub fn choices(&self) -> Vec<&(String, Vec<(i32, String)>)> {
        let mut seen: Vec<&(String, Vec<(i32, String)>)> = Vec::new();
        for c in self.errors.iter().filter_map(|e| e.choice.as_ref()) {
            if !seen.iter().any(|s| s.0 == c.0) {
                seen.push(c);
            }
        }
        seen
    }

    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// One line for the audit log and the command line.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} mới, {} thay đổi, {} giữ nguyên, {} lỗi",
            &self.kind,
            self.created.len(),
            self.changed.len(),
            self.unchanged,
            self.errors.len()
        )
    }
}
