//! Lists by name come in Vietnamese alphabetical order, and admin lists
//! name what they point to.

use crate::helpers::*;

async fn admin() -> (TestApp, Session) {
    let app = TestApp::with_demo();
    let password = app.add_user("quantri", "admin", &[]);
    let session = app.login("quantri", &password).await;
    (app, session)
}

/// Where each text first appears in the page, in the order given.
fn positions(body: &str, texts: &[&str]) -> Vec<usize> {
    texts
        .iter()
        .map(|t| {
            body.find(t)
                .unwrap_or_else(|| panic!("{t:?} not on the page"))
        })
        .collect()
}

#[actix_web::test]
async fn admin_units_list_in_vietnamese_order() {
    let (app, session) = admin().await;
    let page = app.get_as("/admin/units", &session).await;
    // By bytes, every name starting with Đ would come after "Vũ Quang".
    let order = [
        "huyện An Lão",
        "tỉnh Bắc Kạn",
        "huyện Chợ Mới",
        "thành phố Đà Nẵng",
        "tỉnh Đắk Lắk",
        "tỉnh Gia Lai",
        "huyện Vũ Quang",
    ];
    let at = positions(&page.body, &order);
    assert!(at.is_sorted(), "{order:?} at {at:?}");
}

#[actix_web::test]
async fn unit_drop_down_in_vietnamese_order() {
    let (app, session) = admin().await;
    let page = app.get_as("/admin/units/new", &session).await;
    let at = positions(
        &page.body,
        &[
            "tỉnh Bắc Kạn</option>",
            "tỉnh Đắk Lắk</option>",
            "tỉnh Gia Lai</option>",
        ],
    );
    assert!(at.is_sorted(), "{at:?}");
}

#[actix_web::test]
async fn admin_accounts_show_their_clusters_by_name() {
    let (app, session) = admin().await;
    let cluster = app.cluster_id("Cụm thi đua số 2");
    app.add_user("thuky", "clerk", &[cluster]);
    let page = app.get_as("/admin", &session).await;
    let row_start = page.body.find("thuky").expect("the clerk is listed");
    let row_end = row_start + page.body[row_start..].find("</tr>").expect("row ends");
    let row = &page.body[row_start..row_end];
    assert!(row.contains("Cụm thi đua số 2"), "{row}");
    assert!(!row.contains(&format!(">{cluster}<")), "{row}");
}
