//! The official list of administrative units: a province and its
//! communes added in one step from the admin page or the command line,
//! matched with what was entered by hand, and nothing changed the second
//! time.

use actix_web::http::StatusCode;
use diesel::prelude::*;

use crate::helpers::*;

fn count(app: &TestApp) -> (i64, i64) {
    use thidua::schema::units;
    let mut conn = app.pool().get().unwrap();
    let all = units::table.count().get_result(&mut conn).unwrap();
    let coded = units::table
        .filter(units::code.is_not_null())
        .count()
        .get_result(&mut conn)
        .unwrap();
    (all, coded)
}

fn audit_lines(app: &TestApp) -> usize {
    app.audit_actions()
        .iter()
        .filter(|(action, _, note)| {
            action == "create"
                && note
                    .as_deref()
                    .is_some_and(|n| n.starts_with("tỉnh Hà Tĩnh"))
        })
        .count()
}

#[actix_web::test]
async fn an_admin_adds_a_province_with_its_communes_once() {
    use thidua::schema::units;
    let app = TestApp::with_demo();
    // A commune of Hà Tĩnh entered by hand before, under the demo's
    // province of Hà Tĩnh (which has no code yet).
    let ha_tinh: i32 = units::table
        .filter(units::name.eq("Hà Tĩnh"))
        .filter(units::kind.eq("province"))
        .select(units::id)
        .first(&mut app.pool().get().unwrap())
        .unwrap();
    let official_commune = thidua::units::official::all()
        .into_iter()
        .find(|u| u.province == Some("42") && u.kind == "commune")
        .unwrap();
    diesel::insert_into(units::table)
        .values((
            units::name.eq(official_commune.name),
            units::kind.eq("commune"),
            units::parent_id.eq(ha_tinh),
            units::search_text.eq(thidua::domain::fold::fold_for_search(
                &official_commune.full_name(),
            )),
        ))
        .execute(&mut app.pool().get().unwrap())
        .unwrap();
    let (before, coded_before) = count(&app);
    let in_list = thidua::units::official::all()
        .iter()
        .filter(|u| u.province == Some("42"))
        .count() as i64;

    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let page = app.get_as("/admin", &admin).await;
    page.assert_contains("<option value=\"42\">tỉnh Hà Tĩnh (42)</option>");
    let added = app
        .post_as(
            "/admin/units/add-province",
            Some(&admin),
            &[("csrf", &admin.csrf), ("province", "42")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let back = app.get_as(added.location.as_deref().unwrap(), &admin).await;
    // The province and the hand-entered commune were there: given their
    // codes; every other commune and ward is new.
    back.assert_contains(&format!(
        "Tỉnh Hà Tĩnh: {} đơn vị mới, 2 đơn vị đã có được gắn mã, 0 đơn vị giữ nguyên.",
        in_list - 1
    ));
    let (after, coded_after) = count(&app);
    assert_eq!(after - before, in_list - 1);
    assert_eq!(coded_after - coded_before, in_list + 1);
    assert_eq!(audit_lines(&app), 1);
    let named: i64 = units::table
        .filter(units::name.eq(official_commune.name))
        .filter(units::parent_id.eq(ha_tinh))
        .count()
        .get_result(&mut app.pool().get().unwrap())
        .unwrap();
    assert_eq!(named, 1, "the hand-entered commune is not entered twice");

    // Again: nothing changes, nothing is logged.
    let again = app
        .post_as(
            "/admin/units/add-province",
            Some(&admin),
            &[("csrf", &admin.csrf), ("province", "Hà Tĩnh")],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let back = app.get_as(again.location.as_deref().unwrap(), &admin).await;
    back.assert_contains(&format!(
        "Tỉnh Hà Tĩnh: 0 đơn vị mới, 0 đơn vị đã có được gắn mã, {} đơn vị giữ nguyên.",
        in_list + 1
    ));
    assert_eq!(count(&app), (after, coded_after));
    assert_eq!(audit_lines(&app), 1);

    // A ward of the list has its own page under its province.
    let ward = thidua::units::official::all()
        .into_iter()
        .find(|u| u.province == Some("42") && u.kind == "ward")
        .unwrap();
    let id: i32 = units::table
        .filter(units::code.eq(ward.code))
        .select(units::id)
        .first(&mut app.pool().get().unwrap())
        .unwrap();
    let page = app.get(&format!("/units/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(&format!("Phường {}", ward.name));
    page.assert_contains("Hà Tĩnh</a>");
}

#[actix_web::test]
async fn only_an_admin_with_the_form_s_token_adds_a_province() {
    let app = TestApp::with_demo();
    let cluster = app.cluster_id(HA_TINH_2);
    let clerk_password = app.add_user("thuky", "clerk", &[cluster]);
    let clerk = app.login("thuky", &clerk_password).await;
    let before = count(&app);
    let refused = app
        .post_as(
            "/admin/units/add-province",
            Some(&clerk),
            &[("csrf", &clerk.csrf), ("province", "42")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let password = app.add_user("quantri", "admin", &[]);
    let admin = app.login("quantri", &password).await;
    let no_token = app
        .post_as(
            "/admin/units/add-province",
            Some(&admin),
            &[("province", "42")],
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let unknown = app
        .post_as(
            "/admin/units/add-province",
            Some(&admin),
            &[("csrf", &admin.csrf), ("province", "Bắc Kạn")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    unknown.assert_contains("Hãy chọn một tỉnh, thành phố trong danh mục.");
    assert_eq!(count(&app), before, "nothing added");
}

#[test]
fn the_command_line_adds_a_province_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let run = |what: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["units", "--database"])
            .arg(&db)
            .args(["add-province", what])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let first = run("Quảng Trị");
    let n = thidua::units::official::all()
        .iter()
        .filter(|u| {
            u.province == thidua::units::official::find_province("Quảng Trị").map(|p| p.code)
        })
        .count();
    assert_eq!(
        first.trim(),
        format!(
            "tỉnh Quảng Trị: {} đơn vị mới, 0 đơn vị đã có được gắn mã, 0 đơn vị giữ nguyên",
            n + 1
        )
    );
    let second = run("quang tri");
    assert_eq!(
        second.trim(),
        format!(
            "tỉnh Quảng Trị: 0 đơn vị mới, 0 đơn vị đã có được gắn mã, {} đơn vị giữ nguyên",
            n + 1
        )
    );
    let unknown = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["units", "--database"])
        .arg(&db)
        .args(["add-province", "Atlantis"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("không có tỉnh, thành phố \"Atlantis\"")
    );
}
