//! `GET /healthz` for a load balancer or systemd: 200 when a database
//! connection works and no migration is pending, 503 otherwise. No
//! session, no cookies, no template: two tiny queries.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use crate::db::{DbConn, DbPool};

/// What is wrong, if anything.
fn problem(conn: &mut DbConn) -> Option<&'static str> {
    if diesel::select(1.into_sql::<diesel::sql_types::Integer>())
        .get_result::<i32>(conn)
        .is_err()
    {
        return Some("cơ sở dữ liệu không trả lời");
    }
    match crate::db::has_pending_migration(conn) {
        Ok(false) => None,
        Ok(true) => Some("cơ sở dữ liệu còn migration chưa áp dụng"),
        Err(_) => Some("không đọc được danh sách migration"),
    }
}

pub async fn healthz(pool: web::Data<DbPool>) -> HttpResponse {
    let pool = pool.into_inner();
    let outcome = web::block(move || match pool.get() {
        Ok(mut conn) => problem(&mut conn),
        Err(_) => Some("không lấy được kết nối cơ sở dữ liệu"),
    })
    .await
    .unwrap_or(Some("lỗi nội bộ khi kiểm tra"));
    let mut response = match outcome {
        None => HttpResponse::Ok(),
        Some(_) => HttpResponse::ServiceUnavailable(),
    };
    response
        .insert_header((CONTENT_TYPE, "text/plain; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(match outcome {
            None => "ok\n".to_string(),
            Some(problem) => format!("lỗi: {problem}\n"),
        })
}
