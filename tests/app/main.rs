//! Integration tests: the real application on a temporary SQLite file.

mod admin;
mod attachments;
mod auth;
mod browser;
mod caching;
mod decisions;
mod decisions_batch;
mod deploy;
mod drafts;
mod editor;
mod errors;
mod fuzz;
mod helpers;
mod issuers;
mod login_hardening;
mod migrations;
mod ops;
mod ordering;
mod pages;
mod partial_dates;
mod rotation_next;
mod roundtrip;
mod search;
mod title_counts;
mod wording;
