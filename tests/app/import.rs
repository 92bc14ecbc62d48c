//! Importing units and memberships from Excel and CSV: a preview that
//! writes nothing, every row's error at once, all or nothing, and the
//! catalogue's own Excel file importing back unchanged.

use diesel::prelude::*;
use thidua::import::{self, ImportError, Kind};

use crate::helpers::*;

/// Text as Windows-1258 writes it: letters with a circumflex, breve or
/// horn precomposed, the five tone marks as combining characters after
/// them (the code page has no "ị" or "ỹ" of its own).
fn cp1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::new();
    let mut base = String::new();
    let mut tones = String::new();
    let flush = |out: &mut String, base: &mut String, tones: &mut String| {
        out.extend(base.nfc());
        out.push_str(tones);
        base.clear();
        tones.clear();
    };
    for c in text.nfd() {
        if TONES.contains(&c) {
            tones.push(c);
        } else if unicode_normalization::char::is_combining_mark(c) {
            base.push(c);
        } else {
            flush(&mut out, &mut base, &mut tones);
            base.push(c);
        }
    }
    flush(&mut out, &mut base, &mut tones);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&out);
    assert!(!unmappable, "every character has a Windows-1258 form");
    bytes.into_owned()
}

fn units_count(app: &TestApp) -> i64 {
    use thidua::schema::units;
    units::table
        .count()
        .get_result(&mut app.pool().get().unwrap())
        .unwrap()
}

fn version(app: &TestApp) -> i64 {
    thidua::db::version::current(&mut app.pool().get().unwrap())
        .unwrap()
        .version
}

const UNITS_CSV: &str = "\u{feff}Tên đơn vị,Loại,Trực thuộc,Mã\r\nhuyện Lộc Hà,huyện,tỉnh Hà Tĩnh,\r\n\r\nTân Mỹ,xã,H. Lộc Hà,\r\nThạch Kim,Xã,Loc Ha,99901\r\n";

#[actix_web::test]
async fn units_import_after_a_preview_that_writes_nothing_and_a_second_time_changes_nothing() {
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let (before, v0) = (units_count(&app), version(&app));
    let prepared = import::prepare("don-vi.csv", UNITS_CSV.as_bytes(), None).unwrap();
    assert_eq!(prepared.kind, Kind::Units);
    let preview = import::preview(&mut conn, &prepared).unwrap();
    assert_eq!(
        preview.created,
        ["Dòng 4: xã Tân Mỹ", "Dòng 5: xã Thạch Kim"]
    );
    assert_eq!(preview.unchanged, 1, "the demo's huyện Lộc Hà");
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!(
        (units_count(&app), version(&app)),
        (before, v0),
        "a preview writes nothing"
    );

    app.add_user("quantri", "admin", &[]);
    let admin: i32 = {
        use thidua::schema::users;
        users::table
            .filter(users::name.eq("quantri"))
            .select(users::id)
            .first(&mut conn)
            .unwrap()
    };
    let applied =
        import::apply(&mut conn, &prepared, "don-vi.csv", Some((admin, "quantri"))).unwrap();
    assert_eq!(applied.created, preview.created);
    assert_eq!(units_count(&app), before + 2);
    assert!(
        version(&app) > v0,
        "pages cached before the import are stale"
    );
    // Both communes sit under huyện Lộc Hà, however the file spelled it.
    use thidua::schema::units;
    let loc_ha: i32 = units::table
        .filter(units::name.eq("Lộc Hà"))
        .filter(units::kind.eq("district"))
        .select(units::id)
        .first(&mut conn)
        .unwrap();
    let under: Vec<String> = units::table
        .filter(units::parent_id.eq(loc_ha))
        .filter(units::kind.eq("commune"))
        .select(units::name)
        .load(&mut conn)
        .unwrap();
    assert_eq!(under, ["Tân Mỹ", "Thạch Kim"]);
    let page = app.get(&format!("/units/{loc_ha}")).await;
    page.assert_contains("xã Tân Mỹ");
    let audit: Vec<_> = app
        .audit_actions()
        .into_iter()
        .filter(|(_, _, note)| {
            note.as_deref()
                .is_some_and(|n| n.starts_with("Nhập tệp don-vi.csv"))
        })
        .collect();
    assert_eq!(audit.len(), 1, "one audit line naming the file");
    assert_eq!(audit[0].1.as_deref(), Some("quantri"));

    let again = import::apply(&mut conn, &prepared, "don-vi.csv", None).unwrap();
    assert!(again.created.is_empty() && again.changed.is_empty());
    assert_eq!(again.unchanged, 3);
    assert_eq!(units_count(&app), before + 2);
}

