//! A pair's stored state: its memory and the version that counts its changes.

use serde::{Deserialize, Serialize};

use super::change::{Change, MemorySet};
use super::timestamp::Timestamp;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairState {
    /// 0 for a pair never written; +1 for every change, never for a no-op.
    pub version: u64,
    pub updated_at: Option<Timestamp>,
    pub memories: MemorySet,
}

impl PairState {
    /// The state after `change`, which must not be empty: a new version.
    pub fn next(&self, change: &Change, now: Timestamp) -> PairState {
        debug_assert!(!change.is_empty(), "no change, no version");
        let mut memories = self.memories.clone();
        memories.apply_change(change);
        PairState {
            version: self.version + 1,
            updated_at: Some(now),
            memories,
        }
    }
}
