//! thidua: the record of Vietnam's emulation clusters.

pub mod awards;
pub mod clusters;
pub mod config;
pub mod db;
pub mod domain;
pub mod lookups;
pub mod models;
pub mod rotation;
pub mod schema;
pub mod search;
pub mod server;
pub mod units;
pub mod web;
pub mod years;
