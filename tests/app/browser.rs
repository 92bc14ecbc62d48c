//! In a real browser: headless Chromium opens the yearly summary and
//! prints it to a PDF of A4 pages.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::helpers::*;

/// The browser scripts/install-test-deps.sh installs.
fn chromium() -> PathBuf {
    if let Ok(path) = std::env::var("THIDUA_CHROMIUM") {
        return path.into();
    }
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if std::path::Path::new(candidate).exists() {
            return candidate.into();
        }
    }
    panic!("Chromium not found: run scripts/install-test-deps.sh (or set THIDUA_CHROMIUM)");
}

fn chromium_command(profile: &std::path::Path) -> Command {
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// Starts the real HTTP server on a free port in its own thread.
fn start_server(app: &TestApp) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("free port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let config = app.config.clone();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            thidua::server::http_server(config, listener, 1)
                .expect("server starts")
                .await
                .expect("server runs")
        })
    });
    address
}

#[test]
fn yearly_summary_prints_to_a4_pdf() {
    let app = TestApp::with_demo();
    let id = app.cluster_id(BAC_KAN);
    let base = start_server(&app);
    let work = tempfile::tempdir().unwrap();
    std::thread::sleep(Duration::from_millis(200));

    // The browser renders the page with its facts.
    let dom = chromium_command(&work.path().join("profile-dom"))
        .stderr(std::process::Stdio::null())
        .arg("--dump-dom")
        .arg(format!("{base}/clusters/{id}/years/2022"))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("Cờ thi đua của Ủy ban nhân dân tỉnh"),
        "rendered page:\n{dom}"
    );
    assert!(dom.contains("/print\">In báo cáo</a>"));

    // And prints the report view to PDF.
    let pdf_path = work.path().join("report.pdf");
    let status = chromium_command(&work.path().join("profile-pdf"))
        .stderr(std::process::Stdio::null())
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf_path.display()))
        .arg(format!("{base}/clusters/{id}/years/2022/print"))
        .status()
        .expect("chromium runs");
    assert!(status.success());
    let pdf = std::fs::read(&pdf_path).expect("a PDF was written");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page\n").count()
        + text.matches("/Type /Page ").count()
        + text.matches("/Type /Page>").count()
        + text.matches("/Type /Page/").count();
    assert!(pages >= 1, "no pages in the PDF");
    // A4 is 595.28 × 841.89 points; every page must be A4 portrait.
    let boxes: Vec<&str> = text
        .match_indices("/MediaBox [")
        .map(|(i, _)| &text[i + 11..i + 60])
        .collect();
    assert_eq!(boxes.len(), pages, "one MediaBox per page");
    for media_box in boxes {
        let numbers: Vec<f64> = media_box
            .split(']')
            .next()
            .unwrap()
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        assert!((numbers[2] - 595.28).abs() < 1.0, "page width {media_box}");
        assert!((numbers[3] - 841.89).abs() < 1.0, "page height {media_box}");
    }
}

/// The text of a PDF, through poppler's pdftotext.
fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (scripts/install-test-deps.sh installs poppler-utils)");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_clerk_enters_seed_003_in_the_browser_and_finds_it_on_the_page_and_in_the_pdf() {
    let app = TestApp::empty();
    {
        let mut conn = app.pool().get().unwrap();
        let data =
            thidua::db::loader::parse(include_str!("fixtures/bac_kan_catalogue.toml")).unwrap();
        thidua::db::loader::load(&mut conn, &data).unwrap();
    }
    let cluster = app.cluster_id(BAC_KAN);
    let password = app.add_user("thuky", "clerk", &[cluster]);
    let base = start_server(&app);
    let work = tempfile::tempdir().unwrap();
    let pdf_path = work.path().join("bao-cao.pdf");

    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/browser/enter_seed_003.mjs"
    );
    let output = Command::new("node")
        .arg(script)
        .arg(&base)
        .arg(cluster.to_string())
        .arg("thuky")
        .arg(&password)
        .arg(&pdf_path)
        .env("THIDUA_CHROMIUM", chromium())
        .output()
        .expect("node runs (scripts/install-test-deps.sh installs playwright-core)");
    assert!(
        output.status.success(),
        "browser run failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{}", String::from_utf8_lossy(&output.stdout));

    let text = pdf_text(&pdf_path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for fact in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "UBND TỈNH BẮC KẠN",
        "Bắc Kạn, ngày 07 tháng 02 năm 2023",
        "BÁO CÁO",
        "Dương Hữu Bường",
        "Nông Văn Nguyên",
        "trên 400",
        "huyện Na Rì",
        "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "huyện Chợ Mới",
        "huyện Pác Nặm",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "Thống nhất",
        "CỤM TRƯỞNG, CỤM PHÓ NĂM 2023",
        "Lưu: VT.",
    ] {
        assert!(flat.contains(fact), "{fact:?} not in the PDF:\n{text}");
    }
}
