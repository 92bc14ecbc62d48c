//! What every page shares: errors, headers, static files, the app itself.

pub mod access_log;
pub mod admission;
pub mod app;
pub mod assets;
pub mod cache;
pub mod error;
pub mod form;
pub mod health;
pub mod input;
pub mod paging;
pub mod paragraphs;
pub mod routes;
pub mod upload;
pub mod url;