#[actix_web::test]
async fn a_file_with_errors_reports_every_one_and_writes_nothing() {
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let file = "Tên đơn vị;Loại;Trực thuộc;Từ ngày\nTân Mỹ;xã;huyện Lộc Hà;\nX;hành tinh;;\nY;xã;Nowhere;\nZ;xã;;31/02/2023\n";
    // Saved by an old Excel: Windows-1258 with ";" between cells.
    let bytes = cp1258(file);
    let prepared = import::prepare("cu.csv", &bytes, None).unwrap();
    let before = units_count(&app);
    let refused = import::apply(&mut conn, &prepared, "cu.csv", None);
    let Err(ImportError::Refused(plan)) = refused else {
        panic!("a file with errors is refused");
    };
    assert!(plan.read_as_cp1258);
    let errors: Vec<(usize, &str)> = plan.errors.iter().map(|e| (e.row, e.column)).collect();
    assert_eq!(errors, [(3, "Loại"), (4, "Trực thuộc"), (5, "Từ ngày")]);
    assert!(
        plan.errors[0].message.contains("“hành tinh”"),
        "{:?}",
        plan.errors[0]
    );
    assert!(plan.errors[1].message.contains("“Nowhere”"));
    assert_eq!(
        units_count(&app),
        before,
        "not even the good row is written"
    );

    // A name that fits two units is reported with both, never guessed.
    thidua::units::official::add_province(
        &mut conn,
        &thidua::units::official::find_province("42").unwrap(),
    )
    .unwrap();
    let ambiguous = import::prepare(
        "m.csv",
        "\"Cụm, khối\",Đơn vị,Từ năm\nCụm thi đua số 2,Kỳ Anh,2023\n".as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(ambiguous.kind, Kind::Memberships);
    let plan = import::preview(&mut conn, &ambiguous).unwrap();
    assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
    let message = &plan.errors[0].message;
    assert!(
        message.contains("huyện Kỳ Anh") && message.contains("xã Kỳ Anh"),
        "{message}"
    );
    let clear = import::prepare(
        "m.csv",
        "\"Cụm, khối\",Đơn vị,Từ năm\nCụm thi đua số 2,huyện Kỳ Anh,2023\n".as_bytes(),
        None,
    )
    .unwrap();
    assert!(
        import::preview(&mut conn, &clear)
            .unwrap()
            .errors
            .is_empty()
    );
}

#[actix_web::test]
async fn the_catalogue_s_excel_file_imports_back_unchanged() {
    let app = TestApp::with_demo();
    let file = app.download("/clusters.xlsx", None).await;
    let mut conn = app.pool().get().unwrap();
    use thidua::schema::{clusters, memberships};
    // Its first sheet, the clusters and blocks.
    let prepared = import::prepare("danh-sach.xlsx", &file.bytes, None).unwrap();
    assert_eq!(prepared.kind, Kind::Clusters);
    let plan = import::apply(&mut conn, &prepared, "danh-sach.xlsx", None).unwrap();
    let all: i64 = clusters::table.count().get_result(&mut conn).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(
        (
            plan.created.len(),
            plan.changed.len(),
            plan.unchanged as i64
        ),
        (0, 0, all),
        "{:?}",
        plan.changed
    );
    // Its second, the members of each.
    let prepared = import::prepare("danh-sach.xlsx", &file.bytes, Some(Kind::Memberships)).unwrap();
    let plan = import::apply(&mut conn, &prepared, "danh-sach.xlsx", None).unwrap();
    let all: i64 = memberships::table.count().get_result(&mut conn).unwrap();
    assert_eq!(
        (
            plan.created.len(),
            plan.changed.len(),
            plan.unchanged as i64
        ),
        (0, 0, all)
    );
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);

    // A new block under a body on record, and one under a body that is not.
    let file = "\"Cụm, khối\",Loại,Cơ quan tổ chức,Từ năm,Số đơn vị theo quyết định\nKhối thi đua các cơ quan Đảng,Khối,UBND tỉnh Hà Tĩnh,2020,7\nKhối X,Khối,Sở Không Có,2020,\n";
    let prepared = import::prepare("cum.csv", file.as_bytes(), None).unwrap();
    assert_eq!(prepared.kind, Kind::Clusters);
    let plan = import::preview(&mut conn, &prepared).unwrap();
    assert_eq!(plan.created, ["Dòng 2: Khối thi đua các cơ quan Đảng"]);
    assert_eq!(plan.errors.len(), 1);
    assert_eq!(
        (plan.errors[0].row, plan.errors[0].column),
        (3, "Cơ quan tổ chức")
    );
}

