//! Turning a conversation's new messages into memory operations (SPEC §8).
//!
//! An extractor reads the pair's current memory and the new messages and proposes deletes and
//! upserts; the pair actor applies them like any other update, so the change rules of SPEC §3
//! (no change, no version, no event) hold whatever an extractor proposes.

use std::collections::HashSet;

use futures_util::future::LocalBoxFuture;

use crate::domain::change::{MemorySet, Update};
use crate::domain::memory::{Deletion, Memory};
use crate::domain::message::Message;

pub mod openai;
pub mod rules;

/// What an extractor proposes for one update.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    pub delete: Vec<Deletion>,
    pub upsert: Vec<Memory>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{0}")]
    Failed(String),
    #[error("{0}")]
    Timeout(String),
    #[error("the extractor's answer is not usable: {0}")]
    Invalid(String),
}

/// Which extractor the server runs (`--extractor`).
pub enum Extractor {
    Rules,
    OpenAi(openai::OpenAi),
    None,
}

impl Extractor {
    pub fn accepts_messages(&self) -> bool {
        !matches!(self, Self::None)
    }

    /// The extraction, when this extractor answers at once (the built-in rules do); `None`
    /// for one that must be awaited with [`Extractor::extract_later`].
    pub fn extract_now(&self, current: &MemorySet, messages: &[Message]) -> Option<Extraction> {
        match self {
            Self::Rules => Some(rules::extract(current, messages)),
            Self::None => Some(Extraction::default()),
            Self::OpenAi(_) => None,
        }
    }

    pub fn extract_later(
        &self,
        current: &MemorySet,
        messages: &[Message],
    ) -> LocalBoxFuture<'static, Result<Extraction, ExtractError>> {
        match self {
            Self::OpenAi(openai) => openai.extract(current, messages),
            other => {
                let now = other.extract_now(current, messages).unwrap_or_default();
                Box::pin(async move { Ok(now) })
            }
        }
    }
}

/// The update an extraction and the caller's own `operations` make together: the extractor's
/// proposals first, then the caller's, so that explicit operations win.
pub fn combine(extraction: Extraction, operations: &Update) -> Update {
    match operations {
        Update::Operations { delete, upsert } => {
            // Deletes apply before upserts, so a key the caller deletes must not come back as
            // one of the extractor's upserts.
            let deleted: HashSet<_> = delete.iter().map(|d| &d.unique_identifier).collect();
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
