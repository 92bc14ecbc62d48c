//! Pages that would list the whole country stay short: past a province's
//! size the home page lists organising bodies (with counts and links) and
//! each body's page shows its clusters' cards.

use actix_web::http::StatusCode;
use diesel::prelude::*;
use thidua::schema::clusters;

use crate::helpers::*;

/// Adds `n` blocks to the body of the Hà Tĩnh cluster; returns that body.
fn add_blocks(app: &TestApp, n: usize) -> i32 {
    let mut conn = app.pool().get().unwrap();
    let body: i32 = clusters::table
        .find(app.cluster_id(HA_TINH_2))
        .select(clusters::organising_body_id)
        .first(&mut conn)
        .unwrap();
    for i in 1..=n {
        diesel::insert_into(clusters::table)
            .values((
                clusters::name.eq(format!("Khối thi đua số {i} của tỉnh")),
                clusters::kind.eq("block"),
                clusters::organising_body_id.eq(body),
                clusters::search_text.eq(format!("khoi thi dua so {i} cua tinh")),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    body
}

#[actix_web::test]
async fn a_countrys_home_page_lists_bodies_and_each_body_shows_its_cards() {
    // A province's record: every card on the home page. (A page served
    // once is cached, and rows added below bypass the app: each state is
    // looked at on its own database.)
    let province = TestApp::with_demo();
    let small = province.get("/").await;
    small.assert_contains(&format!(
        "<a href=\"/clusters/{}\">",
        province.cluster_id(HA_TINH_2)
    ));
    small.assert_lacks("Cơ quan tổ chức cụm, khối thi đua");

    let app = TestApp::with_demo();
    let body = add_blocks(&app, 45);
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    home.assert_contains("Cơ quan tổ chức cụm, khối thi đua");
    // One line per body: its clusters, blocks and member units.
    home.assert_row(&["Ủy ban nhân dân tỉnh Hà Tĩnh", "Cấp tỉnh", "1", "45"]);
    home.assert_contains(&format!(
        "<a href=\"/bodies/{body}\">Ủy ban nhân dân tỉnh Hà Tĩnh</a>"
    ));
    // No cluster's card on the home page; the recent conferences stay.
    home.assert_lacks("<li class=\"card\">");
    home.assert_contains("Hội nghị gần đây");

    let page = app.get(&format!("/bodies/{body}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("<li class=\"card\">").count(), 46);
    page.assert_contains("Khối thi đua số 45 của tỉnh");
    // The card of the real cluster keeps its chair and latest year.
    page.assert_contains(&format!(
        "<a href=\"/clusters/{}/years/",
        app.cluster_id(HA_TINH_2)
    ));
}

#[actix_web::test]
async fn the_rotation_comes_in_pages_and_filters_by_body() {
    let app = TestApp::with_demo();
    let body = add_blocks(&app, 45);
    let rows = |html: &str| {
        html.matches("<th scope=\"row\"><a href=\"/clusters/")
            .count()
    };

    let first = app.get("/rotation").await;
    assert_eq!(first.status, StatusCode::OK);
    let per_page = thidua::rotation::CLUSTERS_PER_PAGE;
    assert_eq!(rows(&first.body), per_page);
    let all = clusters::table
        .count()
        .get_result::<i64>(&mut app.pool().get().unwrap())
        .unwrap() as usize;
    assert!(all > 40);
    let pages = all.div_ceil(per_page);
    first.assert_contains(&format!("Trang 1/{pages}"));
    let last = app.get(&format!("/rotation?page={pages}")).await;
    assert_eq!(rows(&last.body), all - per_page * (pages - 1));

    // One body: its clusters and blocks only, the filter kept in the
    // page links.
    let filtered = app.get(&format!("/rotation?body={body}")).await;
    filtered.assert_contains(&format!("<option value=\"{body}\" selected>"));
    filtered.assert_contains(&format!("href=\"/rotation?body={body}&#38;page=2\""));
    filtered.assert_lacks(&format!(
        "<a href=\"/clusters/{}\">",
        app.cluster_id(BAC_KAN)
    ));
    let bac_kan_body: i32 = {
        let mut conn = app.pool().get().unwrap();
        clusters::table
            .find(app.cluster_id(BAC_KAN))
            .select(clusters::organising_body_id)
            .first(&mut conn)
            .unwrap()
    };
    let bac_kan = app.get(&format!("/rotation?body={bac_kan_body}")).await;
    assert_eq!(rows(&bac_kan.body), 1);
    bac_kan.assert_contains("huyện Na Rì");
    bac_kan.assert_lacks("Trang 1/");
}

#[actix_web::test]
async fn the_tallies_come_in_pages_with_totals_over_every_page() {
    use thidua::schema::{award_kinds, award_proposals, cluster_years, units};
    let province = TestApp::with_demo();
    province.get("/awards").await.assert_lacks("Trang 1/");
    let app = TestApp::with_demo();
    // The last two cells of the totals row: proposed and decided.
    let grand = |html: &str| {
        let cells = foot_cells(html);
        cells[cells.len() - 2..].to_vec()
    };
    {
        let mut conn = app.pool().get().unwrap();
        let year: i32 = cluster_years::table
            .filter(cluster_years::cluster_id.eq(app.cluster_id(HA_TINH_2)))
            .filter(cluster_years::status.eq("published"))
            .select(cluster_years::id)
            .first(&mut conn)
            .unwrap();
        let kind: i32 = award_kinds::table
            .select(award_kinds::id)
            .first(&mut conn)
            .unwrap();
        for i in 1..=70 {
            let unit: i32 = diesel::insert_into(units::table)
                .values((
                    units::name.eq(format!("Đơn vị thử số {i:02}")),
                    units::kind.eq("district"),
                    units::search_text.eq(format!("don vi thu so {i:02}")),
                ))
                .returning(units::id)
                .get_result(&mut conn)
                .unwrap();
            diesel::insert_into(award_proposals::table)
                .values((
                    award_proposals::cluster_year_id.eq(year),
                    award_proposals::unit_id.eq(unit),
                    award_proposals::award_kind_id.eq(kind),
                    award_proposals::status.eq("proposed"),
                ))
                .execute(&mut conn)
                .unwrap();
        }
    }
    let first = app.get("/awards").await;
    assert_eq!(first.status, StatusCode::OK);
    let rows = |html: &str| ranked_rows(html).len();
    assert_eq!(rows(&first.body), 50);
    first.assert_contains("Trang 1/2");
    first.assert_contains("Cộng (mọi trang)");
    let second = app.get("/awards?page=2").await;
    assert!(rows(&second.body) > 20, "the rest of the units");
    // Both pages total every page's proposals.
    let published: i64 = award_proposals::table
        .inner_join(cluster_years::table)
        .filter(cluster_years::status.eq("published"))
        .count()
        .get_result(&mut app.pool().get().unwrap())
        .unwrap();
    assert_eq!(grand(&first.body)[0], published.to_string());
    assert_eq!(grand(&first.body), grand(&second.body));
    // The filters stay in the page links.
    let filtered = app.get("/awards?from=2000&to=2030").await;
    filtered.assert_contains("href=\"/awards?from=2000&#38;to=2030&#38;page=2\"");
}

#[actix_web::test]
async fn search_shows_ten_of_each_kind_and_lists_the_rest_in_pages() {
    let app = TestApp::with_demo();
    add_blocks(&app, 60);
    let listed = |html: &str| html.matches("<li><a href=\"/clusters/").count();
    let overview = app
        .get("/search?q=kh%E1%BB%91i+thi+%C4%91ua+c%E1%BB%A7a+t%E1%BB%89nh")
        .await;
    assert_eq!(overview.status, StatusCode::OK);
    assert_eq!(listed(&overview.body), 10);
    let more =
        "/search?q=kh%E1%BB%91i%20thi%20%C4%91ua%20c%E1%BB%A7a%20t%E1%BB%89nh&#38;kind=clusters";
    overview.assert_contains(&format!("<a href=\"{more}\">Xem tất cả kết quả</a>"));

    let all = app.get(&unescape_html(more)).await;
    assert_eq!(listed(&all.body), 50);
    all.assert_contains("Chỉ hiện kết quả loại “Cụm, khối thi đua”");
    all.assert_contains("Trang 1/2");
    all.assert_lacks("Xem tất cả kết quả</a>");
    let second = app.get(&format!("{}&page=2", unescape_html(more))).await;
    assert_eq!(listed(&second.body), 10);
    // An unknown kind is the overview.
    let odd = app.get("/search?q=kh%E1%BB%91i&kind=xyz").await;
    odd.assert_lacks("Chỉ hiện kết quả loại");
}

#[test]
fn a_new_database_gets_the_planners_statistics_at_start_up() {
    // SQLite's statistics table; PostgreSQL analyses at start-up too.
    if crate::engine::on_postgres("a_new_database_gets_the_planners_statistics") {
        return;
    }
    use diesel::sql_types::BigInt;
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let app = TestApp::with_demo();
    let mut conn = app.pool().get().unwrap();
    let analysed = diesel::sql_query(
        "SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl IN ('cluster_years', 'award_proposals', 'conferences')",
    )
    .get_result::<Count>(&mut conn)
    .expect("ANALYZE has run: sqlite_stat1 exists");
    assert!(analysed.n >= 3, "{} statistics rows", analysed.n);
}

#[actix_web::test]
async fn kept_tallies_follow_every_save_for_a_signed_in_visitor() {
    use crate::editor::{clerk_of_ha_tinh, full_form, post_form, units, with};
    let s = clerk_of_ha_tinh().await;
    let u = units(&s.app);
    let row = |html: &str| {
        table_rows(html)
            .into_iter()
            .find(|row| row.iter().any(|cell| cell == "huyện Lộc Hà"))
    };
    // Signed in: never the page cache; the tallies kept for this data.
    let before = s.app.get_as("/awards", &s.session).await;
    assert_eq!(before.status, StatusCode::OK);
    let before_row = row(&before.body);
    let again = s.app.get_as("/awards", &s.session).await;
    assert_eq!(row(&again.body), before_row);

    // A save that proposes Lộc Hà for the provincial flag in 2022 shows at
    // once.
    let form = with(
        &full_form(&s, &u),
        &[
            ("a0_unit", &u.loc_ha.to_string()),
            ("a0_kind", &u.provincial_flag.to_string()),
        ],
    );
    let saved = post_form(&s, 2022, &form, &s.session.csrf).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        visible_text(&saved.body)
    );
    let after = s.app.get_as("/awards", &s.session).await;
    assert_ne!(
        row(&after.body),
        before_row,
        "the kept tallies were not refreshed"
    );
    assert!(row(&after.body).is_some());
}
