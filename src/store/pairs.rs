//! Pair state: read, written with its event in one transaction, listed per project.

use serde::Serialize;
use sled::Transactional;

use super::NewEvent;
use super::{
    BadCursor, Page, Store, StoreError, cursor_decode, cursor_encode, decode, encode, keys,
};
use crate::domain::ids::{PairKey, PersonaProfileId, ProjectId, UserProfileId};
use crate::domain::pair::PairState;
use crate::domain::timestamp::Timestamp;

/// A pair as `GET .../pairs` lists it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PairSummary {
    pub user_profile_id: UserProfileId,
    pub persona_profile_id: PersonaProfileId,
    pub version: u64,
    pub memory_count: usize,
    pub updated_at: Option<Timestamp>,
}

impl Store {
    /// The pair's state; a pair never written is version 0 with no memories.
    pub fn pair(&self, pair: &PairKey) -> Result<PairState, StoreError> {
        match self.inner.pairs.get(keys::pair(pair))? {
            Some(bytes) => decode("pair state", &bytes),
            None => Ok(PairState::default()),
        }
    }

    /// Writes the pair's new state and, when there is one, its event, atomically. Not yet
    /// durable: await [`Store::flushed`] before telling anyone.
    pub fn commit_change(
        &self,
        pair: &PairKey,
        state: &PairState,
        event: Option<&NewEvent>,
    ) -> Result<(), StoreError> {
        let pair_key = keys::pair(pair);
        let state_bytes = encode(state);
        let event = event.map(|e| {
            (
                keys::event(&pair.project, &e.record.id),
                encode(&e.record),
                e.payload.as_str(),
            )
        });
        let inner = &self.inner;
        (&inner.pairs, &inner.events, &inner.payloads, &inner.pending).transaction(
            |(pairs, events, payloads, pending)| {
                pairs.insert(pair_key.as_slice(), state_bytes.as_slice())?;
                if let Some((key, record, payload)) = &event {
                    events.insert(key.as_slice(), record.as_slice())?;
                    payloads.insert(key.as_slice(), payload.as_bytes())?;
                    pending.insert(key.as_slice(), &[])?;
                }
                Ok(())
            },
        )?;
        Ok(())
    }

    /// The project's pairs in key order, `limit` at a time.
    pub fn pairs(
        &self,
        project: &ProjectId,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Result<Page<PairSummary>, BadCursor>, StoreError> {
        let prefix = keys::project(project);
        let mut start = prefix.clone();
        if let Some(cursor) = cursor {
            let Ok(after) = cursor_decode(cursor) else {
                return Ok(Err(BadCursor));
            };
            start.extend_from_slice(&after);
            // Strictly after the last key of the previous page.
            start.push(0);
        }
        let mut items = Vec::new();
        let mut last_suffix = None;
        for entry in self.inner.pairs.range(start..) {
            let (key, value) = entry?;
            if !key.starts_with(&prefix) {
                break;
            }
            if items.len() == limit {
                return Ok(Ok(Page {
                    items,
                    next_cursor: last_suffix.map(|s: Vec<u8>| cursor_encode(&s)),
                }));
            }
            let (user, persona) = keys::pair_ids(&key, prefix.len())
                .ok_or_else(|| StoreError::Corrupt("a pair key does not decode".into()))?;
            let state: PairState = decode("pair state", &value)?;
            items.push(PairSummary {
                user_profile_id: user,
                persona_profile_id: persona,
                version: state.version,
                memory_count: state.memories.len(),
                updated_at: state.updated_at,
            });
            last_suffix = Some(key[prefix.len()..].to_vec());
        }
        Ok(Ok(Page {
            items,
            next_cursor: None,
        }))
    }
}
