//! Turning a conversation's new messages into memory operations (SPEC §8).
//!
//! An extractor reads the pair's current memory and the new messages and proposes deletes and
//! upserts; the pair actor applies them like any other update, so the change rules of SPEC §3
//! (no change, no version, no event) hold whatever an extractor proposes.

use crate::domain::change::{MemorySet, Update};
use crate::domain::memory::{Deletion, Memory};
use crate::domain::message::Message;

pub mod rules;

/// What an extractor proposes for one update.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    pub delete: Vec<Deletion>,
    pub upsert: Vec<Memory>,
}

/// Which extractor the server runs (`--extractor`).
pub enum Extractor {
    Rules,
    None,
}

impl Extractor {
    pub fn accepts_messages(&self) -> bool {
        !matches!(self, Self::None)
    }

    /// The update `messages` and the caller's own `operations` make together: the extractor's
    /// proposals first, then the caller's, so that explicit operations win.
    pub fn combine(
        &self,
        current: &MemorySet,
        messages: &[Message],
        operations: &Update,
    ) -> Update {
        let extraction = match self {
            Self::Rules => rules::extract(current, messages),
            Self::None => Extraction::default(),
        };
        match operations {
            Update::Operations { delete, upsert } => {
                // Deletes apply before upserts, so a key the caller deletes must not come back
                // as one of the extractor's upserts.
                let deleted: std::collections::HashSet<_> =
                    delete.iter().map(|d| &d.unique_identifier).collect();
                Update::Operations {
                    delete: extraction
                        .delete
                        .into_iter()
                        .chain(delete.iter().cloned())
                        .collect(),
                    upsert: extraction
                        .upsert
                        .into_iter()
                        .filter(|m| !deleted.contains(&m.unique_identifier))
                        .chain(upsert.iter().cloned())
                        .collect(),
                }
            }
            other => other.clone(),
        }
    }
}
