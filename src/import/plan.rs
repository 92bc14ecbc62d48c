//! What an import does or would do: the records it creates and changes,
//! those it leaves alone, and every row's error at once.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row as the spreadsheet numbers it.
    pub row: usize,
    /// The column's header, as the template writes it.
    pub column: &'static str,
    pub message: String,
}

#[derive(Debug, Default, Clone)]
pub struct Plan {
    /// "Đơn vị", "Thành viên cụm, khối".
    pub kind: &'static str,
    pub created: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: usize,
    pub errors: Vec<RowError>,
    /// The file was not UTF-8 and was read as Windows-1258.
    pub read_as_cp1258: bool,
}

impl Plan {
    pub fn new(kind: &'static str) -> Plan {
        Plan {
            kind,
            ..Plan::default()
        }
    }

    pub fn error(&mut self, row: usize, column: &'static str, message: impl Into<String>) {
        self.errors.push(RowError {
            row,
            column,
            message: message.into(),
        });
    }

    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// One line for the audit log and the command line.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} mới, {} thay đổi, {} giữ nguyên, {} lỗi",
            self.kind,
            self.created.len(),
            self.changed.len(),
            self.unchanged,
            self.errors.len()
        )
    }
}
