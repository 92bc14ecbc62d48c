//! Every printed report and Word file, measured on the PDF: the demo
//! years and a set of awkward ones (a block of eight members with long
//! names and long award titles, two conferences in a year, a year without
//! figures or awards, a year with nothing but its chair). Pages are
//! printed in one browser and Word files converted in one LibreOffice run.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use diesel::prelude::*;
use thidua::documents::layout::{Block, Document};

use crate::browser::{pdf_has, pdf_has_within, pdf_text, run_script, start_server};
use crate::helpers::*;

const AWKWARD: &str = "Khối thi đua các sở, ban, ngành kinh tế - kỹ thuật và đơn vị sự nghiệp thuộc Ủy ban nhân dân tỉnh Hòa An";

/// The demo data and the awkward years beside it.
fn app_with_awkward_years() -> TestApp {
    let app = TestApp::with_demo();
    let data = thidua::db::loader::parse(include_str!("fixtures/awkward_years.toml")).unwrap();
    thidua::db::loader::load(&mut app.pool().get().unwrap(), &data).unwrap();
    app
}

/// Every recorded year: (file name, cluster id, year, most pages allowed).
fn years(app: &TestApp) -> Vec<(String, i32, i32, usize)> {
    use thidua::schema::{cluster_years, clusters};
    let rows: Vec<(i32, String, i32)> = cluster_years::table
        .inner_join(clusters::table)
        .order((cluster_years::cluster_id, cluster_years::year))
        .select((clusters::id, clusters::name, cluster_years::year))
        .load(&mut app.pool().get().unwrap())
        .unwrap();
    rows.into_iter()
        .map(|(id, name, year)| {
            // A year's report runs to a handful of pages; the awkward
            // 2022 (two conferences, eight awards, eight results) to more.
            let bound = match (name.as_str(), year) {
                (AWKWARD, 2022) => 7,
                (AWKWARD, _) => 2,
                _ => 6,
            };
            (format!("c{id}-{year}"), id, year, bound)
        })
        .collect()
}

/// What the report of a year says, as the print and the Word file render it.
fn document(app: &TestApp, cluster: i32, year: i32) -> Document {
    let s =
        thidua::years::summary::load(&mut app.pool().get().unwrap(), cluster, year, false).unwrap();
    thidua::documents::report::of_year(&s)
}

/// Every piece of text a document holds, each with how many words of its
/// neighbours may come between its own in the PDF's text: none to speak
/// of for a paragraph, a row's worth for a table cell that wraps.
fn texts(d: &Document) -> Vec<(String, usize)> {
    const LINE: usize = 4;
    const ROW: usize = 24;
    let mut cells = Vec::new();
    let mut out = vec![d.title.to_string()];
    cells.push(d.issuer.clone());
    cells.push(d.place_date.clone());
    out.extend(d.subject.iter().cloned());
    for b in &d.blocks {
        match b {
            Block::Heading(t) | Block::Paragraph(t) => out.push(t.clone()),
            Block::Bullets(items) => out.extend(items.iter().cloned()),
            Block::Table(t) => {
                out.push(t.title.clone());
                cells.extend(t.columns.iter().map(|c| c.header.to_string()));
                cells.extend(t.rows.iter().flatten().cloned());
            }
        }
    }
    // The recipients and the signature sit side by side, like cells.
    cells.extend(d.recipients.iter().cloned());
    for s in &d.signatures {
        cells.extend(s.roles.iter().cloned());
        cells.extend(s.unit.iter().cloned());
        cells.extend(s.name.iter().cloned());
    }
    let mut all: Vec<(String, usize)> = out.into_iter().map(|t| (t, LINE)).collect();
    all.extend(cells.into_iter().map(|t| (t, ROW)));
    all.retain(|(t, _)| !t.trim().is_empty());
    all
}

/// The section numbers the document gives, in order.
fn heading_numbers(d: &Document) -> Vec<String> {
    d.blocks
        .iter()
        .filter_map(Block::heading)
        .map(|h| h.split('.').next().unwrap().to_string())
        .collect()
}

/// A word of a PDF page and its box, in points from the top left.
#[derive(Debug)]
struct Word {
    text: String,
    x_min: f64,
    y_min: f64,
    x_max: f64,
    y_max: f64,
}

struct Page {
    width: f64,
    height: f64,
    words: Vec<Word>,
}

