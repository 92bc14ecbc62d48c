//! Word to PDF through LibreOffice, headless, as a board's own office
//! would print the file: one layout to keep right (the Word file's), and
//! the PDF is exactly what the Word file prints.
//!
//! LibreOffice runs one conversion at a time per profile, so conversions
//! queue behind a lock; each has a time limit. The program is `soffice`
//! on the PATH, or THIDUA_SOFFICE.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::web::error::AppError;

/// A conversion that takes longer has hung.
const TIME_LIMIT: Duration = Duration::from_secs(90);

/// One conversion at a time: LibreOffice locks its profile.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub async fn to_pdf(docx: Vec<u8>) -> Result<Vec<u8>, AppError> {
    actix_web::web::block(move || convert(&program(), &docx)).await?
}

fn program() -> PathBuf {
    std::env::var_os("THIDUA_SOFFICE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("soffice"))
}

fn convert(program: &std::path::Path, docx: &[u8]) -> Result<Vec<u8>, AppError> {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let work = WorkDir::new().map_err(|e| AppError::Internal(e.to_string()))?;
    let input = work.0.join("ho-so.docx");
    std::fs::write(&input, docx).map_err(|e| AppError::Internal(e.to_string()))?;
    let profile = std::env::temp_dir().join("thidua-office-profile");
    let child = Command::new(program)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&work.0)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(AppError::OfficeMissing),
        Err(e) => return Err(AppError::Internal(format!("LibreOffice: {e}"))),
    };
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(AppError::Internal("LibreOffice took too long".into()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(AppError::Internal(format!("LibreOffice: {e}"))),
        }
    };
    let output = work.0.join("ho-so.pdf");
    match std::fs::read(&output) {
        Ok(pdf) if status.success() && pdf.starts_with(b"%PDF-") => Ok(pdf),
        _ => Err(AppError::Internal(format!(
            "LibreOffice did not convert ({status})"
        ))),
    }
}

/// A folder of its own under the system's temporary folder, removed when
/// the conversion ends.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new() -> std::io::Result<Self> {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        let name: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let path = std::env::temp_dir().join(format!("thidua-pdf-{name}"));
        std::fs::create_dir(&path)?;
        Ok(WorkDir(path))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_libreoffice_the_conversion_says_so() {
        let missing = std::path::Path::new("/nonexistent/thidua-test/soffice");
        assert!(matches!(
            convert(missing, b"PK"),
            Err(AppError::OfficeMissing)
        ));
    }
}
