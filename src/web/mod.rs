//! What every page shares: errors, headers, static files, the app itself.

pub mod app;
pub mod error;
pub mod paragraphs;
pub mod url;