/// The pages of a PDF with their words' boxes, from `pdftotext -bbox`.
fn pages(pdf: &Path) -> Vec<Page> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |tag: &str, name: &str| -> f64 {
        let marker = format!("{name}=\"");
        let at = tag.find(&marker).unwrap() + marker.len();
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let head = &chunk[..chunk.find('>').unwrap()];
        let mut page = Page {
            width: attr(head, "width"),
            height: attr(head, "height"),
            words: Vec::new(),
        };
        for w in chunk.split("<word ").skip(1) {
            let tag = &w[..w.find('>').unwrap()];
            let text = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
            page.words.push(Word {
                text: unescape_html(text),
                x_min: attr(tag, "xMin"),
                y_min: attr(tag, "yMin"),
                x_max: attr(tag, "xMax"),
                y_max: attr(tag, "yMax"),
            });
        }
        pages.push(page);
    }
    pages
}

const MM: f64 = 72.0 / 25.4;
/// Decree 30's margins as the report sets them: 20 mm top and bottom,
/// 30 mm left, 15 mm right; a point of slack for glyph bearings.
const TOP: f64 = 20.0 * MM;
const BOTTOM: f64 = 20.0 * MM;
const LEFT: f64 = 30.0 * MM;
const RIGHT: f64 = 15.0 * MM;
const SLACK: f64 = 1.5;

/// Times New Roman or its metric twin Liberation Serif throughout, body
/// text at 13–14 pt (a word's box is 1,1 to 1,3 times the font's size,
/// as the PDF's maker counts ascent and line gap).
fn check_fonts(name: &str, pdf: &Path) {
    let out = Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts runs");
    let listing = String::from_utf8_lossy(&out.stdout);
    let fonts: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(!fonts.is_empty(), "{name}: no fonts");
    for font in &fonts {
        assert!(
            font.contains("LiberationSerif") || font.contains("TimesNewRoman"),
            "{name}: font {font} is not Times New Roman or Liberation Serif"
        );
    }
    let mut heights: Vec<f64> = pages(pdf)
        .iter()
        .flat_map(|p| p.words.iter().map(|w| w.y_max - w.y_min))
        .collect();
    heights.sort_by(f64::total_cmp);
    let median = heights[heights.len() / 2];
    assert!(
        (13.0 * 1.05..=14.0 * 1.35).contains(&median),
        "{name}: body text {median:.1} pt high"
    );
}

/// The layout rules every printed page keeps.
fn check_layout(name: &str, pdf: &Path, d: &Document, most_pages: usize) {
    check_fonts(name, pdf);
    let pages = pages(pdf);
    assert!(!pages.is_empty(), "{name}: no pages");
    assert!(
        pages.len() <= most_pages,
        "{name}: {} pages, at most {most_pages} expected",
        pages.len()
    );
    for (i, page) in pages.iter().enumerate() {
        let number = i + 1;
        assert!(
            (page.width - 595.3).abs() < 1.0 && (page.height - 841.9).abs() < 1.0,
            "{name}: page {number} is not A4 portrait"
        );
        let mut page_number_seen = false;
        for w in &page.words {
            let where_ = format!(
                "{name}, page {number}: {:?} at ({:.0}, {:.0})–({:.0}, {:.0})",
                w.text, w.x_min, w.y_min, w.x_max, w.y_max
            );
            assert!(
                w.x_max <= page.width - RIGHT + SLACK,
                "{where_} passes the right margin"
            );
            assert!(
                w.x_min >= LEFT - SLACK,
                "{where_} is inside the left margin"
            );
            assert!(
                w.y_max <= page.height - BOTTOM + SLACK,
                "{where_} is in the bottom margin"
            );
            if w.y_min < TOP - SLACK {
                // Only the page number sits in the top margin, from page 2.
                assert_eq!(w.text, number.to_string(), "{where_} is in the top margin");
                assert!(number > 1, "{name}: page 1 carries a number");
                let centre = (w.x_min + w.x_max) / 2.0;
                assert!(
                    (centre - (LEFT + (page.width - LEFT - RIGHT) / 2.0)).abs() < 20.0,
                    "{where_}: the page number is not centred"
                );
                page_number_seen = true;
            }
        }
        assert_eq!(
            page_number_seen,
            number > 1,
            "{name}: page {number}'s number"
        );
    }
    // The signature block shares its page with body text above it.
    let (at, page) = pages
        .iter()
        .enumerate()
        .find(|(_, p)| p.words.iter().any(|w| w.text == "Nơi"))
        .unwrap_or_else(|| panic!("{name}: no recipients block"));
    let top_of_block = page.words.iter().find(|w| w.text == "Nơi").unwrap().y_min;
    let above = page
        .words
        .iter()
        .filter(|w| w.y_max < top_of_block && w.y_min >= TOP - SLACK)
        .count();
    assert!(
        above >= 8,
        "{name}: the signature block stands alone on page {}",
        at + 1
    );
    assert_eq!(
        at + 1,
        pages.len(),
        "{name}: pages follow the signature block"
    );

    // Sections numbered I, II, III… in order, as the document gives them.
    let text = pdf_text(pdf);
    let numbers: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once(". ")?;
            let is_roman = !n.is_empty() && n.chars().all(|c| "IVXL".contains(c));
            let is_heading = rest.chars().take(8).all(|c| !c.is_lowercase());
            (is_roman && is_heading).then(|| n.to_string())
        })
        .collect();
    let expected: Vec<String> = (1..=numbers.len())
        .map(thidua::domain::labels::roman)
        .collect();
    assert_eq!(numbers, expected, "{name}: section numbers");
    assert_eq!(numbers, heading_numbers(d), "{name}: every section printed");
    // Nothing clipped or dropped: every text of the report is there.
    for (t, gap) in texts(d) {
        assert!(
            pdf_has_within(&text, &t, gap),
            "{name}: {t:?} is not in the PDF:\n{text}"
        );
    }
}

