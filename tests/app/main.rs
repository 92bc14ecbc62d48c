//! Integration tests: the real application on a temporary SQLite file.

mod admin;
mod attachments;
mod auth;
mod browser;
mod decisions;
mod deploy;
mod editor;
mod errors;
mod helpers;
mod migrations;
mod ops;
mod pages;
mod search;
