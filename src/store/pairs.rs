//! Pair state: read, written with its event in one transaction, listed per project.

use serde::Serialize;
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::NewEvent;
use super::Then;
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
            Some(bytes) => decode_state(&bytes),
            None => Ok(PairState::default()),
        }
    }

    /// The pair's state and the revision it is stored at, for the pair's writer.
    pub fn pair_revision(&self, pair: &PairKey) -> Result<(PairState, Revision), StoreError> {
        match self.inner.pairs.get(keys::pair(pair))? {
            Some(bytes) => Ok((decode_state(&bytes)?, revision(&bytes)?)),
            None => Ok((PairState::default(), Revision::NEVER_WRITTEN)),
        }
    }

    /// Writes the pair's new state and, when there is one, its event, atomically, with the
    /// changes of other writers in one group commit. Answers the revision `state` will be
    /// stored at, and a future that resolves once it is on disk. `then`, if given, hears first,
    /// on the commit thread and in commit order, whether it is durable.
    ///
    /// A write is refused with [`StoreError::Stale`], and writes nothing, unless the pair is
    /// stored at revision `after` when its turn comes: a pair's changes form one chain even
    /// when an actor died with writes still queued, or one of its writes failed.
    pub fn commit_change(
        &self,
        pair: &PairKey,
        after: Revision,
        state: &PairState,
        event: Option<&NewEvent>,
        then: Option<Then>,
    ) -> (
        Revision,
        impl Future<Output = Result<(), StoreError>> + Send + use<>,
    ) {
        let revision = self.inner.revisions.next();
        let write = ChangeWrite {
            pair: keys::pair(pair),
            after,
            state: encode_state(revision, state),
            event: event.map(|e| {
                (
                    keys::event(&pair.project, &e.record.id),
                    encode(&e.record),
                    e.payload.clone().into_bytes(),
                )
            }),
        };
        (revision, self.inner.group_commit.commit(write, then))
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
            // A pair cursor is a pair key without its project.
            let Some(after) = cursor_decode(cursor)
                .ok()
                .filter(|after| keys::pair_ids(after, 0).is_some())
            else {
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
            let state = decode_state(&value)?;
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

/// A change as the commit thread writes it: keys and values already encoded by the writer.
pub(super) struct ChangeWrite {
    pair: Vec<u8>,
    after: Revision,
    state: Vec<u8>,
    /// Event key, record and payload.
    event: Option<(Vec<u8>, Vec<u8>, Vec<u8>)>,
}

/// The trees a change writes, for the commit thread.
pub(super) struct ChangeTrees {
    pub pairs: sled::Tree,
    pub events: sled::Tree,
    pub payloads: sled::Tree,
    pub pending: sled::Tree,
}

impl ChangeTrees {
    /// Writes every change of a group in one transaction. Answers one verdict per entry
    /// (`None` entries only wait for the flush): `Stale` for a change whose pair is not at the
    /// revision it builds on, which is skipped.
    pub(super) fn write(
        &self,
        group: &[Option<ChangeWrite>],
    ) -> Result<Vec<Result<(), StoreError>>, StoreError> {
        if group.iter().all(Option::is_none) {
            return Ok(vec![Ok(()); group.len()]);
        }
        let trees = (&self.pairs, &self.events, &self.payloads, &self.pending);
        Ok(trees.transaction(|(pairs, events, payloads, pending)| {
            // The closure may run again on a conflict: every verdict is decided afresh.
            let mut verdicts = Vec::with_capacity(group.len());
            for write in group {
                let Some(write) = write else {
                    verdicts.push(Ok(()));
                    continue;
                };
                if stored_revision(pairs, &write.pair)? != write.after {
                    verdicts.push(Err(StoreError::Stale));
                    continue;
                }
                pairs.insert(write.pair.as_slice(), write.state.as_slice())?;
                if let Some((key, record, payload)) = &write.event {
                    events.insert(key.as_slice(), record.as_slice())?;
                    payloads.insert(key.as_slice(), payload.as_slice())?;
                    pending.insert(key.as_slice(), &[])?;
                }
                verdicts.push(Ok(()));
            }
            Ok(verdicts)
        })?)
    }
}

/// Which write a pair's stored state came from. Random, so that two histories of a pair (an
/// actor that died with writes queued, and the one that replaced it) never share one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revision(u64);

impl Revision {
    pub const NEVER_WRITTEN: Revision = Revision(0);
}

/// Makes revisions: a counter hashed with keys drawn at start, cheaper than asking the OS.
#[derive(Default)]
pub(super) struct Revisions {
    keys: std::hash::RandomState,
    counter: std::sync::atomic::AtomicU64,
}

impl Revisions {
    fn next(&self) -> Revision {
        let n = self
            .counter
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Revision(std::hash::BuildHasher::hash_one(&self.keys, n).max(1))
    }
}

/// The revision a pair is stored at; [`Revision::NEVER_WRITTEN`] for a pair never written.
/// Reads this transaction's own earlier writes, so several changes of one pair can share a
/// group.
fn stored_revision(
    pairs: &TransactionalTree,
    key: &[u8],
) -> Result<Revision, ConflictableTransactionError<StoreError>> {
    match pairs.get(key)? {
        None => Ok(Revision::NEVER_WRITTEN),
        Some(bytes) => revision(&bytes).map_err(ConflictableTransactionError::Abort),
    }
}

/// A pair's state is stored behind its revision (8 bytes), so that the commit thread checks
/// it without decoding the memories.
fn encode_state(revision: Revision, state: &PairState) -> Vec<u8> {
    let mut bytes = revision.0.to_be_bytes().to_vec();
    serde_json::to_writer(&mut bytes, state).expect("a pair state always serialises");
    bytes
}

fn revision(bytes: &[u8]) -> Result<Revision, StoreError> {
    let prefix = bytes.get(..8).and_then(|b| <[u8; 8]>::try_from(b).ok());
    prefix
        .map(|b| Revision(u64::from_be_bytes(b)))
        .ok_or_else(|| StoreError::Corrupt("a pair state has no revision".into()))
}

fn decode_state(bytes: &[u8]) -> Result<PairState, StoreError> {
    decode("pair state", bytes.get(8..).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::{EventId, EventKind, EventRecord};
    use crate::domain::timestamp::UnixMillis;
    use crate::store::StoreOptions;
    use std::sync::{Arc, Mutex};

    fn key() -> PairKey {
        PairKey {
            project: "p".try_into().unwrap(),
            user: "u".try_into().unwrap(),
            persona: "q".try_into().unwrap(),
        }
    }

    fn event(version: u64) -> NewEvent {
        let record = EventRecord::new(
            EventId::new(),
            EventKind::MemoryChanged,
            key().user,
            key().persona,
            version,
            UnixMillis(0),
        );
        NewEvent {
            record,
            payload: format!("{{\"v\":{version}}}"),
        }
    }

    fn version(n: u64) -> PairState {
        PairState {
            version: n,
            ..PairState::default()
        }
    }

    #[actix_web::test]
    async fn changes_queued_back_to_back_land_in_order() {
        let dir = tempfile::TempDir::new().unwrap();
        let store = Store::open(dir.path(), &StoreOptions::default(), |_| {}).unwrap();
        let (r1, first) =
            store.commit_change(&key(), Revision::NEVER_WRITTEN, &version(1), None, None);
        let (r2, second) = store.commit_change(&key(), r1, &version(2), None, None);
        let (first, second) = futures_util::future::join(first, second).await;
        first.unwrap();
        second.unwrap();
        assert_eq!(store.pair_revision(&key()).unwrap(), (version(2), r2));
    }

    /// An actor that died with a write queued is replaced by one that loaded the pair before
    /// the write landed: the new actor's writes build on a state that is not stored, and
    /// every one of them is refused, even the second, whose version number would follow on.
    #[actix_web::test]
    async fn a_second_history_of_a_pair_is_refused_whole() {
        let dir = tempfile::TempDir::new().unwrap();
        let store = Store::open(dir.path(), &StoreOptions::default(), |_| {}).unwrap();
        let heard = Arc::new(Mutex::new(Vec::new()));
        let hear = |name: &'static str| {
            let heard = Arc::clone(&heard);
            Some(Box::new(move |durable| heard.lock().unwrap().push((name, durable))) as Then)
        };
        let (old, old_write) = store.commit_change(
            &key(),
            Revision::NEVER_WRITTEN,
            &version(1),
            Some(&event(1)),
            hear("old"),
        );
        let stale_event = event(2);
        let (new, new_write) = store.commit_change(
            &key(),
            Revision::NEVER_WRITTEN,
            &version(1),
            Some(&event(1)),
            hear("new"),
        );
        let (_, next_write) =
            store.commit_change(&key(), new, &version(2), Some(&stale_event), hear("next"));
        old_write.await.unwrap();
        assert!(matches!(new_write.await, Err(StoreError::Stale)));
        assert!(matches!(next_write.await, Err(StoreError::Stale)));
        assert_eq!(
            *heard.lock().unwrap(),
            [("old", true), ("new", false), ("next", false)],
            "each writer hears its verdict, in commit order"
        );

        assert_eq!(store.pair_revision(&key()).unwrap(), (version(1), old));
        let project = key().project;
        assert!(
            store
                .event(&project, &stale_event.record.id)
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .payload(&project, &stale_event.record.id)
                .unwrap()
                .is_none()
        );
        assert_eq!(
            store.pending_events().unwrap().len(),
            1,
            "only the old write's event"
        );
    }
}