#[actix_web::test]
async fn an_excel_file_with_a_merged_title_and_blank_rows_imports() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(
            0,
            0,
            0,
            3,
            "DANH SÁCH THÀNH VIÊN CỤM THI ĐUA SỐ 2 NĂM 2024",
            &Format::new().set_bold(),
        )
        .unwrap();
    for (c, h) in ["STT", "Don vi", "Cum khoi", "Tu nam"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (r, unit) in ["huyện Vũ Quang", "", "H. Hương Sơn"].iter().enumerate() {
        let row = 3 + r as u32;
        if unit.is_empty() {
            continue;
        }
        sheet.write_number(row, 0, (r + 1) as f64).unwrap();
        sheet.write_string(row, 1, *unit).unwrap();
        sheet.write_string(row, 2, "Cụm thi đua số 2").unwrap();
        sheet.write_number(row, 3, 2024.0).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let prepared = import::prepare("thanh-vien.xlsx", &bytes, None).unwrap();
    let plan = import::apply(&mut conn, &prepared, "thanh-vien.xlsx", None).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(plan.created.len(), 2, "{:?}", plan.created);
    assert!(
        plan.created[0].starts_with("Dòng 4:"),
        "rows numbered as Excel shows them: {:?}",
        plan.created
    );
    let cluster = app.cluster_id(HA_TINH_2);
    let page = app.get(&format!("/clusters/{cluster}")).await;
    page.assert_contains("2024");
}

#[test]
fn thidua_import_previews_by_default_and_writes_with_apply() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("don-vi.csv");
    std::fs::write(
        &file,
        "Tên đơn vị,Loại,Trực thuộc\nHà Tĩnh,tỉnh,\nhuyện Lộc Hà,huyện,tỉnh Hà Tĩnh\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["import", "--database"])
            .arg(&db)
            .arg(&file)
            .args(extra)
            .output()
            .unwrap()
    };
    let count = || -> i64 {
        let pool = thidua::db::open_pool(&db, 1).unwrap();
        use thidua::schema::units;
        units::table
            .count()
            .get_result(&mut pool.get().unwrap())
            .unwrap()
    };
    let preview = run(&[]);
    assert!(
        preview.status.success(),
        "{}",
        String::from_utf8_lossy(&preview.stderr)
    );
    let text = String::from_utf8_lossy(&preview.stdout);
    assert!(text.contains("Thêm mới  Dòng 3: huyện Lộc Hà"), "{text}");
    assert!(text.contains("Xem trước: chưa ghi gì."), "{text}");
    assert_eq!(count(), 0);
    let applied = run(&["--apply"]);
    assert!(applied.status.success());
    assert_eq!(count(), 2);
    std::fs::write(&file, "Tên đơn vị,Loại,Trực thuộc\nX,hành tinh,\n").unwrap();
    let refused = run(&["--apply"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stdout).contains("Lỗi       Dòng 2, cột “Loại”"));
    assert_eq!(count(), 2);
}

async fn upload(app: &TestApp, session: &Session, name: &str, bytes: &[u8]) -> Response {
    let (content_type, body) = crate::attachments::multipart(&session.csrf, name, bytes);
    app.send(
        actix_web::test::TestRequest::post()
            .uri("/admin/import")
            .insert_header(("cookie", session.cookie.clone()))
            .insert_header(("content-type", content_type))
            .set_payload(body),
    )
    .await
}

