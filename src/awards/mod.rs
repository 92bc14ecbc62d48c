//! Award tallies like a medal table: units ranked by the awards they won,
//! flags before certificates, proposed and decided counted apart.

mod funnel;
pub mod issuers;
mod memo;
mod tally;

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;
use serde::Deserialize;

use crate::auth::Viewer;
use crate::db::{self, DbPool};
use crate::web::error::AppError;
pub use tally::{Filters, Tally};

/// The filter form as typed; a value that is not a number is ignored and
/// the page says so, rather than failing.
#[derive(Debug, Default, Deserialize)]
pub struct FilterForm {
    pub from: Option<String>,
    pub to: Option<String>,
    pub cluster: Option<String>,
    pub body: Option<String>,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub page: Option<String>,
}

impl FilterForm {
    /// This page's address with its filters and without `page`, ending so
    /// that `page=N` can follow.
    fn base(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("from", &self.from),
            ("to", &self.to),
            ("cluster", &self.cluster),
            ("body", &self.body),
            ("kind", &self.kind),
            ("issuer", &self.issuer),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v.as_deref().map(str::trim).filter(|t| !t.is_empty())?)))
        .collect();
        match serde_urlencoded::to_string(&pairs) {
            Ok(query) if !query.is_empty() => format!("/awards?{query}&"),
            _ => "/awards?".to_string(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "awards/awards.html")]
pub struct AwardsPage {
    pub viewer: Viewer,
    pub t: std::sync::Arc<Tally>,
    pub form: FilterForm,
    pub ignored: Vec<&'static str>,
    /// Counts of titles totalled across units and years (see `titles`).
    pub title_totals: std::sync::Arc<Vec<crate::titles::TitleTotal>>,
}

impl AwardsPage {
    pub fn selected(value: &Option<String>, id: &i32) -> bool {
        value.as_deref().map(str::trim) == Some(id.to_string().as_str())
    }

    pub fn selected_text(value: &Option<String>, text: &str) -> bool {
        value.as_deref().map(str::trim) == Some(text)
    }

    pub fn chart_height(&self) -> i32 {
        funnel::chart_height(&self.t.funnel)
    }

    pub fn n(n: &i64) -> String {
        crate::domain::number::count(*n)
    }
}

fn parse_field(
    value: &Option<String>,
    label: &'static str,
    ignored: &mut Vec<&'static str>,
) -> Option<i32> {
    let text = value.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    match text.parse::<i32>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            ignored.push(label);
            None
        }
    }
}

pub async fn awards_page(
    pool: web::Data<DbPool>,
    query: web::Query<FilterForm>,
    viewer: Viewer,
) -> Result<AwardsPage, AppError> {
    let form = query.into_inner();
    let mut ignored = Vec::new();
    let filters = Filters {
        from_year: parse_field(&form.from, "Từ năm", &mut ignored),
        to_year: parse_field(&form.to, "Đến năm", &mut ignored),
        cluster_id: parse_field(&form.cluster, "Cụm, khối", &mut ignored),
        body_id: parse_field(&form.body, "Cơ quan tổ chức", &mut ignored),
        kind_id: parse_field(&form.kind, "Hình thức", &mut ignored),
        issuer: form
            .issuer
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string),
    };
    let counts = crate::titles::CountFilters {
        from_year: filters.from_year,
        to_year: filters.to_year,
        cluster_id: filters.cluster_id,
        body_id: filters.body_id,
    };
    let base = form.base();
    let requested = form.page.clone();
    let key = format!("{base}page={}", requested.as_deref().unwrap_or(""));
    let computed = db::read(&pool, move |conn| {
        // The version and the tallies from one snapshot of the database.
        diesel::Connection::transaction(conn, |conn| {
            let version = crate::db::version::current(conn)?.version;
            if let Some(hit) = memo::get(&key, version) {
                return Ok(hit);
            }
            let page = tally::PageRequest {
                requested: requested.as_deref(),
                base,
            };
            let computed = memo::Computed {
                tally: std::sync::Arc::new(tally::tally(conn, &filters, page)?),
                title_totals: std::sync::Arc::new(crate::titles::totals(conn, &counts)?),
            };
            memo::put(key, version, computed.clone());
            Ok(computed)
        })
    })
    .await?;
    let (t, title_totals) = (computed.tally, computed.title_totals);
    Ok(AwardsPage {
        viewer,
        title_totals,
        t,
        form,
        ignored,
    })
}
