//! Award tallies like a medal table: units ranked by the awards they won,
//! flags before certificates, proposed and decided counted apart.

mod funnel;
pub mod issuers;
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

/// The tallies and the totals of titles.
pub(crate) type Computed = std::sync::Arc<(Tally, Vec<crate::titles::TitleTotal>)>;

/// Filter sets whose tallies are kept, until a write changes what they
/// count (not at every save: see db::version).
static TALLIES: crate::db::memo::Memo<(Tally, Vec<crate::titles::TitleTotal>)> =
    crate::db::memo::Memo::following(crate::db::memo::Follows::Tallies, 64);

#[derive(Template, WebTemplate)]
#[template(path = "awards/awards.html")]
pub struct AwardsPage {
    pub viewer: Viewer,
    pub computed: Computed,
    pub form: FilterForm,
    pub ignored: Vec<&'static str>,
}

impl AwardsPage {
    pub fn selected(value: &Option<String>, id: &i32) -> bool {
        value.as_deref().map(str::trim) == Some(id.to_string().as_str())
    }

    pub fn selected_text(value: &Option<String>, text: &str) -> bool {
        value.as_deref().map(str::trim) == Some(text)
    }

    pub fn chart_height(&self) -> i32 {
        funnel::chart_height(&self.t().funnel.chart)
    }

    pub fn chart_bars() -> usize {
        funnel::CHART_BARS
    }

    /// The CSV download with this page's filters, every unit in one file.
    pub fn csv_href(&self) -> String {
        self.download_href("csv")
    }

    /// The Excel download with this page's filters.
    pub fn xlsx_href(&self) -> String {
        self.download_href("xlsx")
    }

    fn download_href(&self, extension: &str) -> String {
        let base = self.form.base();
        let query = base
            .trim_start_matches("/awards")
            .trim_end_matches(['&', '?']);
        format!("/awards.{extension}{query}")
    }

    pub fn t(&self) -> &Tally {
        &self.computed.0
    }

    /// Counts of titles totalled across units and years (see `titles`).
    pub fn title_totals(&self) -> &[crate::titles::TitleTotal] {
        &self.computed.1
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

/// The tallies and totals of titles the form's filters select, with the
/// names of the filters it ignored; `per_page` units in a page of the
/// table (the export takes them all).
pub(crate) async fn computed(
    pool: &web::Data<DbPool>,
    form: &FilterForm,
    per_page: usize,
) -> Result<(Computed, Vec<&'static str>), AppError> {
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
    let key = format!(
        "{base}page={}&per={per_page}",
        requested.as_deref().unwrap_or("")
    );
    // The tallies count every published proposal the filters select: kept
    // until the data changes (see db::memo).
    let computed = db::read(pool, move |conn| {
        TALLIES.get_or_compute(conn, key, |conn| {
            let page = tally::PageRequest {
                requested: requested.as_deref(),
                base,
                per_page,
            };
            Ok((
                tally::tally(conn, &filters, page)?,
                crate::titles::totals(conn, &counts)?,
            ))
        })
    })
    .await?;
    Ok((computed, ignored))
}

pub async fn awards_page(
    pool: web::Data<DbPool>,
    query: web::Query<FilterForm>,
    viewer: Viewer,
) -> Result<AwardsPage, AppError> {
    let form = query.into_inner();
    let (computed, ignored) = computed(&pool, &form, tally::ROWS_PER_PAGE).await?;
    Ok(AwardsPage {
        viewer,
        computed,
        form,
        ignored,
    })
}