#[test]
fn every_printed_report_keeps_its_margins_numbers_its_sections_and_ends_with_its_signature() {
    let app = app_with_awkward_years();
    let base = start_server(&app);
    let work = tempfile::tempdir().unwrap();
    let years = years(&app);
    assert!(years.len() >= 12, "the demo's years and the awkward ones");
    let args: Vec<String> = years
        .iter()
        .map(|(name, id, year, _)| format!("{name}=/clusters/{id}/years/{year}/print"))
        .collect();
    let mut all = vec![base.clone(), work.path().display().to_string()];
    all.extend(args);
    run_script(
        "print_pages.mjs",
        &all.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let mut page_counts = BTreeMap::new();
    for (name, id, year, bound) in &years {
        let pdf = work.path().join(format!("{name}.pdf"));
        check_layout(name, &pdf, &document(&app, *id, *year), *bound);
        page_counts.insert(name.clone(), pages(&pdf).len());
    }
    println!("printed pages: {page_counts:?}");
    keep_for_a_look(work.path());
    // The block's long names stay whole in the print.
    let awkward = app.cluster_id(AWKWARD);
    let text = pdf_text(&work.path().join(format!("c{awkward}-2022.pdf")));
    for fact in [
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh Hòa An",
        "Danh hiệu Tập thể lao động xuất sắc do Chủ tịch Ủy ban nhân dân tỉnh Hòa An tặng",
        "Quyết định số 1234/QĐ-UBND ngày 25/02/2023",
        "KHỐI TRƯỞNG",
    ] {
        assert!(pdf_has(&text, fact), "{fact:?} not in the print:\n{text}");
    }
}

/// With THIDUA_KEEP_PDFS=DIR, copies the PDFs there to be looked at.
fn keep_for_a_look(work: &Path) {
    let Ok(dir) = std::env::var("THIDUA_KEEP_PDFS") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(work).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let kind = if files_are_word(work) {
                "word"
            } else {
                "print"
            };
            let name = format!("{kind}-{}", path.file_name().unwrap().to_string_lossy());
            std::fs::copy(&path, Path::new(&dir).join(name)).unwrap();
        }
    }
}

fn files_are_word(work: &Path) -> bool {
    std::fs::read_dir(work)
        .unwrap()
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "docx"))
}

