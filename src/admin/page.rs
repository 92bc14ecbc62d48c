//! Generic pages for the admin's records: a list, a form built from field
//! descriptions, and a confirmation before a delete.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use askama::Template;

use crate::auth::Viewer;
use crate::web::error::AppError;

#[derive(Debug, Clone)]
pub enum Kind {
    Text,
    Textarea,
    /// (value, label) pairs; the first is the default.
    Select(Vec<(String, String)>),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub kind: Kind,
    pub value: String,
    pub error: Option<String>,
}

impl Field {
    pub fn text(name: &'static str, label: &'static str, value: String) -> Self {
        Field {
            name,
            label,
            hint: "",
            kind: Kind::Text,
            value,
            error: None,
        }
    }

    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }

    pub fn textarea(mut self) -> Self {
        self.kind = Kind::Textarea;
        self
    }

    pub fn select(mut self, options: Vec<(String, String)>) -> Self {
        self.kind = Kind::Select(options);
        self
    }

    pub fn is_textarea(&self) -> bool {
        matches!(self.kind, Kind::Textarea)
    }

    pub fn options(&self) -> &[(String, String)] {
        match &self.kind {
            Kind::Select(options) => options,
            _ => &[],
        }
    }

    pub fn is_chosen(&self, value: &str) -> bool {
        self.value == value
    }

    pub fn is_select(&self) -> bool {
        matches!(self.kind, Kind::Select(_))
    }
}

#[derive(Template)]
#[template(path = "admin/record_form.html")]
pub struct FormPage {
    pub viewer: Viewer,
    pub title: String,
    pub action: String,
    pub back: String,
    pub version: String,
    pub fields: Vec<Field>,
    pub message: Option<String>,
    /// Extra content under the form (a cluster's members).
    pub extra: Option<MembersPanel>,
}

pub struct MemberLine {
    pub id: i32,
    pub unit: String,
    pub span: String,
    pub decision: String,
}

/// A cluster's memberships, with a form to add one.
pub struct MembersPanel {
    pub cluster_id: i32,
    pub lines: Vec<MemberLine>,
    pub units: Vec<(String, String)>,
    pub fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "admin/list.html")]
pub struct ListPage {
    pub viewer: Viewer,
    pub title: String,
    pub new_link: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<ListRow>,
}

pub struct ListRow {
    pub cells: Vec<String>,
    pub edit: String,
    pub delete: String,
}

/// A delete's confirmation, carrying the version of the record shown.
#[derive(Template)]
#[template(path = "admin/confirm_versioned.html")]
pub struct ConfirmPage {
    pub viewer: Viewer,
    pub title: String,
    pub question: String,
    pub action: String,
    pub back: String,
    /// The record's version when the page was shown; a delete of a record
    /// changed since is refused.
    pub version: String,
    pub message: Option<String>,
}

pub fn html(status: StatusCode, page: &impl Template) -> Result<HttpResponse, AppError> {
    let body = page
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(body))
}
