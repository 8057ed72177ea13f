//! The built-in offline extractor: English statements about the categories of SPEC §2.

use super::Extraction;
use crate::domain::change::MemorySet;
use crate::domain::message::Message;

/// Proposes the operations that `messages` imply for a pair whose memory is `current`.
pub fn extract(_current: &MemorySet, _messages: &[Message]) -> Extraction {
    Extraction::default()
}