/// Converts Word files to PDF in one LibreOffice run.
fn office_to_pdf(files: &[std::path::PathBuf], out: &Path) {
    let profile = out.join("office-profile");
    let status = crate::browser::within(300, "soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .stdout(std::process::Stdio::null())
        .status()
        .expect(
            "LibreOffice runs (scripts/install-test-deps.sh installs libreoffice-writer-nogui)",
        );
    assert!(status.success(), "LibreOffice failed to convert");
}

#[actix_web::test]
async fn every_years_word_file_opens_in_libreoffice_with_every_fact() {
    use thidua::schema::{award_kinds, award_proposals, cluster_years, memberships, units};
    let app = app_with_awkward_years();
    let work = tempfile::tempdir().unwrap();
    let years = years(&app);
    let mut files = Vec::new();
    for (name, id, year, _) in &years {
        let file = app
            .download(&format!("/clusters/{id}/years/{year}/report.docx"), None)
            .await;
        assert_eq!(file.status, actix_web::http::StatusCode::OK, "{name}");
        assert_eq!(
            file.content_type,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert!(
            file.disposition.contains(&format!("-nam-{year}.docx\"")),
            "{}",
            file.disposition
        );
        let path = work.path().join(format!("{name}.docx"));
        std::fs::write(&path, &file.bytes).unwrap();
        files.push(path);
    }
    office_to_pdf(&files, work.path());
    keep_for_a_look(work.path());
    let mut conn = app.pool().get().unwrap();
    for (name, id, year, bound) in &years {
        let pdf = work.path().join(format!("{name}.pdf"));
        let text = pdf_text(&pdf);
        let d = document(&app, *id, *year);
        for (t, gap) in texts(&d) {
            assert!(
                pdf_has_within(&text, &t, gap),
                "{name}.docx: {t:?} is not in the file:\n{text}"
            );
        }
        // Facts read from the database, not from the document: every
        // member and every proposal of the year.
        let members: Vec<(String, String)> = memberships::table
            .inner_join(units::table)
            .filter(memberships::cluster_id.eq(id))
            .filter(memberships::from_year.le(year))
            .filter(
                memberships::to_year
                    .is_null()
                    .or(memberships::to_year.ge(year)),
            )
            .select((units::kind, units::name))
            .load(&mut conn)
            .unwrap();
        for (kind, unit) in members {
            let full = thidua::domain::labels::unit_full_name(&kind, &unit);
            assert!(pdf_has(&text, &full), "{name}.docx lacks the member {full}");
        }
        let proposals: Vec<String> = award_proposals::table
            .inner_join(cluster_years::table)
            .inner_join(award_kinds::table)
            .filter(cluster_years::cluster_id.eq(id))
            .filter(cluster_years::year.eq(year))
            .select(award_kinds::name)
            .load(&mut conn)
            .unwrap();
        for kind in proposals {
            assert!(pdf_has(&text, &kind), "{name}.docx lacks the award {kind}");
        }
        check_fonts(&format!("{name}.docx"), &pdf);
        // Word's layout keeps within a bound too.
        let pages = pages(&pdf).len();
        assert!(pages <= *bound, "{name}.docx runs to {pages} pages");
        let numbers: Vec<String> = (1..=heading_numbers(&d).len())
            .map(thidua::domain::labels::roman)
            .collect();
        assert_eq!(
            heading_numbers(&d),
            numbers,
            "{name}: sections numbered in order"
        );
    }
}

/// The dossier's text through LibreOffice, from the Word download.
async fn dossier_text(app: &TestApp, cluster: i32, year: i32, work: &Path) -> String {
    let file = app
        .download(
            &format!("/clusters/{cluster}/years/{year}/dossier.docx"),
            None,
        )
        .await;
    assert_eq!(file.status, actix_web::http::StatusCode::OK);
    assert!(
        file.disposition
            .contains("filename=\"ho-so-de-nghi-khen-thuong-"),
        "{}",
        file.disposition
    );
    let path = work.join(format!("dossier-{cluster}-{year}.docx"));
    std::fs::write(&path, &file.bytes).unwrap();
    office_to_pdf(std::slice::from_ref(&path), work);
    pdf_text(&path.with_extension("pdf"))
}

#[actix_web::test]
async fn the_award_dossier_is_filled_from_the_record_and_marks_what_it_lacks() {
    let app = app_with_awkward_years();
    let work = tempfile::tempdir().unwrap();
    let block = app.cluster_id(AWKWARD);
    let year_page = app.get(&format!("/clusters/{block}/years/2022")).await;
    year_page.assert_contains(&format!(
        "href=\"/clusters/{block}/years/2022/dossier.docx\""
    ));
    year_page.assert_contains(&format!(
        "href=\"/clusters/{block}/years/2022/dossier.pdf\""
    ));

    let text = dossier_text(&app, block, 2022, work.path()).await;
    for fact in [
        "TỜ TRÌNH",
        "Về việc đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh Hòa An",
        "Kính gửi: Ủy ban nhân dân tỉnh Hòa An (qua Ban Thi đua - Khen thưởng tỉnh Hòa An)",
        "BIÊN BẢN",
        // The meeting the proposals were voted at, dated as it was held.
        "Thành phố Hòa An, ngày 10 tháng 01 năm 2023",
        "Chủ trì: đồng chí Trần Thị Minh Nguyệt",
        "8/8 đơn vị thành viên có mặt",
        "đồng chí Phạm Quốc Khánh, Phó Trưởng ban Thường trực Ban Thi đua - Khen thưởng tỉnh Hòa An",
        // A vote with one against: 7 of the 8 present.
        "7/8 (87,5%)",
        "5/8 (62,5%)",
        "8/8 (100%)",
        "[chưa có trong hồ sơ: thư ký]",
        "TM. KHỐI THI ĐUA CÁC SỞ, BAN, NGÀNH",
        "KHỐI TRƯỞNG",
    ] {
        assert!(
            pdf_has_within(&text, fact, 24),
            "{fact:?} not in the dossier:\n{text}"
        );
    }
    // Every proposal, with its unit and kind, in both documents.
    use thidua::schema::{award_kinds, award_proposals, cluster_years, units};
    let proposals: Vec<(String, String)> = award_proposals::table
        .inner_join(cluster_years::table)
        .inner_join(award_kinds::table)
        .inner_join(units::table)
        .filter(cluster_years::cluster_id.eq(block))
        .filter(cluster_years::year.eq(2022))
        .select((units::name, award_kinds::name))
        .load(&mut app.pool().get().unwrap())
        .unwrap();
    assert_eq!(proposals.len(), 8);
    for (unit, kind) in &proposals {
        assert!(pdf_has_within(&text, unit, 24), "{unit} not in the dossier");
        assert!(pdf_has_within(&text, kind, 24), "{kind} not in the dossier");
    }
    // What the record holds is never left blank.
    for held in [
        "người chủ trì",
        "kết quả biểu quyết",
        "số đơn vị có mặt",
        "thời gian, địa điểm",
        "người ký",
    ] {
        assert!(
            !text.contains(&format!("[chưa có trong hồ sơ: {held}]")),
            "the dossier leaves {held:?} blank although the record holds it"
        );
    }

    // A unanimous vote without counts.
    let bac_kan = app.cluster_id(BAC_KAN);
    let text = dossier_text(&app, bac_kan, 2022, work.path()).await;
    assert!(pdf_has(&text, "Thống nhất (100%)"), "{text}");
    assert!(
        pdf_has(&text, "Chủ trì: đồng chí Dương Hữu Bường"),
        "{text}"
    );
    // A report that gives neither the votes nor the chair's name.
    let central = app.cluster_id(CENTRAL);
    let text = dossier_text(&app, central, 2022, work.path()).await;
    assert!(
        pdf_has(&text, "[chưa có trong hồ sơ: kết quả biểu quyết]"),
        "{text}"
    );
    assert!(pdf_has(&text, "[chưa có trong hồ sơ: người ký]"), "{text}");
    assert!(pdf_has(&text, "tỉnh Bình Định"));

    // The PDF download is the same dossier.
    let pdf = app
        .download(&format!("/clusters/{block}/years/2022/dossier.pdf"), None)
        .await;
    assert_eq!(pdf.status, actix_web::http::StatusCode::OK);
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(
        pdf.disposition.contains(".pdf\"; filename*=UTF-8''"),
        "{}",
        pdf.disposition
    );
    let path = work.path().join("downloaded.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let downloaded = pdf_text(&path);
    for fact in [
        "TỜ TRÌNH",
        "BIÊN BẢN",
        "7/8 (87,5%)",
        "Trần Thị Minh Nguyệt",
    ] {
        assert!(
            pdf_has_within(&downloaded, fact, 24),
            "{fact:?} not in the PDF download"
        );
    }
    // Made once per data version: a browser that has it gets a 304.
    assert!(!pdf.etag.is_empty(), "the PDF carries a validator");
    let again = app
        .send(
            actix_web::test::TestRequest::get()
                .uri(&format!("/clusters/{block}/years/2022/dossier.pdf"))
                .insert_header(("if-none-match", pdf.etag.clone())),
        )
        .await;
    assert_eq!(again.status, actix_web::http::StatusCode::NOT_MODIFIED);

    // A year without proposals has no dossier, and its page no link.
    let page = app.get(&format!("/clusters/{block}/years/2023")).await;
    assert_eq!(page.status, actix_web::http::StatusCode::OK);
    page.assert_lacks("dossier.docx");
    for ext in ["docx", "pdf"] {
        let none = app
            .download(&format!("/clusters/{block}/years/2023/dossier.{ext}"), None)
            .await;
        assert_eq!(none.status, actix_web::http::StatusCode::NOT_FOUND);
    }
}
