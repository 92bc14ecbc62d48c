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
    let prepared =
        import::prepare("don-vi.csv", UNITS_CSV.as_bytes(), None, Default::default()).unwrap();
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
    let prepared = import::prepare("cu.csv", &bytes, None, Default::default()).unwrap();
    let before = units_count(&app);
    let refused = import::apply(&mut conn, &prepared, "cu.csv", None);
    let Err(ImportError::Refused(plan)) = refused else {
        panic!("a file with errors is refused");
    };
    assert!(plan.read_as_cp1258);
    let errors: Vec<(usize, &str)> = plan
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
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
        Default::default(),
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
        Default::default(),
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
    // Both its sheets at once: the clusters and blocks, then their members.
    let prepared =
        import::prepare("danh-sach.xlsx", &file.bytes, None, Default::default()).unwrap();
    assert_eq!(prepared.kinds(), [Kind::Clusters, Kind::Memberships]);
    let plan = import::apply(&mut conn, &prepared, "danh-sach.xlsx", None).unwrap();
    let all: i64 = clusters::table
        .count()
        .get_result::<i64>(&mut conn)
        .unwrap()
        + memberships::table
            .count()
            .get_result::<i64>(&mut conn)
            .unwrap();
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
    // Its second alone, the members of each, when asked for.
    let prepared = import::prepare(
        "danh-sach.xlsx",
        &file.bytes,
        Some(Kind::Memberships),
        Default::default(),
    )
    .unwrap();
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
    let prepared = import::prepare("cum.csv", file.as_bytes(), None, Default::default()).unwrap();
    assert_eq!(prepared.kind, Kind::Clusters);
    let plan = import::preview(&mut conn, &prepared).unwrap();
    assert_eq!(plan.created, ["Dòng 2: Khối thi đua các cơ quan Đảng"]);
    assert_eq!(plan.errors.len(), 1);
    assert_eq!(
        (plan.errors[0].row, plan.errors[0].column.as_str()),
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
    let prepared = import::prepare("thanh-vien.xlsx", &bytes, None, Default::default()).unwrap();
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
    bad.assert_row(&["2", "Loại"]);
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
        let prepared = import::prepare(name, text.as_bytes(), None, Default::default()).unwrap();
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
    let prepared =
        import::prepare("cac-nam.csv", years.as_bytes(), None, Default::default()).unwrap();
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
        ("chi-tieu.csv", Kind::Tables),
        ("chi-tieu-chung.csv", Kind::Figures),
    ] {
        for name in [name.to_string(), name.replace(".csv", ".xlsx")] {
            let file = app
                .download(&format!("/admin/import/templates/{name}"), None)
                .await;
            assert_eq!(file.status, actix_web::http::StatusCode::OK, "{name}");
            let prepared = import::prepare(&name, &file.bytes, None, Default::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(prepared.kind, kind, "{name}");
            // The example row fits the demo data.
            let plan = import::preview(&mut app.pool().get().unwrap(), &prepared).unwrap();
            assert!(plan.errors.is_empty(), "{name}: {:?}", plan.errors);
        }
    }
    let file = "Hình thức khen thưởng,Tên ngắn,Cấp quyết định,Loại,Thứ bậc,Danh mục của cơ quan\nGiấy khen của Giám đốc Sở Nội vụ,Giấy khen Sở Nội vụ,Giám đốc Sở Nội vụ,Hình thức khen thưởng,3,UBND tỉnh Hà Tĩnh\n";
    let mut conn = app.pool().get().unwrap();
    let prepared =
        import::prepare("danh-muc.csv", file.as_bytes(), None, Default::default()).unwrap();
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

/// The upload form with the fields beside the file.
async fn upload_with(
    app: &TestApp,
    session: &Session,
    fields: &[(&str, &str)],
    name: &str,
    bytes: &[u8],
) -> Response {
    let boundary = "thidua-import-boundary";
    let mut body = Vec::new();
    for (key, value) in [("csrf", session.csrf.as_str())].iter().chain(fields) {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    app.send(
        actix_web::test::TestRequest::post()
            .uri("/admin/import")
            .insert_header(("cookie", session.cookie.clone()))
            .insert_header((
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            ))
            .set_payload(body),
    )
    .await
}

#[actix_web::test]
async fn every_year_s_tables_download_imports_back_unchanged() {
    use thidua::schema::{cluster_years, clusters};
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let years: Vec<(i32, i32, String)> = cluster_years::table
        .inner_join(clusters::table)
        .select((clusters::id, cluster_years::year, clusters::name))
        .load(&mut conn)
        .unwrap();
    assert!(years.len() >= 8);
    let mut figures_seen = 0;
    let mut with_cluster_figures = 0;
    for (cluster, year, name) in years {
        let uri = format!("/clusters/{cluster}/years/{year}/tables.xlsx");
        let file = app.download(&uri, None).await;
        assert_eq!(file.status, actix_web::http::StatusCode::OK, "{uri}");
        // The cluster and year are read from the sheet's title.
        let prepared = import::prepare("bang.xlsx", &file.bytes, None, Default::default())
            .unwrap_or_else(|e| panic!("{uri}: {e}"));
        assert_eq!(prepared.kind, Kind::Tables, "{uri}");
        with_cluster_figures += prepared.kinds().contains(&Kind::Figures) as usize;
        let before = version(&app);
        let plan = import::apply(&mut conn, &prepared, "bang.xlsx", None)
            .unwrap_or_else(|e| panic!("{name} {year}: {e}"));
        assert!(
            plan.errors.is_empty() && plan.created.is_empty() && plan.changed.is_empty(),
            "{name} {year}: {:?} {:?} {:?}",
            plan.errors,
            plan.created,
            plan.changed
        );
        assert_eq!(version(&app), before, "{name} {year}: nothing written");
        figures_seen += plan.unchanged;
    }
    // The demo's ten member figures of Hà Tĩnh 2021, and its one result,
    // were each compared.
    assert!(figures_seen >= 11, "{figures_seen}");
    // Phước Sơn, Bắc Kạn and the Central Highlands list figures of the
    // cluster as a whole, on a sheet of their own: read back too.
    assert_eq!(with_cluster_figures, 3);
}

/// A board's own sheet: a title naming the cluster and year, its own
/// headers, figures with their qualifiers, a row of the cluster's totals.
const BOARD_TABLE: &str = "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA CỤM THI ĐUA SỐ 2 NĂM 2023\n\
\n\
TT,Tên đơn vị,Thu ngân sách (tỷ đồng),Thu ngân sách - tăng so với cùng kỳ (%),Xã đạt chuẩn nông thôn mới (xã),Tổng điểm,Thứ hạng,Xếp loại\n\
1,H. Lộc Hà,\"ước đạt 1.854,5\",\"11,5\",12/12,\"96,5\",1,Xuất sắc\n\
2,Vũ Quang,trên 400 tỷ đồng,,Hoàn thành,\"94,25\",2,Xuất sắc\n\
,Toàn Cụm,\"2.636,5\",\"8,3\",,,,\n";

/// A figure as the test reads it back: unit, value, estimated, bound,
/// out of, growth, note.
type StoredFigure = (
    Option<i32>,
    Option<String>,
    bool,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Unit, score, rank, grade.
type StoredResult = (i32, Option<String>, Option<i32>, Option<String>);

#[actix_web::test]
async fn a_board_s_own_table_fills_a_new_year_and_its_pages() {
    use thidua::schema::{cluster_years, indicator_values, member_results};
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let cluster = app.cluster_id(HA_TINH_2);
    let prepared = import::prepare(
        "ket-qua-2023.csv",
        BOARD_TABLE.as_bytes(),
        None,
        Default::default(),
    )
    .unwrap();
    assert_eq!(prepared.kind, Kind::Tables);
    let plan = import::apply(&mut conn, &prepared, "ket-qua-2023.csv", None).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert!(
        plan.created
            .contains(&"Cụm thi đua số 2 năm 2023: hồ sơ năm".to_string()),
        "{:?}",
        plan.created
    );
    assert!(
        plan.created
            .contains(&"Chỉ tiêu “Thu ngân sách (tỷ đồng)”".to_string())
    );
    let year_id: i32 = cluster_years::table
        .filter(cluster_years::cluster_id.eq(cluster))
        .filter(cluster_years::year.eq(2023))
        .select(cluster_years::id)
        .first(&mut conn)
        .unwrap();
    let mut stored: Vec<StoredFigure> = indicator_values::table
        .filter(indicator_values::cluster_year_id.eq(year_id))
        .select((
            indicator_values::unit_id,
            indicator_values::value,
            indicator_values::estimated,
            indicator_values::bound,
            indicator_values::out_of,
            indicator_values::growth_pct,
            indicator_values::note,
        ))
        .load(&mut conn)
        .unwrap();
    stored.sort();
    let loc_ha = app.unit_id("Lộc Hà", "district");
    let vu_quang = app.unit_id("Vũ Quang", "district");
    let mut expected = vec![
        (
            Some(loc_ha),
            Some("12".into()),
            false,
            "exact".into(),
            Some("12".into()),
            None,
            None,
        ),
        (
            Some(loc_ha),
            Some("1854.5".into()),
            true,
            "exact".into(),
            None,
            Some("11.5".into()),
            None,
        ),
        (
            Some(vu_quang),
            Some("400".into()),
            false,
            "over".into(),
            None,
            None,
            None,
        ),
        (
            Some(vu_quang),
            None,
            false,
            "exact".into(),
            None,
            None,
            Some("Hoàn thành".into()),
        ),
        (
            None,
            Some("2636.5".into()),
            false,
            "exact".into(),
            None,
            Some("8.3".into()),
            None,
        ),
    ];
    expected.sort();
    assert_eq!(stored, expected);
    let results: Vec<StoredResult> = member_results::table
        .filter(member_results::cluster_year_id.eq(year_id))
        .order(member_results::rank)
        .select((
            member_results::unit_id,
            member_results::score,
            member_results::rank,
            member_results::grade,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        results,
        vec![
            (
                loc_ha,
                Some("96.5".into()),
                Some(1),
                Some("Xuất sắc".into())
            ),
            (
                vu_quang,
                Some("94.25".into()),
                Some(2),
                Some("Xuất sắc".into())
            ),
        ]
    );
    // The year's page shows what the file said, the Vietnamese way.
    let page = app.get(&format!("/clusters/{cluster}/years/2023")).await;
    assert_eq!(page.status, actix_web::http::StatusCode::OK);
    for shown in ["1.854,5", "2.636,5", "94,25", "Hoàn thành", "Thu ngân sách"] {
        page.assert_contains(shown);
    }
    // Imported again: nothing changes; its download imports back too.
    let again = import::apply(&mut conn, &prepared, "ket-qua-2023.csv", None).unwrap();
    assert!(
        again.created.is_empty() && again.changed.is_empty(),
        "{:?}",
        again.changed
    );
    assert_eq!(again.unchanged, 7);
    let file = app
        .download(&format!("/clusters/{cluster}/years/2023/tables.xlsx"), None)
        .await;
    let back = import::prepare("bang.xlsx", &file.bytes, None, Default::default()).unwrap();
    let back = import::apply(&mut conn, &back, "bang.xlsx", None).unwrap();
    assert!(
        back.errors.is_empty() && back.created.is_empty() && back.changed.is_empty(),
        "{:?} {:?} {:?}",
        back.errors,
        back.created,
        back.changed
    );
}

#[actix_web::test]
async fn a_table_without_its_year_asks_for_it_and_bad_figures_are_each_reported() {
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let cluster = app.cluster_id(HA_TINH_2);
    let bare = "Đơn vị,Thu ngân sách (tỷ đồng),Điểm,Xếp hạng\nhuyện Lộc Hà,\"52,2,1\",95,một\nVũ Quang,400,\"94,5\",2\n";
    let prepared = import::prepare("bang.csv", bare.as_bytes(), None, Default::default()).unwrap();
    assert_eq!(prepared.kind, Kind::Tables);
    let plan = import::preview(&mut conn, &prepared).unwrap();
    assert!(
        plan.errors
            .iter()
            .all(|e| e.message.starts_with("Không rõ cụm, khối và năm")),
        "{:?}",
        plan.errors
    );
    assert_eq!(plan.errors.len(), 2);
    // Told the cluster and year, the file's own mistakes remain: each
    // named by row and column, and nothing written.
    let context = import::Context {
        cluster: Some(cluster.to_string()),
        year: Some(2024),
        ..Default::default()
    };
    let prepared = import::prepare("bang.csv", bare.as_bytes(), None, context).unwrap();
    let before = version(&app);
    let refused = match import::apply(&mut conn, &prepared, "bang.csv", None) {
        Err(ImportError::Refused(plan)) => plan,
        other => panic!("{other:?}"),
    };
    let errors: Vec<(usize, &str)> = refused
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(
        errors,
        [(2, "Thu ngân sách (tỷ đồng)"), (2, "Xếp hạng")],
        "{:?}",
        refused.errors
    );
    assert_eq!(version(&app), before);
}

#[actix_web::test]
async fn a_name_that_fits_two_units_is_chosen_by_the_admin_on_the_preview() {
    use actix_web::http::StatusCode;
    use thidua::schema::memberships;
    let app = TestApp::with_demo();
    thidua::units::official::add_province(
        &mut app.pool().get().unwrap(),
        &thidua::units::official::find_province("42").unwrap(),
    )
    .unwrap();
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let file =
        "\"Cụm, khối\",Đơn vị,Từ năm\nCụm thi đua số 2,Kỳ Anh,2023\nCụm thi đua số 2,Kỳ Anh,2024\n";
    let preview = upload_with(
        &app,
        &admin,
        &[("kind", "memberships")],
        "m.csv",
        file.as_bytes(),
    )
    .await;
    assert_eq!(preview.status, StatusCode::UNPROCESSABLE_ENTITY);
    // One choice for the name, however many rows use it; no apply yet.
    assert_eq!(preview.body.matches("name=\"typed-").count(), 1);
    assert!(!preview.body.contains("action=\"/admin/import/apply\""));
    let options = select_options(&preview.body, "choice-1");
    let commune = options
        .iter()
        .find(|(_, label)| label.starts_with("xã Kỳ Anh"))
        .unwrap_or_else(|| panic!("{options:?}"))
        .0
        .clone();
    assert!(
        options.iter().any(|(_, l)| l.starts_with("huyện Kỳ Anh")),
        "{options:?}"
    );
    let token = hidden_value(&preview.body, "upload");
    let chosen = app
        .post_as(
            "/admin/import/choose",
            Some(&admin),
            &[
                ("csrf", &admin.csrf),
                ("upload", &token),
                ("typed-1", "Kỳ Anh"),
                ("choice-1", &commune),
            ],
        )
        .await;
    assert_eq!(
        chosen.status,
        StatusCode::OK,
        "{}",
        visible_text(&chosen.body)
    );
    chosen.assert_contains("Thành viên cụm, khối: 2 mới");
    chosen.assert_contains("“Kỳ Anh” là xã Kỳ Anh");
    chosen.assert_contains("action=\"/admin/import/apply\"");
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
    let members: Vec<i32> = memberships::table
        .filter(memberships::cluster_id.eq(app.cluster_id(HA_TINH_2)))
        .filter(memberships::from_year.ge(2023))
        .select(memberships::unit_id)
        .load(&mut app.pool().get().unwrap())
        .unwrap();
    assert_eq!(members, vec![commune.parse::<i32>().unwrap(); 2]);

    // Another admin's token does not reach this upload; a clerk is refused.
    let cluster = app.cluster_id(HA_TINH_2);
    let clerk_password = app.add_user("thuky", "clerk", &[cluster]);
    let clerk = app.login("thuky", &clerk_password).await;
    let refused = app
        .post_as(
            "/admin/import/choose",
            Some(&clerk),
            &[
                ("csrf", &clerk.csrf),
                ("upload", &token),
                ("typed-1", "Kỳ Anh"),
                ("choice-1", &commune),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// The options of a select: value and label.
fn select_options(html: &str, name: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no select {name}"));
    let end = start + html[start..].find("</select>").unwrap();
    html[start..end]
        .split("<option value=\"")
        .skip(1)
        .map(|o| {
            let (value, rest) = o.split_once('"').unwrap();
            let label = rest.split_once('>').unwrap().1;
            let label = label.split("</option>").next().unwrap();
            (value.to_string(), label.to_string())
        })
        .filter(|(v, _)| !v.is_empty())
        .collect()
}

#[actix_web::test]
async fn the_rotation_download_imports_back_unchanged() {
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    for uri in ["/rotation.xlsx", "/rotation.csv"] {
        let file = app.download(uri, None).await;
        assert_eq!(file.status, actix_web::http::StatusCode::OK);
        let name = uri.trim_start_matches('/');
        let prepared = import::prepare(name, &file.bytes, None, Default::default()).unwrap();
        assert_eq!(prepared.kind, Kind::Years, "{uri}");
        let before = version(&app);
        let plan = import::apply(&mut conn, &prepared, name, None).unwrap();
        assert!(
            plan.errors.is_empty() && plan.created.is_empty() && plan.changed.is_empty(),
            "{uri}: {:?} {:?} {:?}",
            plan.errors,
            plan.created,
            plan.changed
        );
        assert_eq!(version(&app), before, "{uri}");
        // Every year on the rotation page was compared, and the row that
        // rotation order only points to was not taken for a record.
        let rows = String::from_utf8_lossy(&file.bytes)
            .matches("chưa bầu")
            .count();
        assert!(plan.unchanged >= 8, "{uri}: {}", plan.unchanged);
        if uri.ends_with(".csv") {
            assert!(rows >= 1, "the demo has a term rotation points to");
        }
    }
    // A board's own rotation history: the chair is set and how it was chosen.
    let file = "\"Cụm, khối\",Năm,Cụm trưởng,Cụm phó,Hình thức chọn\nCụm thi đua số 2,2030,huyện Lộc Hà,huyện Vũ Quang,Bầu\n";
    let prepared =
        import::prepare("luan-phien.csv", file.as_bytes(), None, Default::default()).unwrap();
    assert_eq!(prepared.kind, Kind::Years);
    let plan = import::apply(&mut conn, &prepared, "luan-phien.csv", None).unwrap();
    assert_eq!(
        plan.created,
        ["Dòng 2: Cụm thi đua số 2 năm 2030: hồ sơ năm"]
    );
    let rotation = app.get("/rotation").await;
    rotation.assert_contains("2030");
}

#[actix_web::test]
async fn clusters_of_one_name_under_two_bodies_are_told_apart_by_their_body() {
    use thidua::schema::{clusters, memberships};
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let ha_tinh = app.cluster_id(HA_TINH_2);
    // Bắc Kạn founds a cluster of the same name: a new cluster, and Hà
    // Tĩnh's keeps its body.
    let file = "\"Tên cụm, khối\",Loại,Cơ quan tổ chức,Từ năm\nCụm thi đua số 2,Cụm,UBND tỉnh Bắc Kạn,2024\n";
    let prepared = import::prepare(
        "cum.csv",
        file.as_bytes(),
        Some(Kind::Clusters),
        Default::default(),
    )
    .unwrap();
    let plan = import::apply(&mut conn, &prepared, "cum.csv", None).unwrap();
    assert_eq!(
        plan.created,
        ["Dòng 2: Cụm thi đua số 2"],
        "{:?}",
        plan.changed
    );
    let same_name: Vec<i32> = clusters::table
        .filter(clusters::name.eq(HA_TINH_2))
        .select(clusters::id)
        .load(&mut conn)
        .unwrap();
    assert_eq!(same_name.len(), 2);
    let bac_kan = *same_name.iter().find(|id| **id != ha_tinh).unwrap();
    // A file naming the cluster alone is refused with both bodies named;
    // with the body column it reaches the right one.
    let alone = "\"Cụm, khối\",Đơn vị,Từ năm\nCụm thi đua số 2,huyện Na Rì,2024\n";
    let prepared = import::prepare("m.csv", alone.as_bytes(), None, Default::default()).unwrap();
    let plan = import::preview(&mut conn, &prepared).unwrap();
    assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
    assert!(
        plan.errors[0]
            .message
            .contains("Ủy ban nhân dân tỉnh Hà Tĩnh")
            && plan.errors[0]
                .message
                .contains("Ủy ban nhân dân tỉnh Bắc Kạn"),
        "{}",
        plan.errors[0].message
    );
    let with_body = "\"Cụm, khối\",Cơ quan tổ chức,Đơn vị,Từ năm\nCụm thi đua số 2,UBND tỉnh Bắc Kạn,huyện Na Rì,2024\n";
    let prepared =
        import::prepare("m.csv", with_body.as_bytes(), None, Default::default()).unwrap();
    let plan = import::apply(&mut conn, &prepared, "m.csv", None).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    let members: Vec<i32> = memberships::table
        .filter(memberships::cluster_id.eq(bac_kan))
        .select(memberships::unit_id)
        .load(&mut conn)
        .unwrap();
    assert_eq!(members, [app.unit_id("Na Rì", "district")]);
}

/// The README's first day of a board, on the command line: the province's
/// units, its clusters (and its People's Committee), their members, and a
/// clerk's account for one cluster by its name.
#[test]
fn a_board_s_first_day_takes_five_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ha-tinh.db");
    let thidua = |args: &[&str], password: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"));
        command
            .arg(args[0])
            .arg("--database")
            .arg(&db)
            .args(&args[1..]);
        if let Some(p) = password {
            command.env("THIDUA_PASSWORD", p);
        }
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let communes: Vec<String> = thidua::units::official::all()
        .into_iter()
        .filter(|u| u.province == Some("42") && u.kind == "commune")
        .take(6)
        .map(|u| u.full_name())
        .collect();
    let clusters = dir.path().join("cum-khoi.csv");
    std::fs::write(
        &clusters,
        "\"Tên cụm, khối\",Loại,Cơ quan tổ chức,Từ năm\nCụm thi đua số 1,Cụm,UBND tỉnh Hà Tĩnh,2026\nCụm thi đua số 2,Cụm,UBND tỉnh Hà Tĩnh,2026\n",
    )
    .unwrap();
    let members = dir.path().join("thanh-vien.csv");
    let mut text = "\"Cụm, khối\",Đơn vị,Từ năm\n".to_string();
    for (i, c) in communes.iter().enumerate() {
        text.push_str(&format!("Cụm thi đua số {},{c},2026\n", 1 + i % 2));
    }
    std::fs::write(&members, text).unwrap();

    thidua(
        &["user", "add", "quantri", "--role", "admin"],
        Some("mat-khau-quan-tri-1"),
    );
    thidua(&["units", "add-province", "Hà Tĩnh"], None);
    let imported = thidua(&["import", clusters.to_str().unwrap(), "--apply"], None);
    assert!(
        imported.contains("Cơ quan tổ chức: Ủy ban nhân dân tỉnh Hà Tĩnh"),
        "{imported}"
    );
    let imported = thidua(&["import", members.to_str().unwrap(), "--apply"], None);
    assert!(
        imported.contains("Thành viên cụm, khối: 6 mới"),
        "{imported}"
    );
    thidua(
        &[
            "user",
            "add",
            "thuky",
            "--role",
            "clerk",
            "--cluster",
            "Cụm thi đua số 1",
        ],
        Some("mat-khau-thu-ky-1"),
    );
    let listed = thidua(&["user", "list"], None);
    let clerk = listed.lines().find(|l| l.contains("thuky")).unwrap();
    assert!(clerk.contains("Cụm thi đua số 1"), "{listed}");
    assert!(!clerk.contains("Cụm thi đua số 2"), "{listed}");
}

/// A proposal as compared: unit, award kind, status, votes for, decision
/// number, decision date, who decided, note.
type StoredProposal = (
    i32,
    i32,
    String,
    Option<i32>,
    Option<String>,
    Option<chrono::NaiveDate>,
    Option<String>,
    Option<String>,
);

/// A figure of the cluster as a whole: indicator, value, estimated,
/// bound, note.
type ClusterFigure = (i32, Option<String>, bool, String, Option<String>);

#[actix_web::test]
async fn a_year_s_proposals_and_cluster_figures_come_back_from_its_tables_download() {
    use thidua::schema::{award_proposals, cluster_years};
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    // The year with the most proposals.
    let (year_id, cluster, year): (i32, i32, i32) = cluster_years::table
        .select((
            cluster_years::id,
            cluster_years::cluster_id,
            cluster_years::year,
        ))
        .load::<(i32, i32, i32)>(&mut conn)
        .unwrap()
        .into_iter()
        .max_by_key(|(id, _, _)| {
            award_proposals::table
                .filter(award_proposals::cluster_year_id.eq(*id))
                .count()
                .get_result::<i64>(&mut app.pool().get().unwrap())
                .unwrap()
        })
        .unwrap();
    let proposals = |conn: &mut thidua::db::DbConn| -> Vec<StoredProposal> {
        let mut all: Vec<StoredProposal> = award_proposals::table
            .filter(award_proposals::cluster_year_id.eq(year_id))
            .select((
                award_proposals::unit_id,
                award_proposals::award_kind_id,
                award_proposals::status,
                award_proposals::votes_for,
                award_proposals::decision_number,
                award_proposals::decision_date,
                award_proposals::decided_by,
                award_proposals::note,
            ))
            .load(conn)
            .unwrap();
        all.sort();
        all
    };
    let before = proposals(&mut conn);
    assert!(before.len() >= 3, "{before:?}");
    let file = app
        .download(
            &format!("/clusters/{cluster}/years/{year}/tables.xlsx"),
            None,
        )
        .await;
    use thidua::schema::indicator_values;
    let cluster_figures = |conn: &mut thidua::db::DbConn| -> Vec<ClusterFigure> {
        let mut all: Vec<ClusterFigure> = indicator_values::table
            .filter(indicator_values::cluster_year_id.eq(year_id))
            .filter(indicator_values::unit_id.is_null())
            .select((
                indicator_values::indicator_id,
                indicator_values::value,
                indicator_values::estimated,
                indicator_values::bound,
                indicator_values::note,
            ))
            .load(conn)
            .unwrap();
        all.sort();
        all
    };
    let figures_before = cluster_figures(&mut conn);
    assert!(!figures_before.is_empty());
    diesel::delete(award_proposals::table.filter(award_proposals::cluster_year_id.eq(year_id)))
        .execute(&mut conn)
        .unwrap();
    diesel::delete(
        indicator_values::table
            .filter(indicator_values::cluster_year_id.eq(year_id))
            .filter(indicator_values::unit_id.is_null()),
    )
    .execute(&mut conn)
    .unwrap();
    let prepared = import::prepare("bang.xlsx", &file.bytes, None, Default::default()).unwrap();
    assert!(
        prepared.kinds().contains(&Kind::Years),
        "{:?}",
        prepared.kinds()
    );
    let plan = import::apply(&mut conn, &prepared, "bang.xlsx", None).unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(
        plan.created.len(),
        before.len() + figures_before.len(),
        "{:?}",
        plan.created
    );
    assert_eq!(proposals(&mut conn), before);
    assert_eq!(cluster_figures(&mut conn), figures_before);
}

/// Each part of an import form is bounded, and so is the whole body: two
/// parts just under the file's limit together are refused (413), and
/// nothing is kept.
#[actix_web::test]
async fn an_import_body_over_its_bound_is_refused_even_when_each_part_fits() {
    use actix_web::http::StatusCode;
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let six_mb = "a".repeat(6 * 1024 * 1024);
    let refused = upload_with(
        &app,
        &admin,
        &[("ghi_chu", &six_mb)],
        "don-vi.csv",
        six_mb.as_bytes(),
    )
    .await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    let fits = upload_with(
        &app,
        &admin,
        &[],
        "don-vi.csv",
        "Tên đơn vị,Loại\n".as_bytes(),
    )
    .await;
    assert_ne!(
        fits.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "a small file is read"
    );
}
