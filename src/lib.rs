//! thidua: the record of Vietnam's emulation clusters.

pub mod admin;
pub mod audit;
pub mod auth;
pub mod awards;
pub mod bodies;
pub mod charts;
pub mod cli;
pub mod clusters;
pub mod config;
pub mod db;
pub mod decisions;
pub mod documents;
pub mod domain;
pub mod editor;
pub mod generate;
pub mod lookups;
pub mod models;
pub mod ops;
pub mod rotation;
pub mod schema;
pub mod search;
pub mod server;
pub mod titles;
pub mod units;
pub mod web;
pub mod years;
