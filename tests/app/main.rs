//! Integration tests: the real application on a temporary SQLite file.

mod browser;
mod errors;
mod helpers;
mod migrations;
mod pages;
mod search;
