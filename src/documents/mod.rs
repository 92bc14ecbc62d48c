//! The documents a board works with, beside the pages: spreadsheets of
//! the tallies, a year's tables, the rotation and the catalogue (Excel and
//! CSV), the yearly report as a Word file and the award dossier.
//!
//! Each download builds its content from the same loaders as its page, so
//! a file never says what the page does not, and drafts reach only those
//! who may see them.

pub mod clusters;
pub mod csv;
pub mod dossier;
pub mod download;
pub mod layout;
pub mod office;
pub mod report;
pub mod rotation;
pub mod sheet;
pub mod tallies;
pub mod word;
pub mod xlsx;
pub mod year_tables;
