//! Turning a conversation's new messages into memory operations (SPEC §8).
//!
//! An extractor reads the pair's current memory and the new messages and proposes deletes and
//! upserts; the pair actor applies them like any other update, so the change rules of SPEC §3
//! (no change, no version, no event) hold whatever an extractor proposes.

use crate::domain::memory::{Deletion, Memory};

pub mod rules;

/// What an extractor proposes for one update.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    pub delete: Vec<Deletion>,
    pub upsert: Vec<Memory>,
}