#[actix_web::test]
async fn an_admin_previews_an_upload_then_confirms_it() {
    use actix_web::http::StatusCode;
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let form = app.get_as("/admin/import", &admin).await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("href=\"/admin/import/templates/don-vi.csv\"");
    let template = app
        .download("/admin/import/templates/don-vi.csv", None)
        .await;
    assert_eq!(template.status, StatusCode::OK);
    let template_text = String::from_utf8(template.bytes).unwrap();
    assert!(
        template_text
            .starts_with("\u{feff}Tên đơn vị,Loại,Trực thuộc,Mã,Từ ngày,Đến ngày,Đơn vị kế thừa"),
        "{template_text}"
    );
    // The template itself imports: its example row is the demo's Lộc Hà.
    let before = units_count(&app);
    let preview = upload(&app, &admin, "don-vi.csv", UNITS_CSV.as_bytes()).await;
    assert_eq!(
        preview.status,
        StatusCode::OK,
        "{}",
        visible_text(&preview.body)
    );
    preview.assert_contains("Dòng 4: xã Tân Mỹ");
    preview.assert_contains("Đơn vị: 2 mới, 0 thay đổi, 1 giữ nguyên, 0 lỗi");
    assert_eq!(units_count(&app), before, "the preview writes nothing");
    let token = hidden_value(&preview.body, "upload");
    let applied = app
        .post_as(
            "/admin/import/apply",
            Some(&admin),
            &[("csrf", &admin.csrf), ("upload", &token)],
        )
        .await;
    assert_eq!(
        applied.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&applied.body)
    );
    let done = app
        .get_as(applied.location.as_deref().unwrap(), &admin)
        .await;
    done.assert_contains("Đã nhập tệp don-vi.csv: Đơn vị: 2 mới");
    assert_eq!(units_count(&app), before + 2);
    // The same confirmation twice does nothing more.
    let again = app
        .post_as(
            "/admin/import/apply",
            Some(&admin),
            &[("csrf", &admin.csrf), ("upload", &token)],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    again.assert_contains("Tệp đã được nhập hoặc đã hết hạn");
    assert_eq!(units_count(&app), before + 2);

    // A file with errors shows them, row and column, and no way to apply.
    let bad = upload(
        &app,
        &admin,
        "loi.csv",
        "Tên đơn vị,Loại\nX,hành tinh\n".as_bytes(),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad.assert_contains("<td>2</td><td>Loại</td>");
    assert!(!bad.body.contains("/admin/import/apply"));
    let not_a_sheet = upload(&app, &admin, "anh.png", b"\x89PNG\r\n\x1a\n\0\0\0").await;
    assert_eq!(not_a_sheet.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Admins only.
    let cluster = app.cluster_id(HA_TINH_2);
    let clerk_password = app.add_user("thuky", "clerk", &[cluster]);
    let clerk = app.login("thuky", &clerk_password).await;
    let refused = upload(&app, &clerk, "don-vi.csv", UNITS_CSV.as_bytes()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// Ten communes, a cluster of them, and ten years of its awards, each
/// from its own file as a board would keep them.
#[actix_web::test]
async fn ten_years_of_a_ten_member_cluster_back_filled_from_files() {
    let app = TestApp::with_demo();
    let catalogue = thidua::db::loader::parse(
        r#"
[[bodies]]
key = "ubnd-an-phu"
name = "Ủy ban nhân dân huyện An Phú"
short_name = "UBND huyện An Phú"
level = "district"

[[award_kinds]]
key = "gk-an-phu"
name = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện An Phú"
short_name = "Giấy khen huyện An Phú"
issuing_authority = "Chủ tịch UBND huyện An Phú"
category = "commendation"
rank = 1

[[clusters]]
key = "cum-an-phu"
name = "Cụm thi đua các xã huyện An Phú"
kind = "cluster"
body = "ubnd-an-phu"
first_year = 2015
"#,
    )
    .unwrap();
    let mut conn = app.pool().get().unwrap();
    thidua::db::loader::load(&mut conn, &catalogue).unwrap();
    let communes: Vec<String> = (1..=10).map(|i| format!("An Phú {i:02}")).collect();
    let mut units = String::from("Tên đơn vị,Loại\n");
    let mut members = String::from("\"Cụm, khối\",Đơn vị,Loại đơn vị,Từ năm\n");
    for c in &communes {
        units.push_str(&format!("{c},xã\n"));
        members.push_str(&format!("Cụm thi đua các xã huyện An Phú,xã {c},Xã,2015\n"));
    }
    let mut years = String::from(
        "\"Cụm, khối\",Năm,Cụm trưởng,Cụm phó,Ngày hội nghị,Địa điểm,Đơn vị,Hình thức khen thưởng,Tán thành,Không tán thành,Không biểu quyết,Trạng thái,Số quyết định,Ngày quyết định\n",
    );
    for (i, year) in (2015..=2024).enumerate() {
        let chair = &communes[i];
        let vice = &communes[(i + 1) % 10];
        for (j, awardee) in [&communes[i], &communes[(i + 5) % 10]].iter().enumerate() {
            let decided = if j == 0 {
                (
                    "Đã quyết định",
                    format!("{}/QĐ-UBND", 100 + i),
                    format!("15/02/{}", year + 1),
                )
            } else {
                ("Đề nghị", String::new(), String::new())
            };
            years.push_str(&format!(
                "Cụm thi đua các xã huyện An Phú,{year},xã {chair},xã {vice},20/01/{},xã {chair},xã {awardee},Giấy khen của Chủ tịch Ủy ban nhân dân huyện An Phú,10,0,0,{},{},{}\n",
                year + 1,
                decided.0,
                decided.1,
                decided.2
            ));
        }
    }
    for (name, text) in [
        ("don-vi.csv", &units),
        ("thanh-vien.csv", &members),
        ("cac-nam.csv", &years),
    ] {
        let prepared = import::prepare(name, text.as_bytes(), None).unwrap();
        let plan = import::apply(&mut conn, &prepared, name, None).unwrap_or_else(|e| match e {
            ImportError::Refused(plan) => panic!("{name}: {:?}", plan.errors),
            other => panic!("{name}: {other}"),
        });
        assert!(!plan.created.is_empty(), "{name}");
    }
    let cluster = app.cluster_id("Cụm thi đua các xã huyện An Phú");
    let page = app.get(&format!("/clusters/{cluster}")).await;
    // Ten years of chairs in the timeline, in order.
    let mut at = 0;
    for (i, year) in (2015..=2024).enumerate() {
        let row = format!(">{year}</text>");
        let found = page.body[at..]
            .find(&row)
            .unwrap_or_else(|| panic!("{year} missing from the timeline"));
        at += found;
        assert!(page.body[at..].contains(&format!("xã {}", communes[i])));
    }
    page.assert_contains(
        "Các năm 2015 đến 2024: tổng cộng 20 đề nghị, 10 đã có quyết định khen thưởng.",
    );
    let year = app.get(&format!("/clusters/{cluster}/years/2019")).await;
    year.assert_contains("Quyết định số 104/QĐ-UBND ngày 15/02/2020");
    year.assert_contains(&format!("xã {}", communes[9]));
    // Importing the years again changes nothing.
    let prepared = import::prepare("cac-nam.csv", years.as_bytes(), None).unwrap();
    let again = import::apply(&mut conn, &prepared, "cac-nam.csv", None).unwrap();
    assert!(
        again.created.is_empty() && again.changed.is_empty(),
        "{:?} {:?}",
        again.created,
        again.changed
    );
}

#[actix_web::test]
async fn every_template_is_read_as_its_own_kind_and_an_award_catalogue_imports_once() {
    let app = TestApp::with_demo();
    for (name, kind) in [
        ("don-vi.csv", Kind::Units),
        ("cum-khoi.csv", Kind::Clusters),
        ("thanh-vien.csv", Kind::Memberships),
        ("danh-muc.csv", Kind::Catalogue),
        ("cac-nam.csv", Kind::Years),
    ] {
        for name in [name.to_string(), name.replace(".csv", ".xlsx")] {
            let file = app
                .download(&format!("/admin/import/templates/{name}"), None)
                .await;
            assert_eq!(file.status, actix_web::http::StatusCode::OK, "{name}");
            let prepared =
                import::prepare(&name, &file.bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(prepared.kind, kind, "{name}");
            // The example row fits the demo data.
            let plan = import::preview(&mut app.pool().get().unwrap(), &prepared).unwrap();
            assert!(plan.errors.is_empty(), "{name}: {:?}", plan.errors);
        }
    }
    let file = "Hình thức khen thưởng,Tên ngắn,Cấp quyết định,Loại,Thứ bậc,Danh mục của cơ quan\nGiấy khen của Giám đốc Sở Nội vụ,Giấy khen Sở Nội vụ,Giám đốc Sở Nội vụ,Hình thức khen thưởng,3,UBND tỉnh Hà Tĩnh\n";
    let mut conn = app.pool().get().unwrap();
    let prepared = import::prepare("danh-muc.csv", file.as_bytes(), None).unwrap();
    assert_eq!(prepared.kind, Kind::Catalogue);
    let plan = import::apply(&mut conn, &prepared, "danh-muc.csv", None).unwrap();
    assert_eq!(
        plan.created,
        ["Dòng 2: Giấy khen của Giám đốc Sở Nội vụ (Giám đốc Sở Nội vụ)"]
    );
    let again = import::apply(&mut conn, &prepared, "danh-muc.csv", None).unwrap();
    assert_eq!(
        (again.created.len(), again.changed.len(), again.unchanged),
        (0, 0, 1)
    );
}
