//! In a real browser: headless Chromium opens the yearly summary and
//! prints it to a PDF of A4 pages.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use crate::helpers::*;

/// The browser scripts/install-test-deps.sh installs.
pub(crate) fn chromium() -> PathBuf {
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

/// A program run under an overall time limit (coreutils' `timeout`), so
/// that a browser or office process that hangs fails its test instead of
/// holding CI until its 90 minutes are up.
pub(crate) fn within(seconds: u32, program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new("timeout");
    cmd.arg("--kill-after=10")
        .arg(seconds.to_string())
        .arg(program);
    cmd
}

fn chromium_command(profile: &std::path::Path) -> Command {
    let mut cmd = within(90, chromium());
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
pub(crate) fn start_server(app: &TestApp) -> String {
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
    // No wait for the server: its socket is bound and listening before
    // start_server returns, so the browser's connection queues until the
    // server accepts it.

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
    // A4 is 595.28 × 841.89 points; poppler's pdfinfo gives every page's
    // size, and every page must be A4 portrait.
    let sizes = pdf_page_sizes(&pdf_path);
    assert!(!sizes.is_empty(), "no pages in the PDF");
    for (width, height) in sizes {
        assert!((width - 595.28).abs() < 1.0, "page width {width}");
        assert!((height - 841.89).abs() < 1.0, "page height {height}");
    }
}

/// The width and height in points of every page of a PDF, from pdfinfo.
pub fn pdf_page_sizes(pdf: &std::path::Path) -> Vec<(f64, f64)> {
    let out = within(60, "pdfinfo")
        .args(["-f", "1", "-l", "9999"])
        .arg(pdf)
        .output()
        .expect("pdfinfo runs (scripts/install-test-deps.sh installs poppler-utils)");
    assert!(out.status.success(), "pdfinfo failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            // "Page    1 size: 595.28 x 841.89 pts (A4)"
            let size = line.strip_prefix("Page")?.split_once("size:")?.1;
            let mut numbers = size.split_whitespace().filter_map(|n| n.parse().ok());
            Some((numbers.next()?, numbers.next()?))
        })
        .collect()
}

/// Whether the words of `fact` appear in `text` in order. A table cell's
/// text that wraps onto a second line comes out of pdftotext with the
/// next cells' first lines in between: a few words may interleave.
pub fn pdf_has(text: &str, fact: &str) -> bool {
    pdf_has_within(text, fact, 4)
}

/// As `pdf_has`, with up to `gap` words between two of the fact's: a table
/// cell of several lines comes out between its neighbours' lines.
pub fn pdf_has_within(text: &str, fact: &str, gap: usize) -> bool {
    if text.contains(fact) {
        return true;
    }
    // pdftotext also joins a word broken after a hyphen ("QĐ-" at a line's
    // end and "UBND" give "QĐUBND"): hyphens inside words are dropped too.
    let bare = |w: &str| {
        w.trim_matches(|c: char| ",.;:()“”\"".contains(c))
            .replace('-', "")
    };
    // pdftotext drops a dash that ends a line (it reads it as a hyphen),
    // so dashes standing alone are left out on both sides.
    let words_of = |t: &str| -> Vec<String> {
        t.split_whitespace()
            .map(bare)
            .filter(|w| !w.chars().all(|c| "-–—".contains(c)))
            .collect()
    };
    let words = words_of(text);
    let wanted = words_of(fact);
    if wanted.is_empty() {
        return true;
    }
    (0..words.len()).any(|start| {
        if words[start] != wanted[0] {
            return false;
        }
        let mut at = start;
        wanted[1..].iter().all(|w| {
            match words[at + 1..].iter().take(gap + 1).position(|x| x == w) {
                Some(offset) => {
                    at += offset + 1;
                    true
                }
                None => false,
            }
        })
    })
}

/// The text of a PDF, through poppler's pdftotext.
pub(crate) fn pdf_text(path: &std::path::Path) -> String {
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
    let output = within(180, "node")
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
    // The facts the clerk entered (the template's fixed words prove
    // nothing and are not looked for).
    for fact in [
        "UBND TỈNH BẮC KẠN",
        "Bắc Kạn, ngày 07 tháng 02 năm 2023",
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
        assert!(pdf_has(&flat, fact), "{fact:?} not in the PDF:\n{text}");
    }
}

/// Runs a browser script under `tests/browser` with its arguments; its
/// standard output when it succeeds.
pub(crate) fn run_script(name: &str, args: &[&str]) -> String {
    let script = format!("{}/tests/browser/{name}", env!("CARGO_MANIFEST_DIR"));
    let output = within(180, "node")
        .arg(script)
        .args(args)
        .env("THIDUA_CHROMIUM", chromium())
        .output()
        .expect("node runs (scripts/install-test-deps.sh installs playwright-core)");
    assert!(
        output.status.success(),
        "browser run failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_clerk_pastes_seed_003_into_an_empty_year_and_finds_every_fact_after_saving() {
    let report = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/003_06965d0e7f1cefb7.txt");
    if !report.exists() {
        eprintln!("skipped: seed 003 is not in ../shared/seeds");
        return;
    }
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
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/browser/prefill_seed.mjs"
    );
    let output = within(120, "node")
        .arg(script)
        .arg(&base)
        .arg(cluster.to_string())
        .arg("thuky")
        .arg(&password)
        .arg(&report)
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
}

/// The page's visible text with runs of white space made one space.
async fn page_text(app: &TestApp, uri: &str) -> String {
    let page = app.get(uri).await;
    assert_eq!(page.status, actix_web::http::StatusCode::OK, "GET {uri}");
    flat(&visible_text(&page.body))
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn assert_facts(what: &str, text: &str, facts: &[&str]) {
    for fact in facts {
        assert!(text.contains(fact), "{fact:?} not on {what}:\n{text}");
    }
}

fn unit_id(app: &TestApp, name: &str) -> i32 {
    use diesel::prelude::*;
    use thidua::schema::units;
    let mut conn = app.pool().get().unwrap();
    units::table
        .filter(units::name.eq(name))
        .select(units::id)
        .first(&mut conn)
        .unwrap()
}

/// Clusters from public reports (see the sources in the script), entered
/// by an admin through the admin pages and the meeting form only, then
/// found on every page that should show them and in the printed PDF.
#[actix_web::test]
async fn clusters_from_public_reports_entered_in_the_browser_show_on_every_page() {
    let app = TestApp::empty();
    let password = app.add_user("quantri", "admin", &[]);
    let base = start_server(&app);
    let out = run_script("enter_real_reports.mjs", &[&base, "quantri", &password]);
    let id_of = |name: &str| -> i32 {
        out.lines()
            .find_map(|l| l.strip_prefix(&format!("CLUSTER {name}=")))
            .unwrap_or_else(|| panic!("{name} not made:\n{out}"))
            .parse()
            .unwrap()
    };
    let communes = id_of("Cụm thi đua số 2");
    let front = id_of("Cụm thi đua Mặt trận 5 thành phố trực thuộc trung ương");
    let phu_huu = unit_id(&app, "Phú Hựu");
    let can_tho = unit_id(&app, "Ủy ban MTTQ Việt Nam thành phố Cần Thơ");

    // The commune cluster: its year-end meeting, its leader, the proposal
    // and the covenant for next year; what the report does not say stays
    // "not stated".
    let summary = page_text(&app, &format!("/clusters/{communes}/years/2020")).await;
    assert_facts(
        "the communes' summary",
        &summary,
        &[
            "Ủy ban nhân dân huyện Châu Thành",
            "Cụm trưởng năm 2020 Báo cáo không nêu",
            "xã Phú Hựu , xã An Hiệp , xã Tân Phú , xã Phú Long",
            "Hội nghị tổng kết năm",
            "Thời gian 26/11/2020",
            "Địa điểm Hội trường UBND xã Phú Hựu",
            "Đơn vị đăng cai xã Phú Hựu",
            "1 xã Phú Hựu Đứng đầu Cụm, số điểm cao",
            "xã Phú Hựu Cờ thi đua của Ủy ban nhân dân tỉnh Đồng Tháp Đề nghị",
            "Giao ước thi đua năm 2021 Ký kết ngày 26/11/2020 tại Hội trường UBND xã Phú Hựu.",
        ],
    );
    let cluster = page_text(&app, &format!("/clusters/{communes}")).await;
    assert_facts(
        "the communes' cluster page",
        &cluster,
        &[
            "Cụm thi đua do Ủy ban nhân dân huyện Châu Thành tổ chức",
            "xã Phú Long từ 2020",
            "Cờ thi đua của Ủy ban nhân dân tỉnh Đồng Tháp 1 0",
            "Có hồ sơ hội nghị tổng kết năm",
        ],
    );
    let unit = page_text(&app, &format!("/units/{phu_huu}")).await;
    assert_facts(
        "Phú Hựu's page",
        &unit,
        &[
            "Cụm thi đua số 2 (từ 2020)",
            "2020 Cụm thi đua số 2 Hạng 1 Đứng đầu Cụm, số điểm cao",
            "2020 Cờ thi đua của Ủy ban nhân dân tỉnh Đồng Tháp Cụm thi đua số 2 Đề nghị",
        ],
    );
    let awards = page_text(&app, "/awards").await;
    assert_facts(
        "the tallies",
        &awards,
        &[
            "Cờ UBND tỉnh Đồng Tháp: 1 đề nghị, 0 đã quyết định, 0 không được khen thưởng, 1 chờ quyết định",
            "xã Phú Hựu 1 0 0 0 0 0 0 0 1 0",
        ],
    );
    let rotation = page_text(&app, "/rotation").await;
    assert_facts(
        "the rotation",
        &rotation,
        &[
            "Cụm thi đua số 2 UBND huyện Châu Thành Chưa có thông tin Cụm trưởng trong hồ sơ",
            "Cụm thi đua Mặt trận 5 thành phố trực thuộc trung ương UBTW MTTQ Việt Nam",
        ],
    );
    let search = page_text(&app, "/search?q=phu+huu").await;
    assert_facts(
        "the search",
        &search,
        &[
            "Đơn vị xã Phú Hựu",
            "Hội nghị tổng kết năm Cụm thi đua số 2 · 26/11/2020 · Hội trường UBND xã Phú Hựu",
        ],
    );

    // The Front's cluster: a mid-year review with guests, and members
    // present by office only, no name.
    let review = page_text(&app, &format!("/clusters/{front}/years/2023")).await;
    assert_facts(
        "the Front's summary",
        &review,
        &[
            "Ủy ban MTTQ Việt Nam thành phố Hà Nội , Ủy ban MTTQ Việt Nam Thành phố Hồ Chí Minh",
            "Hội nghị sơ kết 6 tháng",
            "Thời gian Chiều 03/08/2023",
            "Địa điểm Cần Thơ",
            "Đơn vị đăng cai Ủy ban MTTQ Việt Nam thành phố Cần Thơ",
            "Khách mời Đỗ Văn Chiến — Bí thư Trung ương Đảng, Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
            "Khách mời Nguyễn Văn Hiếu — Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng",
            "Tham dự Chủ tịch, Phó Chủ tịch Ủy ban MTTQ Việt Nam 5 thành phố trực thuộc trung ương",
            "Báo cáo không nêu đề nghị khen thưởng.",
        ],
    );
    let front_page = page_text(&app, &format!("/clusters/{front}")).await;
    assert_facts(
        "the Front's cluster page",
        &front_page,
        &[
            "Cụm thi đua do Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam tổ chức",
            "Có hồ sơ hội nghị sơ kết 6 tháng",
        ],
    );
    let front_unit = page_text(&app, &format!("/units/{can_tho}")).await;
    assert_facts(
        "Cần Thơ's Front page",
        &front_unit,
        &["Cụm thi đua Mặt trận 5 thành phố trực thuộc trung ương (từ 2023)"],
    );
    // Its own catalogue: the Front's commendation is offered to the
    // Front's cluster only.
    let session = app.login("quantri", &password).await;
    let front_form = app
        .get_as(&format!("/clusters/{front}/years/2023/edit"), &session)
        .await;
    assert!(
        front_form
            .body
            .contains("Bằng khen của Ủy ban Trung ương MTTQ Việt Nam")
    );
    let communes_form = app
        .get_as(&format!("/clusters/{communes}/years/2020/edit"), &session)
        .await;
    assert!(
        communes_form
            .body
            .contains("Cờ thi đua của Ủy ban nhân dân tỉnh Đồng Tháp")
    );
    assert!(
        !communes_form
            .body
            .contains("Bằng khen của Ủy ban Trung ương MTTQ Việt Nam")
    );

    // The commune cluster that ranks its members: first to third as the
    // report names them, the chair of the year by name, the covenant.
    let huu_lung = id_of("Cụm thi đua số VII");
    let year_2021 = page_text(&app, &format!("/clusters/{huu_lung}/years/2021")).await;
    assert_facts(
        "Hữu Lũng's summary",
        &year_2021,
        &[
            "Thời gian 24/12/2021",
            "Địa điểm Hội trường UBND xã Cai Kinh",
            "1 thị trấn Hữu Lũng Nhất cụm",
            "2 xã Hòa Lạc Nhì cụm",
            "3 xã Nhật Tiến Ba cụm",
            "Nông Quốc Bảo",
            "Giao ước thi đua năm 2022",
        ],
    );
    let nhat_tien = unit_id(&app, "Nhật Tiến");
    assert_facts(
        "Nhật Tiến's page",
        &page_text(&app, &format!("/units/{nhat_tien}")).await,
        &["2021 Cụm thi đua số VII Hạng 3 Ba cụm"],
    );

    // One cluster, two conferences in 2022: each its own section, each
    // called what it is; the proposals, and next year's chairs.
    let culture = id_of("Cụm thi đua 7 tỉnh trung du và miền núi phía Bắc");
    let year_2022 = page_text(&app, &format!("/clusters/{culture}/years/2022")).await;
    assert_facts(
        "the culture cluster's summary",
        &year_2022,
        &[
            "Hội nghị sơ kết 6 tháng",
            "Sáng 04/08/2022",
            "Nguyễn Ngọc Tuân",
            "Hội nghị tổng kết năm",
            "Sáng 14/11/2022",
            "Sở Văn hóa, Thể thao và Du lịch tỉnh Phú Thọ Cờ thi đua của Bộ Văn hóa, Thể thao và Du lịch Đề nghị",
            "Sở Văn hóa, Thể thao và Du lịch tỉnh Yên Bái Bằng khen của Bộ Văn hóa, Thể thao và Du lịch Đề nghị",
        ],
    );
    let culture_page = page_text(&app, &format!("/clusters/{culture}")).await;
    assert_facts(
        "the culture cluster's page",
        &culture_page,
        &["Có hồ sơ hội nghị sơ kết 6 tháng và hội nghị tổng kết năm"],
    );

    // No decision on the ministry's awards was found: all stay pending.
    // The Confederation's flag, proposed by three clusters and decided
    // once on the batch page: all three awarded, none refused.
    let funnel = page_text(&app, "/awards").await;
    assert_facts(
        "the tallies after the decision",
        &funnel,
        &[
            "Cờ thi đua Bộ VHTTDL: 3 đề nghị, 0 đã quyết định, 0 không được khen thưởng, 3 chờ quyết định",
            "Bằng khen Bộ VHTTDL: 4 đề nghị, 0 đã quyết định, 0 không được khen thưởng, 4 chờ quyết định",
            "Cờ thi đua Tổng LĐLĐ: 3 đề nghị, 3 đã quyết định, 0 không được khen thưởng, 0 chờ quyết định",
            // Per unit: proposed and decided for each kind, then in all;
            // the decided flags rank first.
            "1 Liên đoàn Lao động thành phố Hà Nội 0 0 0 0 0 0 1 1 1 1",
            "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Kạn 0 0 1 0 0 0 0 0 1 0",
        ],
    );
    let decided_by = "Quyết định của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam";
    for (cluster, leader) in [
        (
            "Cụm thi đua 5 LĐLĐ thành phố trực thuộc Trung ương",
            "Liên đoàn Lao động thành phố Hà Nội",
        ),
        (
            "Cụm thi đua 6 LĐLĐ tỉnh khu vực Bắc Trung Bộ",
            "Liên đoàn Lao động tỉnh Thanh Hóa",
        ),
        (
            "Cụm thi đua 7 LĐLĐ tỉnh khu vực Đông Nam Bộ",
            "Liên đoàn Lao động tỉnh Đồng Nai",
        ),
    ] {
        let id = id_of(cluster);
        let summary = page_text(&app, &format!("/clusters/{id}/years/2022")).await;
        assert_facts(
            cluster,
            &summary,
            &[
                "Tổng Liên đoàn Lao động Việt Nam",
                &format!("1 {leader} Dẫn đầu Cụm"),
                &format!(
                    "{leader} Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam Đã quyết định {decided_by}"
                ),
            ],
        );
        let unit = unit_id(&app, leader);
        assert_facts(
            leader,
            &page_text(&app, &format!("/units/{unit}")).await,
            &[&format!(
                "2022 Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam {cluster} Đã quyết định — {decided_by}"
            )],
        );
    }
    // The North Central cluster's year-end meeting, as its report gives it.
    let north_central = id_of("Cụm thi đua 6 LĐLĐ tỉnh khu vực Bắc Trung Bộ");
    assert_facts(
        "the North Central cluster's summary",
        &page_text(&app, &format!("/clusters/{north_central}/years/2022")).await,
        &[
            "Hội nghị tổng kết năm",
            "Thời gian 04/12/2022",
            "Địa điểm Thanh Hóa",
            "Khách mời Phạm Thị Thanh Thuỷ",
            "Liên đoàn Lao động tỉnh Quảng Trị",
        ],
    );
    let search = page_text(&app, "/search?q=lien+doan+lao+dong+dong+nai").await;
    assert_facts(
        "the search for a federation",
        &search,
        &["Đơn vị Liên đoàn Lao động tỉnh Đồng Nai"],
    );
    let rotation = page_text(&app, "/rotation").await;
    assert_facts(
        "the rotation after 2022",
        &rotation,
        &["Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên"],
    );
    let search = page_text(&app, "/search?q=nguyen+ngoc+tuan").await;
    assert_facts("the search for the speaker", &search, &["Nguyễn Ngọc Tuân"]);

    // Both printed reports, as the browser prints them.
    let work = tempfile::tempdir().unwrap();
    for (uri, facts) in [
        (
            format!("/clusters/{communes}/years/2020/print"),
            &[
                "UBND HUYỆN CHÂU THÀNH",
                "26/11/2020",
                "Hội trường UBND xã Phú Hựu",
                "Cờ thi đua của Ủy ban nhân dân tỉnh Đồng Tháp",
                "Ký kết giao ước thi đua năm 2021",
            ][..],
        ),
        (
            format!("/clusters/{front}/years/2023/print"),
            &[
                "Đỗ Văn Chiến",
                "Nguyễn Văn Hiếu",
                "Chủ tịch, Phó Chủ tịch Ủy ban MTTQ Việt Nam 5 thành phố",
                "03/08/2023",
            ][..],
        ),
        (
            format!("/clusters/{huu_lung}/years/2021/print"),
            &[
                "UBND HUYỆN HỮU LŨNG",
                "II. HỘI NGHỊ TỔNG KẾT NĂM Ngày 24/12/2021, tại Hội trường UBND xã Cai Kinh",
                "1 thị trấn Hữu Lũng Nhất cụm 2 xã Hòa Lạc Nhì cụm 3 xã Nhật Tiến Ba cụm",
                "IV. GIAO ƯỚC THI ĐUA NĂM 2022",
                "CỤM TRƯỞNG xã Cai Kinh Nông Quốc Bảo",
            ][..],
        ),
        (
            format!("/clusters/{culture}/years/2022/print"),
            &[
                "BỘ VHTTDL",
                "Bắc Kạn, ngày 14 tháng 11 năm 2022",
                "Tổng kết công tác thi đua, khen thưởng năm 2022",
                // No movements or summary in either report: no empty
                // heading for them, and the numbers still run on.
                "Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên. II. HỘI NGHỊ SƠ KẾT 6 THÁNG Sáng ngày 04/08/2022, tại Thái Nguyên",
                "III. HỘI NGHỊ TỔNG KẾT NĂM Sáng ngày 14/11/2022, tại Bắc Kạn",
                "IV. BÌNH XÉT, SUY TÔN VÀ ĐỀ NGHỊ KHEN THƯỞNG",
                "V. CỤM TRƯỞNG, CỤM PHÓ NĂM 2023 Cụm trưởng: Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên; Cụm phó: Sở Văn hóa, Thể thao và Du lịch tỉnh Hòa Bình.",
            ][..],
        ),
    ] {
        let pdf = work.path().join("report.pdf");
        let status = chromium_command(&work.path().join("profile"))
            .stderr(std::process::Stdio::null())
            .arg("--no-pdf-header-footer")
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("{base}{uri}"))
            .status()
            .expect("chromium runs");
        assert!(status.success());
        assert_facts(&uri, &flat(&pdf_text(&pdf)), facts);
    }
}
