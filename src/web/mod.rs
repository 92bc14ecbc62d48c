//! What every page shares: errors, headers, static files, the app itself.

pub mod app;
pub mod error;
pub mod form;
pub mod input;
pub mod paragraphs;
pub mod url;
