//! Pure rules of the domain: no SQL, no HTTP.

pub mod collate;
pub mod dates;
pub mod figures;
pub mod fold;
pub mod labels;
pub mod number;
pub mod rotation;
pub mod typed;
